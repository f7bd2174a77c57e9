/**
 * PGlite is a single session: concurrent transactions must not interleave in it. Two
 * transactions racing, one rolling back, must leave exactly the other's rows.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database.js';
import { freshDatabase } from '../support/platform.js';

describe('PGlite transactions', () => {
  let d: Database;
  beforeAll(async () => {
    d = await freshDatabase('pglite');
    await sql`create table tx_probe (id int primary key)`.execute(d.db);
  });
  afterAll(async () => d?.close());

  it('runs concurrent transactions one at a time: a rollback never undoes another transaction', async () => {
    const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
    const a = d.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('tx_probe' as never)
        .values({ id: 1 } as never)
        .execute();
      await pause(30);
      await trx
        .insertInto('tx_probe' as never)
        .values({ id: 2 } as never)
        .execute();
    });
    const b = d.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('tx_probe' as never)
        .values({ id: 3 } as never)
        .execute();
      await pause(10);
      throw new Error('roll me back');
    });
    const plain = (async () => {
      await pause(5);
      return sql<{ n: number }>`select count(*)::int as n from tx_probe`.execute(d.db);
    })();
    await expect(b).rejects.toThrow('roll me back');
    await a;
    const seen = (await plain).rows[0]!.n;
    expect([0, 2]).toContain(seen); // never a half-done transaction's rows
    const rows = await sql<{ id: number }>`select id from tx_probe order by id`.execute(d.db);
    expect(rows.rows.map((r) => r.id)).toEqual([1, 2]);
  });
});
