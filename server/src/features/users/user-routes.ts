/**
 * GET/POST /municipalities/:m/users, GET/PATCH/DELETE /municipalities/:m/users/:id
 * ('users:manage': the platform administrator and the municipality's administrators).
 */
import type { RoutePlugin } from '../../http/route-plugin.js';
import { mParams, mIdParams } from '../../http/params.js';
import type { Services } from '../../services.js';
import { filters, listPage, listQuerySchema, type FilterReaders, type ListSpec } from '../../http/list.js';
import { PASSWORD_POLICY } from '../auth/credentials.js';
import { requirePrincipal } from '../auth/auth-plugin.js';
import { MUNICIPALITY_ROLES, USER_SORTABLE, type UserSortField } from './user-repository.js';

const userSchema = {
  type: 'object',
  required: ['id', 'username', 'role', 'municipality', 'disabled', 'createdAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    username: { type: 'string' },
    role: { type: 'string', enum: [...MUNICIPALITY_ROLES] },
    municipality: { type: ['string', 'null'] },
    disabled: { type: 'boolean' },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

const passwordSchema = {
  type: 'string',
  minLength: PASSWORD_POLICY.minLength,
  maxLength: PASSWORD_POLICY.maxLength,
  description: `At least ${PASSWORD_POLICY.minLength} characters`,
} as const;

const roleSchema = { type: 'string', enum: [...MUNICIPALITY_ROLES] } as const;
const commentSchema = {
  type: 'string',
  maxLength: 2000,
  description: 'Why: recorded in the audit log',
} as const;

const USER_LIST = {
  resource: 'users',
  sortable: USER_SORTABLE,
  defaultSort: 'username',
  defaultOrder: 'asc',
  filters: {
    id: filters.uuids,
    q: filters.text,
    username: filters.strings,
    role: filters.strings,
    disabled: filters.boolean,
  },
} satisfies ListSpec<UserSortField, FilterReaders>;

export const userRoutes: RoutePlugin<Services> = async (app, { users: service }) => {
  app.get(
    '/municipalities/:m/users',
    {
      config: { permission: 'users:manage' },
      schema: {
        tags: ['users'],
        summary: "A municipality's console users. Filter: id, q, username, role, disabled",
        params: mParams,
        querystring: listQuerySchema,
        response: { 200: { type: 'array', items: userSchema } },
      },
    },
    async (request, reply) => {
      return listPage(request.query, reply, USER_LIST, (filter, page) =>
        service.list(request.params.m, filter, page),
      );
    },
  );

  app.post(
    '/municipalities/:m/users',
    {
      config: { permission: 'users:manage' },
      schema: {
        tags: ['users'],
        summary: 'Create a console user (admin, caseworker or auditor); 409 when the username is taken',
        params: mParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['username', 'password', 'role'],
          properties: {
            username: {
              type: 'string',
              minLength: 2,
              maxLength: 100,
              pattern: '^[a-z0-9][a-z0-9._@-]*$',
              description: 'Lower-case letters, digits and . _ @ -',
            },
            password: passwordSchema,
            role: roleSchema,
            comment: commentSchema,
          },
        },
        response: { 201: userSchema },
      },
    },
    async (request, reply) => {
      const user = await service.create(requirePrincipal(request), request.params.m, request.body);
      reply.code(201).header('location', `${request.url.split('?')[0]}/${user.id}`);
      return user;
    },
  );

  app.get(
    '/municipalities/:m/users/:id',
    {
      config: { permission: 'users:manage' },
      schema: {
        tags: ['users'],
        summary: 'One console user',
        params: mIdParams,
        response: { 200: userSchema },
      },
    },
    async (request) => service.get(request.params.m, request.params.id),
  );

  app.patch(
    '/municipalities/:m/users/:id',
    {
      config: { permission: 'users:manage' },
      schema: {
        tags: ['users'],
        summary:
          "Change a user's role, disable/enable them, or reset their password (disabling or a reset ends their sessions)",
        params: mIdParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            role: roleSchema,
            disabled: { type: 'boolean' },
            password: passwordSchema,
            comment: commentSchema,
          },
        },
        response: { 200: userSchema },
      },
    },
    async (request) =>
      service.update(
        requirePrincipal(request),
        request.params.m,
        request.params.id,
        request.body,
        request.sessionToken,
      ),
  );

  app.delete(
    '/municipalities/:m/users/:id',
    {
      config: { permission: 'users:manage' },
      schema: {
        tags: ['users'],
        summary: 'Disable a user (the account stays for the audit trail) and end their sessions',
        params: mIdParams,
        querystring: { type: 'object', properties: { comment: commentSchema } },
        response: { 200: userSchema },
      },
    },
    async (request) =>
      service.disable(requirePrincipal(request), request.params.m, request.params.id, request.query.comment),
  );
};
