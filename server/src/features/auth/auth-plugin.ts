/**
 * Who is calling, and whether they may: an httpOnly session cookie (console users) or
 * `Authorization: Bearer <key>` (API clients, served from the ApiKeyCache) sets
 * `request.principal`. Every API route declares `config.permission` (or `config.public`); a
 * route without one fails at start-up. The permission and the tenant (the route's `:m`) are
 * checked centrally, before the body is validated. A handler calls `authorize` only to narrow
 * further (e.g. a stored evaluation needs 'evaluate' where the route admits 'simulate' too).
 */
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthorizedError } from '../../http/errors.js';
import type { ApiKeyCache } from './api-key-cache.js';
import type { AuthService, Principal } from './auth-service.js';
import { GLOBAL_PERMISSIONS, roleAllows, type Permission } from './permissions.js';

export const SESSION_COOKIE = 'rv_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * What the caller must be allowed; checked (with the route's `:m`) before validation. A list
     * means any one of them (e.g. evaluate: 'evaluate' or 'simulate'); the handler then narrows
     * what the request actually does (a stored evaluation needs 'evaluate').
     */
    permission?: Permission | readonly Permission[];
    /** No permission needed (login, logout, me); the handler checks what it must. */
    public?: boolean;
  }
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

/**
 * Like {@link authorize}, for a list of permissions of which the caller needs any one: the first
 * one the role holds is checked with the tenant; with none, the 403 names them all.
 */
export function authorizeAny(
  request: FastifyRequest,
  permissions: Permission | readonly Permission[],
  municipality?: string,
): Principal {
  if (typeof permissions === 'string') return authorize(request, permissions, municipality);
  const p = requirePrincipal(request);
  const held = permissions.find((perm) => roleAllows(p.role, perm));
  if (held === undefined) {
    throw new ForbiddenError(`The role "${p.role}" may not do this (${permissions.join(' or ')}).`);
  }
  return authorize(request, held, municipality);
}

export const authPlugin = fp<{ auth: AuthService; apiKeys: ApiKeyCache }>(
  async (app, { auth: sessions, apiKeys }) => {
    app.decorateRequest('principal', null);
    app.decorateRequest('sessionToken', null);
    // Every API route must say who may call it; a route that forgets fails at start-up.
    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/api/')) return;
      const config = route.config as
        { permission?: Permission | readonly Permission[]; public?: boolean } | undefined;
      const declared = Array.isArray(config?.permission)
        ? config.permission.length > 0
        : Boolean(config?.permission);
      if (!declared && !config?.public) {
        throw new Error(
          `Route ${String(route.method)} ${route.url} declares neither config.permission nor config.public`,
        );
      }
    });
    // Role and tenant, before the body is even validated: the municipality is the route's `:m`.
    app.addHook('preValidation', async (request) => {
      const permission = request.routeOptions.config.permission;
      if (permission) authorizeAny(request, permission, (request.params as { m?: string } | undefined)?.m);
    });
    app.addHook('onRequest', async (request) => {
      const auth = request.headers.authorization;
      if (auth !== undefined) {
        const m = /^Bearer\s+(\S+)$/i.exec(auth);
        if (!m) throw new UnauthorizedError('The Authorization header must be "Bearer <api key>".');
        const p = await apiKeys.principal(m[1]!);
        if (!p) throw new UnauthorizedError('The API key is not valid (unknown or revoked).');
        request.principal = p;
        return;
      }
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        const p = await sessions.principalForSession(token);
        if (p) {
          request.principal = p;
          request.sessionToken = token;
        }
      }
    });
  },
  { name: 'auth', dependencies: ['@fastify/cookie'] },
);
