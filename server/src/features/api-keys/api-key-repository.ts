/** SQL for API keys. Only the SHA-256 of a key is stored; the key itself is never selected. */
import { isUuid } from '../../domain/uuid.js';
import type { Kysely, Selectable } from 'kysely';
import type { ApiKeysTable, DB } from '../../db/schema.js';
import { likePattern, NO_ROWS, pageAndCount, type Page, type PageOf } from '../../db/list-query.js';

export type ApiKeyRole = ApiKeysTable['role'];
export const API_KEY_ROLES: readonly ApiKeyRole[] = ['integration', 'admin', 'caseworker', 'auditor'];

export interface ApiKey {
  id: string;
  name: string;
  role: ApiKeyRole;
  municipality: string;
  /** The visible part of the key ("rvk_<prefix>_…"), to recognise it in a list. */
  prefix: string;
  createdBy: string;
  createdAt: string;
  revoked: boolean;
  revokedAt: string | null;
}

export type ApiKeySortField = 'id' | 'name' | 'role' | 'createdAt' | 'revokedAt';
export const API_KEY_SORTABLE: readonly ApiKeySortField[] = ['id', 'name', 'role', 'createdAt', 'revokedAt'];

export interface ApiKeyFilter {
  /** react-admin's getMany: these ids (UUIDs). */
  id?: string[];
  /** Free text over the name and the prefix. */
  q?: string;
  /** Roles; one that is not a key's role matches nothing. */
  role?: string[];
  revoked?: boolean;
}

const SORT_COLUMN = {
  id: 'id',
  name: 'name',
  role: 'role',
  createdAt: 'created_at',
  revokedAt: 'revoked_at',
} as const;

const PUBLIC_COLUMNS = [
  'id',
  'name',
  'role',
  'municipality_id',
  'prefix',
  'created_by',
  'created_at',
  'revoked_at',
] as const;

type ApiKeyRow = Pick<Selectable<ApiKeysTable>, (typeof PUBLIC_COLUMNS)[number]>;

export function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    municipality: row.municipality_id,
    prefix: row.prefix,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    revoked: row.revoked_at !== null,
    revokedAt: row.revoked_at ? row.revoked_at.toISOString() : null,
  };
}

export async function findApiKey(
  db: Kysely<DB>,
  municipality: string,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<ApiKey | null> {
  if (!isUuid(id)) return null;
  let q = db
    .selectFrom('api_keys')
    .select(PUBLIC_COLUMNS)
    .where('municipality_id', '=', municipality)
    .where('id', '=', id);
  if (opts.forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? toApiKey(row) : null;
}

export async function listApiKeys(
  db: Kysely<DB>,
  municipality: string,
  filter: ApiKeyFilter,
  page: Page<ApiKeySortField>,
): Promise<PageOf<ApiKey>> {
  let q = db.selectFrom('api_keys').where('municipality_id', '=', municipality);
  if (filter.id) q = filter.id.length ? q.where('id', 'in', filter.id) : q.where(NO_ROWS);
  if (filter.q) {
    const like = likePattern(filter.q);
    q = q.where((eb) => eb.or([eb('name', 'ilike', like), eb('prefix', 'like', like)]));
  }
  if (filter.role) {
    const valid = filter.role.filter((r): r is ApiKeyRole => (API_KEY_ROLES as string[]).includes(r));
    q = valid.length ? q.where('role', 'in', valid) : q.where(NO_ROWS);
  }
  if (filter.revoked !== undefined) q = q.where('revoked_at', filter.revoked ? 'is not' : 'is', null);
  const { rows, total } = await pageAndCount(
    q,
    q.select(PUBLIC_COLUMNS).orderBy(SORT_COLUMN[page.sortField], page.sortOrder).orderBy('id', 'asc'),
    page,
  );
  return { rows: rows.map(toApiKey), total };
}

/** Inserts a key; null when an active key of the municipality already has that name. */
export async function insertApiKey(
  db: Kysely<DB>,
  k: {
    id: string;
    municipality: string;
    name: string;
    role: ApiKeyRole;
    prefix: string;
    keyHash: string;
    createdBy: string;
  },
): Promise<ApiKey | null> {
  const row = await db
    .insertInto('api_keys')
    .values({
      id: k.id,
      municipality_id: k.municipality,
      name: k.name,
      role: k.role,
      prefix: k.prefix,
      key_hash: k.keyHash,
      created_by: k.createdBy,
    })
    .onConflict((oc) => oc.columns(['municipality_id', 'name']).where('revoked_at', 'is', null).doNothing())
    .returning(PUBLIC_COLUMNS)
    .executeTakeFirst();
  return row ? toApiKey(row) : null;
}

export async function revokeApiKey(db: Kysely<DB>, id: string, at: Date): Promise<ApiKey> {
  const row = await db
    .updateTable('api_keys')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .returning(PUBLIC_COLUMNS)
    .executeTakeFirstOrThrow();
  return toApiKey(row);
}
