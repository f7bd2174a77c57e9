/**
 * Who is logged in, as the server reports it (`GET /auth/me`): username, role, municipality and
 * the role's permissions. Cached for the page's life; login and logout reset it. "Not logged in"
 * (401) is an answer and is cached too: the login page, the router's check and the permissions
 * all ask on opening the page, and one GET /auth/me answers them all.
 */
import { HttpError } from 'react-admin';
import { request } from './http';

export interface Me {
  username: string;
  role: string;
  municipality: string | null;
  kind?: 'user' | 'apiKey';
  permissions: string[];
}

let me: Promise<Me> | null = null;
let loggedOut = false;

export function loadMe(): Promise<Me> {
  me ??= request<Me>('GET', '/auth/me').then(
    (r) => {
      loggedOut = false;
      return r.json;
    },
    (err: unknown) => {
      loggedOut = err instanceof HttpError && err.status === 401;
      if (!loggedOut) me = null; // a network failure or a 5xx: ask again next time
      throw err;
    },
  );
  return me;
}

export function resetMe(): void {
  me = null;
  loggedOut = false;
}

/** The server has said there is no session (GET /auth/me → 401): there is nothing to log out of. */
export function knownLoggedOut(): boolean {
  return loggedOut;
}

/** The logged-in principal's municipality: the `:m` of every municipality path. */
export async function currentMunicipality(): Promise<string> {
  const { municipality } = await loadMe();
  if (!municipality) throw new Error('This user belongs to no municipality.');
  return municipality;
}
