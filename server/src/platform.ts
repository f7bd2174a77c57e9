/**
 * Starting the platform: open the database, migrate, make sure the installation has its
 * persistent secrets and the platform administrator, load the bundled templates, seed the demo
 * (DEMO=true), then build the app. Used by server.ts and by the tests.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import type { DB } from './db/schema.js';
import { hashPassword, newPassword } from './features/auth/credentials.js';
import { recordAudit } from './features/audit/audit-repository.js';
import { loadBundledTemplates } from './features/templates/template-service.js';
import { seedDemo } from './features/demo/demo-seed.js';

export interface StartedPlatform {
  app: FastifyInstance;
  database: Database;
  /** Set when this start created the platform administrator with a generated password. */
  generatedAdminPassword?: string;
  /** Lines to print for the person who started it (demo users and their passwords). */
  notices: string[];
}

export interface StartOptions {
  logger?: boolean | Record<string, unknown>;
  logStream?: NodeJS.WritableStream;
  /** Use this database instead of opening one from the configuration (tests). */
  database?: Database;
  now?: () => Date;
}

export async function ensureSetting(db: Kysely<DB>, key: string, make: () => string): Promise<string> {
  await db
    .insertInto('platform_settings')
    .values({ key, value: make() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db
    .selectFrom('platform_settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  return row.value;
}

async function ensurePlatformAdmin(
  db: Kysely<DB>,
  password: string | undefined,
): Promise<string | undefined> {
  const existing = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'admin')
    .executeTakeFirst();
  if (existing) return undefined;
  const generated = password ? undefined : newPassword();
  // Servers started together on a new database may both get here: one insert wins, and only the
  // winner records the creation and prints a generated password.
  const inserted = await db
    .insertInto('users')
    .values({
      id: randomUUID(),
      username: 'admin',
      password_hash: await hashPassword(password ?? generated!),
      role: 'platform-admin',
      municipality_id: null,
    })
    .onConflict((oc) => oc.column('username').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return undefined;
  await recordAudit(db, {
    municipality: null,
    actor: 'system',
    action: 'create',
    entity: 'user',
    entityId: 'admin',
    after: { username: 'admin', role: 'platform-admin' },
  });
  return generated;
}

export async function startPlatform(config: Config, options: StartOptions = {}): Promise<StartedPlatform> {
  const database =
    options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  try {
    await migrateToLatest(database.db);
    const cprKey = await ensureSetting(database.db, 'cpr_hash_key', () => randomBytes(32).toString('hex'));
    const generatedAdminPassword = await ensurePlatformAdmin(database.db, config.adminPassword);
    await loadBundledTemplates(database);
    const ctx = { config, database, db: database.db, cprKey, now: options.now ?? (() => new Date()) };
    const notices: string[] = [];
    const app = await buildApp({
      ctx,
      ...(options.logger !== undefined ? { logger: options.logger } : {}),
      ...(options.logStream ? { logStream: options.logStream } : {}),
    });
    app.addHook('onClose', async () => {
      if (!options.database) await database.close();
    });
    if (config.demo) {
      try {
        notices.push(...(await seedDemo(app.services)).notices);
      } catch (e) {
        await app.close().catch(() => {});
        throw e;
      }
    }
    return { app, database, notices, ...(generatedAdminPassword ? { generatedAdminPassword } : {}) };
  } catch (e) {
    if (!options.database) await database.close().catch(() => {});
    throw e;
  }
}
