/**
 * Transactions for the ruleset and template workflows. On PostgreSQL a transaction gets its own
 * pooled connection and row locks do the rest; on PGlite (one session) the database layer makes
 * the connection exclusive (db/database.ts), so transactions run one at a time there.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';

/** Kept for the callers written before db/schema.ts held this feature's tables. */
export function wf(db: Kysely<DB>): Kysely<DB> {
  return db;
}

export async function inTransaction<T>(
  database: Pick<Database, 'db' | 'kind'>,
  fn: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  return database.db.transaction().execute(fn);
}
