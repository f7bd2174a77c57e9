/**
 * A municipality's console users (admin, caseworker, auditor), managed by the platform
 * administrator and the municipality's own administrators. Passwords are hashed with argon2id
 * before the transaction (hashing is slow; a transaction should not wait on it); responses and
 * audit events never carry a hash. Disabling keeps the row (the audit trail names it) and ends
 * the user's sessions at once; so does a password reset.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { issue } from '../../domain/issues.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../http/errors.js';
import type { Page, PageOf } from '../../db/list-query.js';
import { recordAudit } from '../audit/audit-repository.js';
import { actorOf, type Principal } from '../auth/auth-service.js';
import { hashPassword, sha256 } from '../auth/credentials.js';
import {
  deleteSessionsOf,
  findUser,
  insertUser,
  listUsers,
  updateUser,
  type MunicipalityRole,
  type User,
  type UserFilter,
  type UserSortField,
} from './user-repository.js';

export interface NewUser {
  username: string;
  password: string;
  role: MunicipalityRole;
  comment?: string;
}

export interface UserPatch {
  role?: MunicipalityRole;
  disabled?: boolean;
  /** A new password (a reset by an administrator, or your own change). */
  password?: string;
  comment?: string;
}

/** What the audit log records about a user: never the hash. */
const snapshot = (u: User): { username: string; role: string; disabled: boolean } => ({
  username: u.username,
  role: u.role,
  disabled: u.disabled,
});

export class UserService {
  constructor(private readonly db: Kysely<DB>) {}

  list(municipality: string, filter: UserFilter, page: Page<UserSortField>): Promise<PageOf<User>> {
    return listUsers(this.db, municipality, filter, page);
  }

  async get(municipality: string, id: string): Promise<User> {
    const u = await findUser(this.db, municipality, id);
    if (!u) throw new NotFoundError(`User ${id} of municipality ${municipality}`);
    return u;
  }

  async create(principal: Principal, municipality: string, input: NewUser): Promise<User> {
    const passwordHash = await hashPassword(input.password);
    return this.db.transaction().execute(async (trx) => {
      const m = await trx
        .selectFrom('municipalities')
        .select('id')
        .where('id', '=', municipality)
        .executeTakeFirst();
      if (!m) throw new NotFoundError(`Municipality ${municipality}`);
      const user = await insertUser(trx, {
        id: randomUUID(),
        username: input.username,
        passwordHash,
        role: input.role,
        municipality,
      });
      if (!user) {
        throw new ConflictError(`The username "${input.username}" is taken.`, {
          errors: [{ pointer: '/username', message: `The username "${input.username}" is taken.` }],
        });
      }
      await recordAudit(trx, {
        municipality,
        actor: actorOf(principal),
        action: 'create',
        entity: 'user',
        entityId: user.id,
        after: snapshot(user),
        comment: input.comment ?? null,
      });
      return user;
    });
  }

  /**
   * Changes a user's role, disables or enables them, or resets their password. `sessionToken` is
   * the caller's own session, kept when they change their own password.
   */
  async update(
    principal: Principal,
    municipality: string,
    id: string,
    patch: UserPatch,
    sessionToken: string | null = null,
  ): Promise<User> {
    if (patch.role === undefined && patch.disabled === undefined && patch.password === undefined) {
      throw new BadRequestError('Nothing to change: send "role", "disabled" and/or "password".', [
        issue(
          '',
          'patch.empty',
          'Angiv "role", "disabled" og/eller "password".',
          'Send "role", "disabled" and/or "password".',
        ),
      ]);
    }
    const self = principal.kind === 'user' && principal.id === id;
    if (self && (patch.disabled === true || (patch.role !== undefined && patch.role !== principal.role))) {
      throw new ConflictError(
        'You cannot disable yourself or change your own role; ask another administrator.',
      );
    }
    const passwordHash = patch.password !== undefined ? await hashPassword(patch.password) : undefined;
    return this.db.transaction().execute(async (trx) => {
      const before = await findUser(trx, municipality, id, { forUpdate: true });
      if (!before) throw new NotFoundError(`User ${id} of municipality ${municipality}`);
      const after = await updateUser(trx, id, {
        ...(patch.role !== undefined ? { role: patch.role } : {}),
        ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
        ...(passwordHash !== undefined ? { passwordHash } : {}),
      });
      const disabling = !before.disabled && after.disabled;
      let sessionsEnded = 0;
      if (disabling || passwordHash !== undefined) {
        sessionsEnded = await deleteSessionsOf(
          trx,
          id,
          self && !disabling && sessionToken ? sha256(sessionToken) : undefined,
        );
      }
      const action = disabling ? 'disable' : before.disabled && !after.disabled ? 'enable' : 'update';
      await recordAudit(trx, {
        municipality,
        actor: actorOf(principal),
        action,
        entity: 'user',
        entityId: id,
        before: snapshot(before),
        after: {
          ...snapshot(after),
          ...(passwordHash !== undefined ? { passwordReset: true } : {}),
          ...(sessionsEnded ? { sessionsEnded } : {}),
        },
        comment: patch.comment ?? null,
      });
      return after;
    });
  }

  /** DELETE: disables the user (the row stays for the audit trail) and ends their sessions. */
  async disable(principal: Principal, municipality: string, id: string, comment?: string): Promise<User> {
    const current = await this.get(municipality, id);
    if (current.disabled) return current;
    return this.update(principal, municipality, id, { disabled: true, ...(comment ? { comment } : {}) });
  }
}
