/**
 * A stored decision row is ≈ 4–5 KB of JSON (the document, the facts, the explanation, the compact
 * trace), so PostgreSQL compresses it when it is written (TOAST, above ≈ 2 KB per row). The
 * default method, pglz, was the largest single cost of PostgreSQL's CPU per stored decision in a
 * profile of bench:http (≈ 9 % of it); lz4 compresses several times faster at a similar ratio.
 * Only values written from now on use it (both methods are read transparently). Where the server
 * is built without lz4 (PGlite), nothing changes.
 * Frozen: never edit once merged — add a new migration.
 */
import { sql, type Kysely } from 'kysely';

const COLUMNS = [
  'document',
  'ledger_snapshot',
  'reasons',
  'actions',
  'payment_groups',
  'postings',
  'explanation',
  'facts',
  'trace',
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and typeless
async function setCompression(db: Kysely<any>, method: 'lz4' | 'pglz'): Promise<void> {
  const alter = COLUMNS.map((c) => `alter column ${c} set compression ${method}`).join(', ');
  await sql
    .raw(
      `do $$ begin
         alter table decisions ${alter};
       exception when feature_not_supported then
         null; -- built without lz4: keep pglz
       end $$`,
    )
    .execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and typeless
export async function up(db: Kysely<any>): Promise<void> {
  await setCompression(db, 'lz4');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and typeless
export async function down(db: Kysely<any>): Promise<void> {
  await setCompression(db, 'pglz');
}
