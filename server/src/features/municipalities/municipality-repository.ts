/** SQL for municipalities. Plain functions taking the database or a transaction first. */
import type { Kysely, Selectable } from 'kysely';
import type { DB, MunicipalitiesTable } from '../../db/schema.js';
import { likePattern, NO_ROWS, pageAndCount, type Page, type PageOf } from '../../db/list-query.js';

export interface Municipality {
  /** The 3-digit kommunekode, e.g. "851". */
  id: string;
  name: string;
  eans: string[];
  createdAt: string;
}

export type MunicipalitySortField = 'id' | 'name' | 'createdAt';
export const MUNICIPALITY_SORTABLE: readonly MunicipalitySortField[] = ['id', 'name', 'createdAt'];

export interface MunicipalityFilter {
  /** react-admin's getMany: these codes. */
  id?: string[];
  /** Free text over name and code. */
  q?: string;
  /** Only these (a municipality's own users see only their own); absent means all. */
  only?: readonly string[];
}

const SORT_COLUMN = { id: 'id', name: 'name', createdAt: 'created_at' } as const;

export function toMunicipality(row: Selectable<MunicipalitiesTable>): Municipality {
  return { id: row.id, name: row.name, eans: row.eans, createdAt: row.created_at.toISOString() };
}

export async function findMunicipality(db: Kysely<DB>, id: string): Promise<Municipality | null> {
  const row = await db.selectFrom('municipalities').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toMunicipality(row) : null;
}

/** A page of municipalities. */
export async function listMunicipalities(
  db: Kysely<DB>,
  filter: MunicipalityFilter,
  page: Page<MunicipalitySortField>,
): Promise<PageOf<Municipality>> {
  let q = db.selectFrom('municipalities');
  if (filter.only) q = filter.only.length ? q.where('id', 'in', filter.only) : q.where(NO_ROWS);
  if (filter.id) q = filter.id.length ? q.where('id', 'in', filter.id) : q.where(NO_ROWS);
  if (filter.q) {
    const like = likePattern(filter.q);
    q = q.where((eb) => eb.or([eb('name', 'ilike', like), eb('id', 'like', like)]));
  }
  const { rows, total } = await pageAndCount(
    q,
    q.selectAll().orderBy(SORT_COLUMN[page.sortField], page.sortOrder).orderBy('id', 'asc'),
    page,
  );
  return { rows: rows.map(toMunicipality), total };
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
