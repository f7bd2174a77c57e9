/**
 * The database: PostgreSQL through `pg` when a DATABASE_URL is given, otherwise the embedded
 * PGlite in a data directory. One Kysely<DB> either way, the same migrations and SQL, plus
 * LISTEN/NOTIFY (used to tell every server instance that a ruleset was published).
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import { PGliteDialect } from './pglite-dialect.js';
import { readPgliteTemplate } from './pglite-template.js';
import pg from 'pg';
import type { DB } from './schema.js';

export type DatabaseKind = 'postgres' | 'pglite';

/**
 * SQL written once, as text with $n parameters, run without Kysely's query builder. On PostgreSQL
 * a query with a name is a named (prepared) statement: parsed and planned once per connection.
 * `name` must always go with the same text.
 */
export interface RawSql {
  query<R>(name: string, text: string, values: readonly unknown[]): Promise<R[]>;
}

/**
 * A transaction's statements, where the first and the last may each share a round trip with
 * BEGIN and COMMIT: on PostgreSQL `first` is sent as "begin; execute <name>(…)" and `last` as
 * "execute <name>(…); commit" in one simple query each — the statement is an SQL-level prepared
 * statement (PREPARE, once per connection), so it is planned once, and its parameters (text or
 * JSON) are inlined as literals — so a transaction of two statements costs two round trips, not
 * four. `last` ends the transaction; nothing may follow it. Elsewhere they are ordinary statements.
 */
export interface RawTransaction extends RawSql {
  /**
   * `before`: a statement run just before this one (its rows are dropped), in the same simple
   * query on PostgreSQL ("begin; execute <before>(…); execute <name>(…)"). Each statement of a
   * simple query gets its own snapshot, so this one sees what committed while `before` waited
   * (e.g. for a lock).
   */
  first<R>(
    name: string,
    text: string,
    values: readonly (string | null)[],
    before?: PreparedCall,
  ): Promise<R[]>;
  last<R>(name: string, text: string, values: readonly (string | null)[]): Promise<R[]>;
}

/** A statement for RawTransaction.first's `before`. */
export interface PreparedCall {
  name: string;
  text: string;
  values: readonly (string | null)[];
}

export interface ListenHooks {
  /**
   * The subscription was interrupted (false: notifications may be missed from now on) or is back
   * (true: it was re-established; what was missed is lost). Caches kept valid by NOTIFY drop
   * everything on both.
   */
  onStatus?: (connected: boolean) => void;
}

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** Named statements outside a transaction (the per-request reads). */
  raw: RawSql;
  /** One transaction on one connection, for named statements (group commit). */
  rawTransaction<T>(fn: (q: RawTransaction) => Promise<T>): Promise<T>;
  /**
   * Subscribes to a NOTIFY channel; returns an unsubscribe function. On PostgreSQL the listening
   * connection is re-established when it drops (the database restarted), with `hooks.onStatus`.
   */
  listen(
    channel: string,
    onMessage: (payload: string) => void,
    hooks?: ListenHooks,
  ): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the data directory as a tarball (tests start new databases from it). */
  dumpDataDir?(): Promise<Blob>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** PGlite data directory, or "memory://" for a throw-away database. */
  dataDir?: string | undefined;
  /** A PGlite data directory dump to start from (tests: a migrated template). */
  loadDataDir?: Blob | undefined;
  /**
   * Start a new, empty PGlite data directory from the migrated template that `npm ci` builds
   * (db/pglite-template.ts) instead of running initdb. Default true.
   */
  useTemplate?: boolean;
  poolSize?: number | undefined;
  onError?: (error: Error) => void;
}

// `date` stays a YYYY-MM-DD string (pg would make it a local-time Date); numeric stays a string.
const DATE_OID = 1082;
pg.types.setTypeParser(DATE_OID, (v: string) => v);

/** RawSql on a Kysely handle (a transaction included), without named statements. */
export function rawSqlOn(k: Pick<Kysely<DB>, 'executeQuery'>): RawSql {
  return {
    async query<R>(_name: string, text: string, values: readonly unknown[]) {
      const r = await k.executeQuery<R>(CompiledQuery.raw(text, [...values]));
      return r.rows;
    },
  };
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openPglite(options);
}

