/**
 * Issue 12. Frozen: never edit once merged — add a new migration.
 *
 * - trace_skeletons: the part of a decision's trace that is the same for every decision of a
 *   ruleset version (rules, priorities, conditions), stored once and named by the SHA-256 of its
 *   JSON; a decision's trace is then `{skeleton, values}` (features/evaluation/trace-codec.ts).
 *   Append-only, like the decisions that refer to it.
 * - impact_jobs: claimed by one server at a time (claimed_by, heartbeat_at; FOR UPDATE SKIP
 *   LOCKED), attempts counted, so a job whose server died is resumed or failed after a timeout.
 * - documents_open_case_cpr replaces documents_open_case (the same partial GIN index over the CPR
 *   hashes) with fastupdate off. With fastupdate on, every insert of an approved invoice goes to
 *   the index's pending list, and every open-case lookup reads that whole list (up to 4 MB): on a
 *   ledger of 100,000 documents a lookup for a person the ledger does not know read 310 buffers
 *   and took ≈ 2 ms instead of 4 buffers and 0.04 ms. Without the pending list each insert pays
 *   its GIN entries at once — one or two keys per invoice.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and typeless
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table trace_skeletons (
      id text primary key,
      skeleton jsonb not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create trigger trace_skeletons_append_only before update or delete on trace_skeletons
    for each row execute function refuse_change()`.execute(db);
  await sql`
    create trigger trace_skeletons_no_truncate before truncate on trace_skeletons
    for each statement execute function refuse_change()`.execute(db);
  await sql`alter table impact_jobs add column claimed_by text`.execute(db);
  await sql`alter table impact_jobs add column heartbeat_at timestamptz`.execute(db);
  await sql`alter table impact_jobs add column attempts integer not null default 0`.execute(db);
  await sql`create index impact_jobs_open on impact_jobs (created_at) where status in ('queued', 'running')`.execute(
    db,
  );
  await sql`
    create index documents_open_case_cpr on documents using gin (cpr_hashes) with (fastupdate = off)
    where document_type = 'invoice' and status = 'approved' and case_kinds ? 'almindelig'`.execute(db);
  await sql`drop index if exists documents_open_case`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    create index if not exists documents_open_case on documents using gin (cpr_hashes)
    where document_type = 'invoice' and status = 'approved' and case_kinds ? 'almindelig'`.execute(db);
  await sql`drop index if exists documents_open_case_cpr`.execute(db);
  await sql`drop index if exists impact_jobs_open`.execute(db);
  await sql`alter table impact_jobs drop column if exists attempts`.execute(db);
  await sql`alter table impact_jobs drop column if exists heartbeat_at`.execute(db);
  await sql`alter table impact_jobs drop column if exists claimed_by`.execute(db);
  await sql`drop table if exists trace_skeletons`.execute(db);
}
