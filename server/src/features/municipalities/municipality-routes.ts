/**
 * GET/POST /municipalities, GET/PATCH /municipalities/:m. Thin: schema → service → response.
 * Role and tenant are enforced centrally from `config.permission` and `:m` (auth-plugin.ts);
 * the list is narrowed to the caller's own municipality in the service.
 */
import type { RoutePlugin } from '../../http/route-plugin.js';
import { municipalityParam, mParams } from '../../http/params.js';
import type { Services } from '../../services.js';
import { filters, listPage, listQuerySchema, type FilterReaders, type ListSpec } from '../../http/list.js';
import { requirePrincipal } from '../auth/auth-plugin.js';
import { MUNICIPALITY_SORTABLE, type MunicipalitySortField } from './municipality-repository.js';

const eansSchema = {
  type: 'array',
  maxItems: 50,
  items: { type: 'string', pattern: '^[0-9]{13}$', description: 'EAN/GLN: 13 digits, GS1 check digit' },
} as const;

const nameSchema = { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' } as const;
const commentSchema = {
  type: 'string',
  maxLength: 2000,
  description: 'Why: recorded in the audit log',
} as const;

export const municipalitySchema = {
  type: 'object',
  required: ['id', 'name', 'eans'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    eans: { type: 'array', items: { type: 'string' } },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

const MUNICIPALITY_LIST = {
  resource: 'municipalities',
  sortable: MUNICIPALITY_SORTABLE,
  defaultSort: 'id',
  defaultOrder: 'asc',
  filters: { id: filters.values, q: filters.text },
} satisfies ListSpec<MunicipalitySortField, FilterReaders>;

export const municipalityRoutes: RoutePlugin<Services> = async (app, { municipalities: service }) => {
  app.get(
    '/municipalities',
    {
      config: { permission: 'municipalities:read' },
      schema: {
        tags: ['municipalities'],
        summary:
          'Municipalities: all for the platform administrator, your own for everyone else. Filter: id, q',
        querystring: listQuerySchema,
        response: { 200: { type: 'array', items: municipalitySchema } },
      },
    },
    async (request, reply) => {
      return listPage(request.query, reply, MUNICIPALITY_LIST, (filter, page) =>
        service.list(requirePrincipal(request), filter, page),
      );
    },
  );

  app.post(
    '/municipalities',
    {
      config: { permission: 'municipalities:manage' },
      schema: {
        tags: ['municipalities'],
        summary: 'Create a municipality (platform administrator)',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'name'],
          properties: {
            id: municipalityParam,
            name: nameSchema,
            eans: { ...eansSchema, default: [] },
            comment: commentSchema,
          },
        },
        response: { 201: municipalitySchema },
      },
    },
    async (request, reply) => {
      const created = await service.create(requirePrincipal(request), request.body);
      reply.code(201).header('location', `${request.url.split('?')[0]}/${created.id}`);
      return created;
    },
  );

  app.get(
    '/municipalities/:m',
    {
      config: { permission: 'municipalities:read' },
      schema: {
        tags: ['municipalities'],
        summary: 'One municipality',
        params: mParams,
        response: { 200: municipalitySchema },
      },
    },
    async (request) => service.get(request.params.m),
  );

  app.patch(
    '/municipalities/:m',
    {
      config: { permission: 'municipalities:manage' },
      schema: {
        tags: ['municipalities'],
        summary: "Change a municipality's name or EANs (platform administrator)",
        params: mParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { name: nameSchema, eans: eansSchema, comment: commentSchema },
        },
        response: { 200: municipalitySchema },
      },
    },
    async (request) => service.update(requirePrincipal(request), request.params.m, request.body),
  );
};