/**
 * SQL-level prepared statements (PREPARE … / EXECUTE …) made on each pooled connection, for the
 * statements a transaction sends together with BEGIN or COMMIT in one simple query: planned once
 * per connection, not per batch. Kept apart from pg's protocol-level named statements (the names
 * get a `_sql` suffix). A broken connection is a new client, so its set starts empty.
 */
const sqlPrepared = new WeakMap<pg.PoolClient, Set<string>>();

/**
 * A string literal for a simple query. The connection runs with standard_conforming_strings on
 * (set in its startup options), so a backslash is an ordinary character and only quotes double.
 */
function literal(v: string): string {
  return `'${v.replaceAll("'", "''")}'`;
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  // jit off: the hot statements are short index probes, but jsonb_to_recordset's default estimate
  // of 100 rows makes their cost look large enough for JIT compilation (≈ 15 ms per execution).
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    options: '-c jit=off -c standard_conforming_strings=on',
  });
  pool.on('error', (e) => options.onError?.(e));
  // A connection that breaks while checked out (PostgreSQL restarting, between two statements of a
  // transaction) emits 'error'; the pool only listens while it is idle. Its next query fails and
  // is answered 503; without a listener the event would end the process.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const listeners = new Set<Listener>();
  const raw: RawSql = {
    async query<R>(name: string, text: string, values: readonly unknown[]) {
      const r = await pool.query<R & pg.QueryResultRow>({ name, text, values: [...values] });
      return r.rows;
    },
  };
  return {
    db,
    kind: 'postgres',
    raw,
    async rawTransaction<T>(fn: (q: RawTransaction) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let begun = false;
      let ended = false;
      const begin = async (): Promise<void> => {
        if (!begun) await client.query('begin');
        begun = true;
      };
      const names = (): Set<string> => {
        let set = sqlPrepared.get(client);
        if (!set) sqlPrepared.set(client, (set = new Set()));
        return set;
      };
      /** "execute <name>_sql(<literals>)", PREPAREd first (once per connection, a round trip of
       * its own: PREPARE is not undone by a rollback). */
      const execute = async (c: PreparedCall): Promise<string> => {
        const prepared = `${c.name}_sql`;
        if (!names().has(prepared)) {
          await client.query(`prepare ${prepared} as ${c.text}`);
          names().add(prepared);
        }
        const args = c.values.map((v) => (v === null || v === undefined ? 'null' : literal(v))).join(', ');
        return `execute ${prepared}(${args})`;
      };
      const simple = async <R>(
        c: PreparedCall,
        at: 'first' | 'last',
        before?: PreparedCall,
      ): Promise<R[]> => {
        const statement = await execute(c);
        const text =
          at === 'last'
            ? `${statement}; commit`
            : before
              ? `begin; ${await execute(before)}; ${statement}`
              : `begin; ${statement}`;
        const results = (await client.query(text)) as unknown as pg.QueryResult[];
        return results[at === 'first' ? (before ? 2 : 1) : 0]!.rows as R[];
      };
      const q: RawTransaction = {
        async query<R>(name: string, text: string, values: readonly unknown[]) {
          await begin();
          const r = await client.query<R & pg.QueryResultRow>({ name, text, values: [...values] });
          return r.rows;
        },
        async first<R>(
          name: string,
          text: string,
          values: readonly (string | null)[],
          before?: PreparedCall,
        ) {
          if (begun) throw new Error('first() must be the first statement of the transaction');
          begun = true;
          return simple<R>({ name, text, values }, 'first', before);
        },
        async last<R>(name: string, text: string, values: readonly (string | null)[]) {
          if (!begun) await begin();
          const rows = await simple<R>({ name, text, values }, 'last');
          ended = true;
          return rows;
        },
      };
      try {
        const result = await fn(q);
        if (!ended) {
          await begin();
          await client.query('commit');
        }
        client.release();
        return result;
      } catch (e) {
        try {
          await client.query('rollback');
          client.release();
        } catch (rollbackError) {
          // the connection is broken: drop it from the pool
          client.release(rollbackError as Error);
        }
        throw e;
      }
    },
    async listen(channel, onMessage, hooks) {
      const listener = new Listener(url, channel, onMessage, hooks ?? {}, options.onError);
      await listener.start();
      listeners.add(listener);
      return async () => {
        if (!listeners.delete(listener)) return; // already ended by close()
        await listener.stop();
      };
    },
    async notify(channel, payload) {
      await sql`select pg_notify(${channel}, ${payload})`.execute(db);
    },
    async close() {
      const all = [...listeners];
      listeners.clear();
      await Promise.all(all.map((l) => l.stop()));
      await db.destroy();
    },
  };
}

