/** POST /auth/login, POST /auth/logout, GET /auth/me. */
import type { RoutePlugin } from '../../http/route-plugin.js';
import type { Services } from '../../services.js';
import { UnauthorizedError } from '../../http/errors.js';
import { requirePrincipal, SESSION_COOKIE } from './auth-plugin.js';
import { permissionsOf } from './permissions.js';

const meSchema = {
  type: 'object',
  required: ['username', 'role', 'municipality'],
  properties: {
    username: { type: 'string' },
    role: { type: 'string' },
    municipality: { type: ['string', 'null'] },
    kind: { type: 'string', enum: ['user', 'apiKey'] },
  },
} as const;

/** `me` also names what the role may do (the console builds its menu from it; the server still checks). */
const meWithPermissionsSchema = {
  ...meSchema,
  required: [...meSchema.required, 'permissions'],
  properties: {
    ...meSchema.properties,
    permissions: { type: 'array', items: { type: 'string' }, description: "The role's permissions" },
  },
} as const;

export const authRoutes: RoutePlugin<Services> = async (app, { ctx, auth }) => {
  app.post(
    '/auth/login',
    {
      config: {
        public: true,
        rateLimit: { max: ctx.config.loginRateLimit.max, timeWindow: ctx.config.loginRateLimit.timeWindowMs },
      },
      schema: {
        tags: ['auth'],
        summary: 'Log in: sets an httpOnly session cookie',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['username', 'password'],
          properties: {
            username: { type: 'string', minLength: 1, maxLength: 100 },
            password: { type: 'string', minLength: 1, maxLength: 200 },
          },
        },
        response: { 200: meSchema },
      },
    },
    async (request, reply) => {
      const result = await auth.login(request.body.username, request.body.password);
      if (!result) throw new UnauthorizedError('Wrong username or password.');
      reply.setCookie(SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: 'auto',
        path: '/',
        expires: result.expiresAt,
      });
      return {
        username: result.principal.name,
        role: result.principal.role,
        municipality: result.principal.municipality,
        kind: 'user' as const,
      };
    },
  );

  app.post(
    '/auth/logout',
    { config: { public: true }, schema: { tags: ['auth'], summary: 'Log out: ends the session' } },
    async (request, reply) => {
      if (request.sessionToken) await auth.logout(request.sessionToken);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      reply.code(204);
    },
  );

  app.get(
    '/auth/me',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Who am I, and what may I do',
        response: { 200: meWithPermissionsSchema },
      },
    },
    async (request) => {
      const p = requirePrincipal(request);
      return {
        username: p.name,
        role: p.role,
        municipality: p.municipality,
        kind: p.kind,
        permissions: permissionsOf(p.role),
      };
    },
  );
};
