/** SQL for municipalities. Plain functions taking the database or a transaction first. */
import type { Kysely, Selectable } from 'kysely';
import type { DB, MunicipalitiesTable } from '../../db/schema.js';
import type { ListParams } from '../../http/list.js';
import { idFilter, likePattern, NO_ROWS } from './query-helpers.js';

export interface Municipality {
  /** The 3-digit kommunekode, e.g. "851". */
  id: string;
  name: string;
  eans: string[];
  createdAt: string;
}

export type MunicipalitySortField = 'id' | 'name' | 'createdAt';
export const MUNICIPALITY_SORTABLE: readonly MunicipalitySortField[] = ['id', 'name', 'createdAt'];
export const MUNICIPALITY_FILTERABLE = ['id', 'q'] as const;

const SORT_COLUMN = { id: 'id', name: 'name', createdAt: 'created_at' } as const;

export function toMunicipality(row: Selectable<MunicipalitiesTable>): Municipality {
  return { id: row.id, name: row.name, eans: row.eans, createdAt: row.created_at.toISOString() };
}

export async function findMunicipality(db: Kysely<DB>, id: string): Promise<Municipality | null> {
  const row = await db.selectFrom('municipalities').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toMunicipality(row) : null;
}

/**
 * A page of municipalities. `only` restricts the list to those ids (a municipality's own users
 * see only their own); undefined means all.
 */
export async function listMunicipalities(
  db: Kysely<DB>,
  params: ListParams<MunicipalitySortField>,
  only?: readonly string[],
): Promise<{ rows: Municipality[]; total: number }> {
  let q = db.selectFrom('municipalities');
  if (only) q = only.length ? q.where('id', 'in', only) : q.where(NO_ROWS);
  const ids = idFilter(params.filter.id);
  if (ids) q = ids.length ? q.where('id', 'in', ids) : q.where(NO_ROWS);
  if (typeof params.filter.q === 'string' && params.filter.q !== '') {
    const like = likePattern(params.filter.q);
    q = q.where((eb) => eb.or([eb('name', 'ilike', like), eb('id', 'like', like)]));
  }
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .orderBy(SORT_COLUMN[params.sortField], params.sortOrder)
      .orderBy('id', 'asc')
      .offset(params.offset)
      .limit(params.limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toMunicipality), total: Number(count.n) };
}

/** Inserts a municipality; null when the id is taken. */
export async function insertMunicipality(
  db: Kysely<DB>,
  m: { id: string; name: string; eans: string[] },
): Promise<Municipality | null> {
  const row = await db
    .insertInto('municipalities')
    .values({ id: m.id, name: m.name, eans: JSON.stringify(m.eans) })
    .onConflict((oc) => oc.column('id').doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ? toMunicipality(row) : null;
}

export async function updateMunicipality(
  db: Kysely<DB>,
  id: string,
  patch: { name?: string; eans?: string[] },
): Promise<Municipality | null> {
  const row = await db
    .updateTable('municipalities')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.eans !== undefined ? { eans: JSON.stringify(patch.eans) } : {}),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? toMunicipality(row) : null;
}

/** Locks a municipality's row for the rest of the transaction (so before/after are exact). */
export async function lockMunicipality(db: Kysely<DB>, id: string): Promise<Municipality | null> {
  const row = await db
    .selectFrom('municipalities')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ? toMunicipality(row) : null;
}