/**
 * A LISTEN on a dedicated connection (a pooled one would be returned to the pool and lose the
 * LISTEN) that comes back by itself: when the connection drops, it reconnects with a backoff of
 * 0.25 s doubling to 5 s, and says so through `onStatus`.
 */
class Listener {
  private client: pg.Client | null = null;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private delayMs = 250;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly onMessage: (payload: string) => void,
    private readonly hooks: ListenHooks,
    private readonly onError: ((e: Error) => void) | undefined,
  ) {}

  /** The first connection: its failure is the caller's (the server does not start). */
  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    let dropped = false;
    const drop = (e?: Error): void => {
      if (dropped) return;
      dropped = true;
      if (e) this.onError?.(e);
      if (this.client === client) this.client = null;
      client.end().catch(() => {});
      if (this.stopped) return;
      this.hooks.onStatus?.(false);
      this.schedule();
    };
    client.on('error', (e) => drop(e));
    client.on('end', () => drop());
    client.on('notification', (n) => {
      if (n.channel === this.channel) this.onMessage(n.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(this.channel)}`);
    } catch (e) {
      dropped = true;
      client.end().catch(() => {});
      throw e;
    }
    if (this.stopped) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.delayMs = 250;
  }

  private schedule(): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connect().then(
        () => {
          if (!this.stopped) this.hooks.onStatus?.(true);
        },
        () => {
          this.delayMs = Math.min(5000, this.delayMs * 2);
          this.schedule();
        },
      );
    }, this.delayMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }
}

async function openPglite(options: DatabaseOptions): Promise<Database> {
  const dataDir = options.dataDir ?? 'memory://';
  let loadDataDir = options.loadDataDir;
  if (!dataDir.includes('://')) {
    mkdirSync(dataDir, { recursive: true });
    const fresh = !existsSync(path.join(dataDir, 'PG_VERSION'));
    if (fresh && !loadDataDir && options.useTemplate !== false) loadDataDir = readPgliteTemplate();
  }
  const client = await PGlite.create(dataDir, {
    parsers: { [DATE_OID]: (v: string) => v, [pgliteTypes.NUMERIC]: (v: string) => v },
    ...(loadDataDir ? { loadDataDir } : {}),
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client) });
  return {
    db,
    kind: 'pglite',
    raw: rawSqlOn(db), // one session, serialised by our dialect: no named statements
    rawTransaction: (fn) =>
      db.transaction().execute((trx) => {
        const q = rawSqlOn(trx);
        return fn({
          ...q,
          async first<R>(
            name: string,
            text: string,
            values: readonly (string | null)[],
            before?: PreparedCall,
          ) {
            if (before) await q.query(before.name, before.text, before.values);
            return q.query<R>(name, text, values);
          },
          last: q.query,
        });
      }),
    async listen(channel, onMessage) {
      const unsubscribe = await client.listen(channel, onMessage);
      let done = false;
      return async () => {
        // closing the database ends its subscriptions; unsubscribing afterwards is a no-op
        if (done || client.closed) return;
        done = true;
        await unsubscribe();
      };
    },
    async notify(channel, payload) {
      await sql`select pg_notify(${channel}, ${payload})`.execute(db);
    },
    async close() {
      await db.destroy();
      if (!client.closed) await client.close();
    },
    async dumpDataDir() {
      return client.dumpDataDir('none');
    },
  };
}

/** True for errors that mean the database cannot be reached (→ 503, retry later). */
export function isUnavailableError(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | null;
  if (!err) return false;
  const code = err.code ?? '';
  return (
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'EPIPE',
      'ENOTFOUND',
      '57P01',
      '57P02',
      '57P03',
      '08000',
      '08001',
      '08003',
      '08006',
      '53300',
    ].includes(code) ||
    /Connection terminated|connection is closed|connection error and is not queryable|not queryable|PGlite is closed|Cannot use a pool after calling end|timeout exceeded when trying to connect/i.test(
      err.message ?? '',
    )
  );
}
