/**
 * The dashboard (GET …/dashboard) counts a municipality's first decisions per week and their
 * reasons over a period. decisions_received (municipality_id, received_at, id) already orders
 * them; it now also carries what those aggregates read — outcome, document, duplicate flag,
 * cause and reasons — so they are answered by an index-only scan of the narrow index instead of
 * the wide decision rows (decisions are append-only, so their pages stay all-visible once
 * vacuumed). The impact preview's keyset scan uses the same index as before. Likewise the ledger's
 * list indexes carry the supplier and the amount (documents per supplier) and the amount (the
 * manual queue by age).
 * Frozen: never edit once merged — add a new migration.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and typeless
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index decisions_received`.execute(db);
  await sql`
    create index decisions_received on decisions (municipality_id, received_at, id)
    include (outcome, document_id, duplicate, cause, reasons)`.execute(db);
  await sql`drop index documents_log`.execute(db);
  await sql`
    create index documents_log on documents (municipality_id, created_at desc, id)
    include (supplier_id, payable)`.execute(db);
  await sql`drop index documents_status`.execute(db);
  await sql`
    create index documents_status on documents (municipality_id, status, created_at desc)
    include (payable)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index decisions_received`.execute(db);
  await sql`create index decisions_received on decisions (municipality_id, received_at, id)`.execute(db);
  await sql`drop index documents_log`.execute(db);
  await sql`create index documents_log on documents (municipality_id, created_at desc, id)`.execute(db);
  await sql`drop index documents_status`.execute(db);
  await sql`create index documents_status on documents (municipality_id, status, created_at desc)`.execute(
    db,
  );
}
