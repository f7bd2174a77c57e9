/**
 * The SQL side of a list: a page of rows and the count of everything the filter selects, run
 * together; plus the small pieces every list's filter needs (LIKE patterns, "no rows").
 * Repositories take a typed filter and a Page; reading them from a query string is http/list.ts.
 */
import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';

/** Which rows of a sorted list: `sortField` is a repository's own sortable name. */
export interface Page<S extends string = string> {
  sortField: S;
  sortOrder: 'asc' | 'desc';
  offset: number;
  limit: number;
}

export interface PageOf<R> {
  rows: R[];
  total: number;
}

/**
 * The page of `rows` (already selected and ordered) and the number of rows `filtered` selects
 * in all — the same query before its selection, so the two always agree.
 */
export async function pageAndCount<DB, TB extends keyof DB, O>(
  filtered: SelectQueryBuilder<DB, TB, object>,
  rows: SelectQueryBuilder<DB, TB, O>,
  page: { offset: number; limit: number },
): Promise<PageOf<O>> {
  const [list, count] = await Promise.all([
    rows.offset(page.offset).limit(page.limit).execute(),
    filtered.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: list as O[], total: Number((count as { n: string }).n) };
}

/** A condition that holds for no row (an empty `in` list is not valid SQL). */
export const NO_ROWS: RawBuilder<boolean> = sql<boolean>`false`;

/**
 * `column` is one of `values` — codes, and null for "none" (a platform event, a national
 * template); no values match nothing.
 */
export function amongCodes(column: string, values: readonly (string | null)[]): RawBuilder<boolean> {
  const codes = values.filter((v): v is string => v !== null);
  const parts = [
    ...(codes.length ? [sql`${sql.ref(column)} in (${sql.join(codes)})`] : []),
    ...(values.includes(null) ? [sql`${sql.ref(column)} is null`] : []),
  ];
  return parts.length ? sql<boolean>`(${sql.join(parts, sql` or `)})` : NO_ROWS;
}

/** Escapes LIKE wildcards so a search for "a_b" finds "a_b", then wraps it in %…%. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
