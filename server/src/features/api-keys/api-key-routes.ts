/**
 * GET/POST /municipalities/:m/api-keys, GET/DELETE /municipalities/:m/api-keys/:id
 * ('apikeys:manage'). The key is in the 201 answer and nowhere else, ever.
 */
import type { RoutePlugin } from '../../http/route-plugin.js';
import { mParams, mIdParams } from '../../http/params.js';
import type { Services } from '../../services.js';
import { filters, listPage, listQuerySchema, type FilterReaders, type ListSpec } from '../../http/list.js';
import { requirePrincipal } from '../auth/auth-plugin.js';
import { API_KEY_ROLES, API_KEY_SORTABLE, type ApiKeySortField } from './api-key-repository.js';

const apiKeyProperties = {
  id: { type: 'string', format: 'uuid' },
  name: { type: 'string' },
  role: { type: 'string', enum: [...API_KEY_ROLES] },
  municipality: { type: 'string' },
  prefix: { type: 'string', description: 'The visible start of the key: rvk_<prefix>_…' },
  createdBy: { type: 'string' },
  createdAt: { type: 'string', format: 'date-time' },
  revoked: { type: 'boolean' },
  revokedAt: { type: ['string', 'null'], format: 'date-time' },
} as const;

const apiKeySchema = {
  type: 'object',
  required: [
    'id',
    'name',
    'role',
    'municipality',
    'prefix',
    'createdBy',
    'createdAt',
    'revoked',
    'revokedAt',
  ],
  properties: apiKeyProperties,
} as const;

const createdKeySchema = {
  type: 'object',
  required: [...apiKeySchema.required, 'key'],
  properties: {
    ...apiKeyProperties,
    key: {
      type: 'string',
      description: 'The API key, for "Authorization: Bearer <key>". Shown this once; store it now.',
    },
  },
} as const;

const commentSchema = {
  type: 'string',
  maxLength: 2000,
  description: 'Why: recorded in the audit log',
} as const;

const API_KEY_LIST = {
  resource: 'api-keys',
  sortable: API_KEY_SORTABLE,
  defaultSort: 'createdAt',
  defaultOrder: 'desc',
  filters: { id: filters.uuids, q: filters.text, role: filters.strings, revoked: filters.boolean },
} satisfies ListSpec<ApiKeySortField, FilterReaders>;

export const apiKeyRoutes: RoutePlugin<Services> = async (app, { apiKeys: service }) => {
  app.get(
    '/municipalities/:m/api-keys',
    {
      config: { permission: 'apikeys:manage' },
      schema: {
        tags: ['api-keys'],
        summary: "A municipality's API keys (prefix only, never the key). Filter: id, q, role, revoked",
        params: mParams,
        querystring: listQuerySchema,
        response: { 200: { type: 'array', items: apiKeySchema } },
      },
    },
    async (request, reply) => {
      return listPage(request.query, reply, API_KEY_LIST, (filter, page) =>
        service.list(request.params.m, filter, page),
      );
    },
  );

  app.post(
    '/municipalities/:m/api-keys',
    {
      config: { permission: 'apikeys:manage' },
      schema: {
        tags: ['api-keys'],
        summary: 'Create an API key; the key is returned this once (201 {key, …})',
        params: mParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'role'],
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 100, pattern: '^\\S(.*\\S)?$' },
            role: { type: 'string', enum: [...API_KEY_ROLES] },
            comment: commentSchema,
          },
        },
        response: { 201: createdKeySchema },
      },
    },
    async (request, reply) => {
      const created = await service.create(requirePrincipal(request), request.params.m, request.body);
      reply
        .code(201)
        .header('location', `${request.url.split('?')[0]}/${created.id}`)
        .header('cache-control', 'no-store');
      return created;
    },
  );

  app.get(
    '/municipalities/:m/api-keys/:id',
    {
      config: { permission: 'apikeys:manage' },
      schema: {
        tags: ['api-keys'],
        summary: 'One API key (prefix only)',
        params: mIdParams,
        response: { 200: apiKeySchema },
      },
    },
    async (request) => service.get(request.params.m, request.params.id),
  );

  app.delete(
    '/municipalities/:m/api-keys/:id',
    {
      config: { permission: 'apikeys:manage' },
      schema: {
        tags: ['api-keys'],
        summary: 'Revoke an API key: it is refused (401) from the next request on',
        params: mIdParams,
        querystring: { type: 'object', properties: { comment: commentSchema } },
        response: { 200: apiKeySchema },
      },
    },
    async (request) =>
      service.revoke(requirePrincipal(request), request.params.m, request.params.id, request.query.comment),
  );
};
