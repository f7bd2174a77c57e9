/**
 * An API key's name is how it appears in the audit log and on decisions ("api-key:<name>"), so
 * two active keys of one municipality may not share a name. A revoked key's name can be reused.
 * Frozen: never edit once merged — add a new migration.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and typeless
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create unique index api_keys_active_name on api_keys (municipality_id, name)
    where revoked_at is null`.execute(db);
  await sql`create index api_keys_municipality on api_keys (municipality_id, created_at desc)`.execute(db);
  // The audit log's filters (entity, action, actor) always come with a municipality, and its
  // default order is newest first; audit_events_municipality covers that. Time-range filters:
  await sql`create index audit_events_created on audit_events (created_at desc)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists audit_events_created`.execute(db);
  await sql`drop index if exists api_keys_municipality`.execute(db);
  await sql`drop index if exists api_keys_active_name`.execute(db);
}
