/**
 * Login against the server's session: POST /auth/login sets an httpOnly cookie (the console
 * never holds a token), GET /auth/me says who is logged in and what the role may do, POST
 * /auth/logout ends it. `canAccess` answers from the permissions the server reports, through
 * the resource registry (resources.ts) — the server still refuses everything else.
 */
import type { AuthProvider } from 'react-admin';
import { HttpError } from 'react-admin';
import { request } from './dataProvider/http';
import { knownLoggedOut, loadMe, resetMe } from './dataProvider/session';
import { allows, entryFor } from './resources';

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    resetMe();
    try {
      await request('POST', '/auth/login', { username, password });
    } catch (err) {
      if (err instanceof HttpError && err.status === 401)
        throw new Error('auth.wrong_credentials', { cause: err });
      if (err instanceof HttpError && err.status === 429)
        throw new Error('auth.too_many_attempts', { cause: err });
      throw err;
    }
    await loadMe();
  },

  /**
   * Ends the session. react-admin also calls this to reach the login page when nobody is logged
   * in; then there is no session to end: nothing is sent and the answer "not logged in" stays
   * known, so the login page does not ask again.
   */
  async logout() {
    if (knownLoggedOut()) return;
    resetMe();
    await request('POST', '/auth/logout').catch(() => undefined);
  },

  async checkAuth() {
    await loadMe();
  },

  async checkError(error: { status?: number }) {
    if (error?.status === 401) {
      resetMe();
      throw error;
    }
  },

  async getIdentity() {
    const me = await loadMe();
    return { id: me.username, fullName: me.username, role: me.role, municipality: me.municipality };
  },

  /**
   * The principal (municipality and permissions): App.tsx registers only the screens it may open.
   * Not logged in (401) is an answer — no municipality, no permissions — not an error: an error
   * here makes react-admin log out (POST /auth/logout) before the login form may be used.
   * Login invalidates this query, so the screens appear with the next answer.
   */
  async getPermissions() {
    try {
      const me = await loadMe();
      return { municipality: me.municipality, permissions: me.permissions ?? [] };
    } catch (err) {
      if (err instanceof HttpError && err.status === 401) return { municipality: null, permissions: [] };
      throw err;
    }
  },

  async canAccess({ resource, action }) {
    const me = await loadMe();
    return allows(entryFor(resource), action, {
      municipality: me.municipality,
      permissions: me.permissions ?? [],
    });
  },
};
