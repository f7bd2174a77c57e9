/**
 * SQL behind the platform administrator's first screen: per municipality its users, its
 * published versions (with the template each is based on), its manual queue and its decisions of
 * the last 30 days — one grouped query each, whatever the number of municipalities.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface VersionRow {
  municipality: string;
  version: number;
  effectiveFrom: Date;
  basedOn: { template: string; version: number } | null;
}

const countsBy = (rows: { m: string | null; n: string | number | bigint }[]): Map<string, number> =>
  new Map(rows.filter((r) => r.m !== null).map((r) => [r.m!, Number(r.n)]));

export async function activeUsersByMunicipality(db: Kysely<DB>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('users')
    .select(['municipality_id as m', (eb) => eb.fn.countAll<string>().as('n')])
    .where('disabled', '=', false)
    .where('municipality_id', 'is not', null)
    .groupBy('municipality_id')
    .execute();
  return countsBy(rows);
}

export async function manualQueueByMunicipality(db: Kysely<DB>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('documents')
    .select(['municipality_id as m', (eb) => eb.fn.countAll<string>().as('n')])
    .where('status', '=', 'manual')
    .groupBy('municipality_id')
    .execute();
  return countsBy(rows);
}

export async function decisionsSinceByMunicipality(
  db: Kysely<DB>,
  since: Date,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('decisions')
    .select(['municipality_id as m', (eb) => eb.fn.countAll<string>().as('n')])
    .where('created_at', '>=', since)
    .groupBy('municipality_id')
    .execute();
  return countsBy(rows);
}

/** Every published version's number, start and template (`basedOn`), without the rules themselves. */
export async function publishedVersions(db: Kysely<DB>): Promise<VersionRow[]> {
  const rows = await db
    .selectFrom('ruleset_versions')
    .select([
      'municipality_id',
      'version',
      'effective_from',
      sql<{ template: string; version: number } | null>`document -> 'basedOn'`.as('based_on'),
    ])
    .execute();
  return rows.map((r) => ({
    municipality: r.municipality_id,
    version: r.version,
    effectiveFrom: new Date(r.effective_from),
    basedOn: r.based_on && typeof r.based_on.template === 'string' ? r.based_on : null,
  }));
}
