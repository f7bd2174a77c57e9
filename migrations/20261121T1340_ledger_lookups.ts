/**
 * Lookups the ledger makes on every evaluation and list, as indexes. Frozen once merged.
 *
 * - documents_open_case: `openCaseThisYear` asks "is there an approved ordinary-supplement
 *   invoice for one of these CPR hashes?" — a GIN index over the keyed CPR hashes, partial on
 *   exactly that predicate, so the question costs an index probe however large the ledger grows.
 * - documents_log: the ledger list, newest first, without a status filter.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and typeless
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create index documents_open_case on documents using gin (cpr_hashes)
    where document_type = 'invoice' and status = 'approved' and case_kinds ? 'almindelig'`.execute(db);
  await sql`create index documents_log on documents (municipality_id, created_at desc, id)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists documents_log`.execute(db);
  await sql`drop index if exists documents_open_case`.execute(db);
}
