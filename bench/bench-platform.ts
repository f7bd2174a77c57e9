/**
 * The platform for the HTTP and impact benchmarks: a fresh database — a new PostgreSQL database
 * on DATABASE_URL's server when it is set (dropped afterwards unless BENCH_KEEP_DB), otherwise a
 * PGlite data directory in a temp folder — and the real app on it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { loadConfig } from '../server/src/config.js';
import { openDatabase, type Database } from '../server/src/db/database.js';
import { startPlatform } from '../server/src/platform.js';

async function freshPostgres(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `rv_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = await openDatabase({ databaseUrl: adminUrl, poolSize: 1 });
  await sql`create database ${sql.id(name)}`.execute(admin.db);
  await admin.close();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const a = await openDatabase({ databaseUrl: adminUrl, poolSize: 1 });
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(a.db);
      await a.close();
    },
  };
}

export interface BenchPlatform {
  app: FastifyInstance;
  database: Database;
  /** The PostgreSQL database's URL, when the benchmark runs on PostgreSQL. */
  pgUrl: string | undefined;
  /** Where the PGlite data directory is, otherwise. */
  dataDir: string;
  close(): Promise<void>;
}

export async function startBenchPlatform(name: string): Promise<BenchPlatform> {
  const adminUrl = process.env.DATABASE_URL || undefined;
  const tmp = mkdtempSync(path.join(os.tmpdir(), `rv-bench-${name}-`));
  const pg = adminUrl ? await freshPostgres(adminUrl) : undefined;
  const config = loadConfig({
    ...(pg ? { DATABASE_URL: pg.url } : {}),
    DATA_DIR: path.join(tmp, 'data'),
    ADMIN_PASSWORD: 'bench-admin-password-1',
    SESSION_SECRET: 'b'.repeat(40),
    LOG_LEVEL: 'warn',
  });
  // Opened here and closed after the app, so the app's own onClose hooks still have a database.
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const { app } = await startPlatform(config, { database });
  return {
    app,
    database,
    pgUrl: pg?.url,
    dataDir: config.dataDir,
    async close() {
      await app.close();
      await database.close();
      if (process.env.BENCH_KEEP_DB && pg) console.log(`Kept the database: ${pg.url}`);
      else await pg?.drop();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
