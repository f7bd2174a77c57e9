/**
 * The database: PostgreSQL through `pg` when a DATABASE_URL is given, otherwise the embedded
 * PGlite in a data directory. One Kysely<DB> either way, the same migrations and SQL, plus
 * LISTEN/NOTIFY (used to tell every server instance that a ruleset was published).
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { PGliteDialect } from './pglite-dialect.js';
import { readPgliteTemplate } from './pglite-template.js';
import pg from 'pg';
import type { DB } from './schema.js';

export type DatabaseKind = 'postgres' | 'pglite';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** Subscribes to a NOTIFY channel; returns an unsubscribe function. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
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

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openPglite(options);
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  pool.on('error', (e) => options.onError?.(e));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const listeners: pg.Client[] = [];
  return {
    db,
    kind: 'postgres',
    async listen(channel, onMessage) {
      // A dedicated connection: a pooled one would be returned to the pool and lose the LISTEN.
      const client = new pg.Client({ connectionString: url });
      client.on('error', (e) => options.onError?.(e));
      await client.connect();
      client.on('notification', (n) => {
        if (n.channel === channel) onMessage(n.payload ?? '');
      });
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      listeners.push(client);
      return async () => {
        const i = listeners.indexOf(client);
        if (i < 0) return; // already ended by close()
        listeners.splice(i, 1);
        await client.end().catch(() => {});
      };
    },
    async notify(channel, payload) {
      await sql`select pg_notify(${channel}, ${payload})`.execute(db);
    },
    async close() {
      await Promise.all(listeners.splice(0).map((c) => c.end().catch(() => {})));
      await db.destroy();
    },
  };
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
    /Connection terminated|connection is closed|PGlite is closed|Cannot use a pool after calling end/i.test(
      err.message ?? '',
    )
  );
}
