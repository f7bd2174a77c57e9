/**
 * The ruleset workflow's additions. Frozen once merged.
 *
 * - `publish_requests.decision_comment`: why a request was rejected (or a note on approval).
 * - `ruleset_draft_counters`: the last draft revision a municipality has used. A draft is
 *   deleted when it is published or discarded; the next draft continues the numbering instead of
 *   restarting at 1, so a save carrying a revision of an earlier draft can never match the new
 *   one (a stale save is always a 409, never a silent overwrite).
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and typeless
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table publish_requests add column decision_comment text`.execute(db);
  await sql`
    create table ruleset_draft_counters (
      municipality_id text primary key references municipalities(id),
      last_revision integer not null check (last_revision > 0)
    )`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists ruleset_draft_counters`.execute(db);
  await sql`alter table publish_requests drop column if exists decision_comment`.execute(db);
}
