/**
 * GET /municipalities/:m/audit-events (+ /:id) and the platform-wide GET /audit-events (+ /:id),
 * with react-admin's list conventions. Filter: entity, entityId, action, actor (each a value or
 * a list), from/to (ISO 8601, inclusive), q (free text), id; and municipality on the platform list.
 */
import type { RoutePlugin } from '../../http/route-plugin.js';
import { municipalityParam, mParams } from '../../http/params.js';
import type { AppServices } from '../../app.js';
import { listQuerySchema, listPage, type ListParams } from '../../http/list.js';
import { requirePrincipal } from '../auth/auth-plugin.js';
import { AUDIT_FILTERABLE, AUDIT_SORTABLE, type AuditSortField } from './audit-repository.js';
import { AuditService } from './audit-service.js';

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

const listOptions = {
  sortable: AUDIT_SORTABLE,
  defaultSort: 'id' as AuditSortField,
  defaultOrder: 'desc' as const,
  filterable: AUDIT_FILTERABLE,
};

/** An audit event's id: its sequence number (a bigint, as a string). */
const eventIdParam = { type: 'string', maxLength: 20 } as const;

export const auditRoutes: RoutePlugin<AppServices> = async (app, { ctx }) => {
  const service = new AuditService(ctx.db);

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
      return listPage(request, reply, 'audit-events', listOptions, (params: ListParams<AuditSortField>) =>
        service.listForMunicipality(request.params.m, params),
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
      return listPage(request, reply, 'audit-events', listOptions, (params: ListParams<AuditSortField>) =>
        service.listAll(requirePrincipal(request), params),
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
