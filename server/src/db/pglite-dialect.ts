/**
 * A Kysely dialect for the embedded PGlite. PGlite speaks PostgreSQL, so Kysely's PostgreSQL
 * adapter, introspector and query compiler serve as they are; only the driver is ours.
 *
 * Why not the kysely-pglite package: its driver hands PGlite's single session to every caller at
 * once, so two concurrent transactions interleave in it (the second BEGIN is a no-op; the first
 * COMMIT or ROLLBACK ends both) and a plain query can run inside someone else's transaction; and
 * importing it loads a code generator (≈0.8 s of a 2 s restart budget) with a peer-dependency
 * conflict on kysely. This driver makes the session exclusive: acquiring the connection waits
 * until the previous holder releases it, as on a one-connection pool.
 *
 * Code inside a transaction must use the transaction handle (a query on the outer db would wait
 * for the transaction that waits for it); the wait is bounded so that bug is reported, not hung.
 */
import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';

export const PGLITE_LOCK_TIMEOUT_MS = 60_000;

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly client: PGlite) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.client.query<R>(query.sql, [...query.parameters]);
    const affected = result.affectedRows;
    return affected === undefined
      ? { rows: result.rows }
      : { rows: result.rows, numAffectedRows: BigInt(affected) };
  }

  // eslint-disable-next-line require-yield -- PGlite has no cursors; Kysely's stream() is refused clearly
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite does not support streaming queries; page with keyset pagination instead.');
  }
}

class PGliteDriver implements Driver {
  private readonly connection: PGliteConnection;
  private tail: Promise<void> = Promise.resolve();
  private release: (() => void) | null = null;

  constructor(private readonly client: PGlite) {
    this.connection = new PGliteConnection(client);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => mine);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `PGlite connection not released within ${PGLITE_LOCK_TIMEOUT_MS} ms (a query outside its transaction?)`,
            ),
          ),
        PGLITE_LOCK_TIMEOUT_MS,
      );
      timer.unref();
    });
    try {
      await Promise.race([previous, timeout]);
    } catch (e) {
      void previous.then(release); // give up our turn without blocking the ones after us
      throw e;
    } finally {
      clearTimeout(timer);
    }
    this.release = release;
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    const release = this.release;
    this.release = null;
    release?.();
  }

  async destroy(): Promise<void> {
    if (!this.client.closed) await this.client.close();
  }
}

export class PGliteDialect implements Dialect {
  constructor(private readonly client: PGlite) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.client);
  }
  createIntrospector(db: Parameters<Dialect['createIntrospector']>[0]) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}
