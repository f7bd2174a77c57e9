/** SQL for a municipality's console users and their sessions. Never selects password hashes out. */
import { isUuid } from '../../domain/uuid.js';
import type { Kysely, Selectable } from 'kysely';
import type { DB, UsersTable } from '../../db/schema.js';
import { likePattern, NO_ROWS, pageAndCount, type Page, type PageOf } from '../../db/list-query.js';

export type MunicipalityRole = 'admin' | 'caseworker' | 'auditor';
export const MUNICIPALITY_ROLES: readonly MunicipalityRole[] = ['admin', 'caseworker', 'auditor'];

export interface User {
  id: string;
  username: string;
  role: UsersTable['role'];
  municipality: string | null;
  disabled: boolean;
  createdAt: string;
}

export type UserSortField = 'id' | 'username' | 'role' | 'disabled' | 'createdAt';
export const USER_SORTABLE: readonly UserSortField[] = ['id', 'username', 'role', 'disabled', 'createdAt'];

export interface UserFilter {
  /** react-admin's getMany: these ids (UUIDs). */
  id?: string[];
  /** Free text over the username. */
  q?: string;
  username?: string[];
  /** Roles; one that is not a municipality's role matches nothing. */
  role?: string[];
  disabled?: boolean;
}

const SORT_COLUMN = {
  id: 'id',
  username: 'username',
  role: 'role',
  disabled: 'disabled',
  createdAt: 'created_at',
} as const;

const PUBLIC_COLUMNS = ['id', 'username', 'role', 'municipality_id', 'disabled', 'created_at'] as const;

type UserRow = Pick<Selectable<UsersTable>, (typeof PUBLIC_COLUMNS)[number]>;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    municipality: row.municipality_id,
    disabled: row.disabled,
    createdAt: row.created_at.toISOString(),
  };
}

/** A user of the municipality (null when the id is unknown or belongs to another municipality). */
export async function findUser(
  db: Kysely<DB>,
  municipality: string,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<User | null> {
  if (!isUuid(id)) return null;
  let q = db
    .selectFrom('users')
    .select(PUBLIC_COLUMNS)
    .where('municipality_id', '=', municipality)
    .where('id', '=', id);
  if (opts.forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function findUserByUsername(db: Kysely<DB>, username: string): Promise<User | null> {
  const row = await db
    .selectFrom('users')
    .select(PUBLIC_COLUMNS)
    .where('username', '=', username)
    .executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function listUsers(
  db: Kysely<DB>,
  municipality: string,
  filter: UserFilter,
  page: Page<UserSortField>,
): Promise<PageOf<User>> {
  let q = db.selectFrom('users').where('municipality_id', '=', municipality);
  if (filter.id) q = filter.id.length ? q.where('id', 'in', filter.id) : q.where(NO_ROWS);
  if (filter.q) q = q.where('username', 'ilike', likePattern(filter.q));
  if (filter.username) {
    q = filter.username.length ? q.where('username', 'in', filter.username) : q.where(NO_ROWS);
  }
  if (filter.role) {
    const valid = filter.role.filter((r): r is MunicipalityRole =>
      (MUNICIPALITY_ROLES as string[]).includes(r),
    );
    q = valid.length ? q.where('role', 'in', valid) : q.where(NO_ROWS);
  }
  if (filter.disabled !== undefined) q = q.where('disabled', '=', filter.disabled);
  const { rows, total } = await pageAndCount(
    q,
    q.select(PUBLIC_COLUMNS).orderBy(SORT_COLUMN[page.sortField], page.sortOrder).orderBy('id', 'asc'),
    page,
  );
  return { rows: rows.map(toUser), total };
}

/** Inserts a user; null when the username is taken (by anyone, in any municipality). */
export async function insertUser(
  db: Kysely<DB>,
  u: {
    id: string;
    username: string;
    passwordHash: string;
    role: UsersTable['role'];
    municipality: string | null;
  },
): Promise<User | null> {
  const row = await db
    .insertInto('users')
    .values({
      id: u.id,
      username: u.username,
      password_hash: u.passwordHash,
      role: u.role,
      municipality_id: u.municipality,
    })
    .onConflict((oc) => oc.column('username').doNothing())
    .returning(PUBLIC_COLUMNS)
    .executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function updateUser(
  db: Kysely<DB>,
  id: string,
  set: { role?: MunicipalityRole; disabled?: boolean; passwordHash?: string },
): Promise<User> {
  const row = await db
    .updateTable('users')
    .set({
      ...(set.role !== undefined ? { role: set.role } : {}),
      ...(set.disabled !== undefined ? { disabled: set.disabled } : {}),
      ...(set.passwordHash !== undefined ? { password_hash: set.passwordHash } : {}),
    })
    .where('id', '=', id)
    .returning(PUBLIC_COLUMNS)
    .executeTakeFirstOrThrow();
  return toUser(row);
}

/** Ends every session of a user but the one given by its hash (the caller's own); returns how many. */
export async function deleteSessionsOf(
  db: Kysely<DB>,
  userId: string,
  exceptTokenHash?: string,
): Promise<number> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptTokenHash) q = q.where('token_hash', '<>', exceptTokenHash);
  // Counted from RETURNING: the embedded database's driver does not report affected rows.
  return (await q.returning('token_hash').execute()).length;
}
