/**
 * Test platforms: a fresh database per suite — PGlite in memory (started from a migrated
 * template dump, so each suite does not pay for initdb + migrations), and PostgreSQL when it is
 * reachable (a new database per suite, dropped afterwards). Without PostgreSQL the PostgreSQL
 * suites are skipped with a visible note — except under CI=true, where that is a failure.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { loadConfig, type Config } from '../../server/src/config.js';
import { openDatabase, type Database } from '../../server/src/db/database.js';
import { ensurePgliteTemplate } from '../../server/src/db/pglite-template-builder.js';
import { startPlatform } from '../../server/src/platform.js';

export type DbKind = 'pglite' | 'postgres';

const PG_ADMIN_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
let pgReachable: Promise<boolean> | undefined;

async function checkPostgres(): Promise<boolean> {
  try {
    const d = await openDatabase({ databaseUrl: PG_ADMIN_URL, poolSize: 1 });
    try {
      await sql`select 1`.execute(d.db);
      return true;
    } finally {
      await d.close();
    }
  } catch {
    return false;
  }
}

/** The database kinds to run a suite on. Call at module level: `describe.each(await testDatabases())`. */
export async function testDatabases(): Promise<DbKind[]> {
  pgReachable ??= checkPostgres();
  if (await pgReachable) return ['pglite', 'postgres'];
  if (process.env.CI === 'true')
    throw new Error(
      `CI=true but PostgreSQL is not reachable at ${PG_ADMIN_URL}: the PostgreSQL suite must run in CI.`,
    );
  console.warn(
    `NOTE: PostgreSQL is not reachable at ${PG_ADMIN_URL}; the PostgreSQL suites are skipped (they run in CI).`,
  );
  return ['pglite'];
}

let pgliteTemplate: Promise<Blob> | undefined;

/** A fresh, empty, migrated database of the given kind. */
export async function freshDatabase(kind: DbKind): Promise<Database & { dropUrl?: string }> {
  if (kind === 'pglite') {
    pgliteTemplate ??= ensurePgliteTemplate();
    return openDatabase({ dataDir: 'memory://', loadDataDir: await pgliteTemplate });
  }
  const pg = await createPostgresDatabase();
  const d = await openDatabase({ databaseUrl: pg.url });
  const close = d.close.bind(d);
  return {
    ...d,
    async close() {
      await close();
      await pg.drop();
    },
  };
}

/** A new, empty PostgreSQL database (not migrated): its URL, and a function that drops it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `rv_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = await openDatabase({ databaseUrl: PG_ADMIN_URL, poolSize: 1 });
  await sql`create database ${sql.id(name)}`.execute(admin.db);
  await admin.close();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const a = await openDatabase({ databaseUrl: PG_ADMIN_URL, poolSize: 1 });
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(a.db);
      await a.close();
    },
  };
}

export interface TestPlatform {
  kind: DbKind;
  app: FastifyInstance;
  database: Database;
  config: Config;
  /** Closes the app and drops the database. */
  close(): Promise<void>;
  /** Logs in and returns the session cookie header value. */
  login(username: string, password: string): Promise<string>;
  /** The platform administrator's session cookie. */
  adminCookie(): Promise<string>;
  logs: string[];
}

export const ADMIN_PASSWORD = 'platform-admin-password-1';

export async function createTestPlatform(
  kind: DbKind,
  env: Record<string, string> = {},
): Promise<TestPlatform> {
  const database = await freshDatabase(kind);
  const config = loadConfig({
    ADMIN_PASSWORD,
    SESSION_SECRET: 'x'.repeat(40),
    LOGIN_RATE_LIMIT: '1000',
    DATA_DIR: '/nonexistent',
    ...env,
  });
  const logs: string[] = [];
  const { Writable } = await import('node:stream');
  const logStream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString());
      cb();
    },
  });
  const { app } = await startPlatform(config, { database, logStream, logger: { level: 'info' } });
  await app.ready();
  let adminCookie: string | undefined;
  const login = async (username: string, password: string): Promise<string> => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password },
    });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    return cookieOf(res);
  };
  return {
    kind,
    app,
    database,
    config,
    logs,
    login,
    async adminCookie() {
      adminCookie ??= await login('admin', ADMIN_PASSWORD);
      return adminCookie;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export function cookieOf(res: LightMyRequestResponse): string {
  const set = res.headers['set-cookie'];
  const first = Array.isArray(set) ? set[0] : set;
  if (!first) throw new Error('no session cookie');
  return first.split(';')[0]!;
}
