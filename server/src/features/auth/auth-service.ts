/**
 * Logins and sessions (the console's users; API keys are api-key-cache.ts). No HTTP here: the
 * routes and the auth plugin translate.
 */
import type { AppContext } from '../../context.js';
import type { Role } from '../../db/schema.js';
import { recordAudit } from '../audit/audit-repository.js';
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

function userPrincipal(u: {
  id: string;
  username: string;
  role: Role;
  municipality_id: string | null;
}): Principal {
  return { kind: 'user', id: u.id, name: u.username, role: u.role, municipality: u.municipality_id };
}

export class AuthService {
  constructor(private readonly ctx: Pick<AppContext, 'db' | 'config' | 'now'>) {}

  /** A new session for a user whose password matches; null otherwise (who does not exist, disabled). */
  async login(
    username: string,
    password: string,
  ): Promise<{ token: string; principal: Principal; expiresAt: Date } | null> {
    const { db } = this.ctx;
    const user = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    // Verify against a dummy hash when the user does not exist, so timing does not reveal usernames.
    const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), password);
    if (!user || !ok || user.disabled) return null;
    const token = newSessionToken();
    const expiresAt = new Date(this.ctx.now().getTime() + this.ctx.config.sessionTtlHours * 3600_000);
    await db
      .insertInto('sessions')
      .values({ token_hash: sha256(token), user_id: user.id, expires_at: expiresAt })
      .execute();
    const principal = userPrincipal(user);
    await recordAudit(db, {
      municipality: principal.municipality,
      actor: actorOf(principal),
      action: 'login',
      entity: 'session',
    });
    return { token, principal, expiresAt };
  }

  async principalForSession(token: string): Promise<Principal | null> {
    const row = await this.ctx.db
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
    if (!row || row.disabled || row.expires_at.getTime() <= this.ctx.now().getTime()) return null;
    return userPrincipal(row);
  }

  async logout(token: string): Promise<void> {
    await this.ctx.db.deleteFrom('sessions').where('token_hash', '=', sha256(token)).execute();
  }
}
