/**
 * Who is calling: an httpOnly session cookie (console users) or `Authorization: Bearer <key>`
 * (API clients). `authorize(request, permission, municipality?)` is called by every route that
 * needs one, and enforces both the role's permission and tenant isolation.
 */
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { ForbiddenError, UnauthorizedError } from '../../http/errors.js';
import { principalForApiKey, principalForSession, type Principal } from './auth-service.js';
import { GLOBAL_PERMISSIONS, roleAllows, type Permission } from './permissions.js';

export const SESSION_COOKIE = 'rv_session';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    /** Set when the request was authenticated by a session cookie. */
    sessionToken: string | null;
  }
}

/** The principal, or 401. */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new UnauthorizedError();
  return request.principal;
}

/**
 * Checks that the caller may do `permission` — in `municipality`, when the route is about one.
 * A platform administrator holds its permissions everywhere; everyone else only in their own
 * municipality. Returns the principal.
 */
export function authorize(request: FastifyRequest, permission: Permission, municipality?: string): Principal {
  const p = requirePrincipal(request);
  if (!roleAllows(p.role, permission)) {
    throw new ForbiddenError(`The role "${p.role}" may not do this (${permission}).`);
  }
  if (municipality !== undefined) {
    const global = p.role === 'platform-admin' && GLOBAL_PERMISSIONS.has(permission);
    if (!global && p.municipality !== municipality) {
      throw new ForbiddenError(`You have no access to municipality ${municipality}.`);
    }
  }
  return p;
}

export const authPlugin = fp<{ ctx: AppContext }>(
  async (app, { ctx }) => {
    app.decorateRequest('principal', null);
    app.decorateRequest('sessionToken', null);
    app.addHook('onRequest', async (request) => {
      const auth = request.headers.authorization;
      if (auth !== undefined) {
        const m = /^Bearer\s+(\S+)$/i.exec(auth);
        if (!m) throw new UnauthorizedError('The Authorization header must be "Bearer <api key>".');
        const p = await principalForApiKey(ctx.db, m[1]!);
        if (!p) throw new UnauthorizedError('The API key is not valid (unknown or revoked).');
        request.principal = p;
        return;
      }
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        const p = await principalForSession(ctx.db, token, ctx.now());
        if (p) {
          request.principal = p;
          request.sessionToken = token;
        }
      }
    });
  },
  { name: 'auth', dependencies: ['@fastify/cookie'] },
);
