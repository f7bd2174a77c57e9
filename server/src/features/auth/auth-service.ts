/** Logins, sessions and API-key lookup. No HTTP here: the routes translate. */
import type { Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { DB, Role } from '../../db/schema.js';
import { dummyPasswordHash, newSessionToken, sha256, verifyPassword } from './credentials.js';

export interface Principal {
  kind: 'user' | 'apiKey';
  /** User id or API key id. */
  id: string;
  /** The username, or the API key's name. */
  name: string;
  role: Role;
  /** null only for the platform administrator. */
  municipality: string | null;
}

/** How a principal is written in audit events and decisions. */
export function actorOf(p: Principal): string {
  return p.kind === 'user' ? `user:${p.name}` : `api-key:${p.name}`;
}

export async function login(
  db: Kysely<DB>,
  username: string,
  password: string,
  ttlHours: number,
  now: Date,
): Promise<{ token: string; principal: Principal; expiresAt: Date } | null> {
  const user = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  // Verify against a dummy hash when the user does not exist, so timing does not reveal usernames.
  const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), password);
  if (!user || !ok || user.disabled) return null;
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + ttlHours * 3600_000);
  await db
    .insertInto('sessions')
    .values({ token_hash: sha256(token), user_id: user.id, expires_at: expiresAt })
    .execute();
  return { token, principal: userPrincipal(user), expiresAt };
}

function userPrincipal(u: {
  id: string;
  username: string;
  role: Role;
  municipality_id: string | null;
}): Principal {
  return { kind: 'user', id: u.id, name: u.username, role: u.role, municipality: u.municipality_id };
}

export async function principalForSession(
  db: Kysely<DB>,
  token: string,
  now: Date,
): Promise<Principal | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'users.id',
      'users.username',
      'users.role',
      'users.municipality_id',
      'users.disabled',
      'sessions.expires_at',
    ])
    .where('sessions.token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.disabled || row.expires_at.getTime() <= now.getTime()) return null;
  return userPrincipal(row);
}

export async function logout(db: Kysely<DB>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', sha256(token)).execute();
}

export async function deleteExpiredSessions(db: Kysely<DB>, now: Date): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

export { randomUUID };
