/**
 * GET /municipalities/:m/audit-events (+ /:id) and the platform-wide GET /audit-events (+ /:id),
 * with react-admin's list conventions. Filter: entity, entityId, action, actor (each a value or
 * a list), from/to (ISO 8601, inclusive), q (free text), id; and municipality on the platform list.
 */
import type { RoutePlugin } from '../../http/route-plugin.js';
import { municipalityParam, mParams } from '../../http/params.js';
import type { Services } from '../../services.js';
import { filters, listPage, listQuerySchema, type FilterReaders, type ListSpec } from '../../http/list.js';
import { requirePrincipal } from '../auth/auth-plugin.js';
import { AUDIT_SORTABLE, type AuditSortField } from './audit-repository.js';

const auditEventSchema = {
  type: 'object',
  required: ['id', 'municipality', 'actor', 'action', 'entity', 'entityId', 'createdAt'],
  properties: {
    id: { type: 'string' },
    municipality: { type: ['string', 'null'] },
    actor: { type: 'string', description: 'user:<username>, api-key:<name> or system' },
    action: { type: 'string' },
    entity: { type: 'string' },
    entityId: { type: ['string', 'null'] },
    before: {},
    after: {},
    comment: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

/** `municipality` (a code or null, or a list) narrows the platform-wide list; on a municipality's own list it must include it. */
const AUDIT_LIST = {
  resource: 'audit-events',
  sortable: AUDIT_SORTABLE,
  defaultSort: 'id',
  defaultOrder: 'desc',
  filters: {
    id: filters.values,
    entity: filters.strings,
    entityId: filters.strings,
    action: filters.strings,
    actor: filters.strings,
    from: filters.time,
    to: filters.time,
    q: filters.text,
    municipality: filters.codesOrNull,
  },
} satisfies ListSpec<AuditSortField, FilterReaders>;

/** An audit event's id: its sequence number (a bigint, as a string). */
const eventIdParam = { type: 'string', maxLength: 20 } as const;

export const auditRoutes: RoutePlugin<Services> = async (app, { audit: service }) => {
  app.get(
    '/municipalities/:m/audit-events',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary:
          "A municipality's configuration audit log, newest first. Filter: entity, entityId, action, actor, from, to, q, id",
        params: mParams,
        querystring: listQuerySchema,
        response: { 200: { type: 'array', items: auditEventSchema } },
      },
    },
    async (request, reply) => {
      return listPage(request.query, reply, AUDIT_LIST, (filter, page) =>
        service.listForMunicipality(request.params.m, filter, page),
      );
    },
  );

  app.get(
    '/municipalities/:m/audit-events/:id',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'One audit event of a municipality',
        params: {
          type: 'object',
          required: ['m', 'id'],
          properties: { m: municipalityParam, id: eventIdParam },
        },
        response: { 200: auditEventSchema },
      },
    },
    async (request) => service.getForMunicipality(request.params.m, request.params.id),
  );

  app.get(
    '/audit-events',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary:
          'The platform-wide audit log (platform administrator: every municipality and the platform itself; others: their own municipality). Filter as above, plus municipality (a code or null)',
        querystring: listQuerySchema,
        response: { 200: { type: 'array', items: auditEventSchema } },
      },
    },
    async (request, reply) => {
      return listPage(request.query, reply, AUDIT_LIST, (filter, page) =>
        service.listAll(requirePrincipal(request), filter, page),
      );
    },
  );

  app.get(
    '/audit-events/:id',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'One audit event (platform administrator: any; others: their own municipality)',
        params: { type: 'object', required: ['id'], properties: { id: eventIdParam } },
        response: { 200: auditEventSchema },
      },
    },
    async (request) => service.get(requirePrincipal(request), request.params.id),
  );
};
