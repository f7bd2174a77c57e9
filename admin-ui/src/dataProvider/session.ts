/**
 * Who is logged in, as the server reports it (`GET /auth/me`): username, role, municipality and
 * the role's permissions. Cached for the page's life; login and logout reset it.
 */
import { request } from './http';

export interface Me {
  username: string;
  role: string;
  municipality: string | null;
  kind?: 'user' | 'apiKey';
  permissions: string[];
}

let me: Promise<Me> | null = null;

export function loadMe(): Promise<Me> {
  me ??= request<Me>('GET', '/auth/me').then(
    (r) => r.json,
    (err: unknown) => {
      me = null;
      throw err;
    },
  );
  return me;
}

export function resetMe(): void {
  me = null;
}

/** The logged-in principal's municipality: the `:m` of every municipality path. */
export async function currentMunicipality(): Promise<string> {
  const { municipality } = await loadMe();
  if (!municipality) throw new Error('This user belongs to no municipality.');
  return municipality;
}
