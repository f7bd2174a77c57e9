/**
 * `regelvaerk migrate`: applies the missing migrations to the database the server would use
 * (DATABASE_URL, else the embedded database in DATA_DIR) and prints what it applied, so an
 * operator can migrate once and then start several servers. Exit 0 on success (also when nothing
 * was missing), 1 when the configuration is wrong or a migration fails.
 */
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { MIGRATION_NAMES, migrateToLatest } from '../db/migrate.js';
import type { Io } from './io.js';

/** Where the database is, for messages: the URL without its password, or the data directory. */
function describeTarget(databaseUrl: string | undefined, dataDir: string): string {
  if (!databaseUrl) return `embedded database in ${dataDir}`;
  const url = new URL(databaseUrl);
  if (url.password) url.password = '***';
  return `PostgreSQL ${url.toString()}`;
}

export async function migrateCommand(io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  let config;
  try {
    config = loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      io.err(`Configuration error: ${e.message}`);
      return 1;
    }
    throw e;
  }
  const target = describeTarget(config.databaseUrl, config.dataDir);
  let database;
  try {
    // A new embedded database is migrated step by step here (not copied from the template), so
    // what is printed is what was applied.
    database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      useTemplate: false,
    });
  } catch (e) {
    io.err(`Cannot open the ${target}: ${(e as Error).message}`);
    return 1;
  }
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length === 0) io.out(`The ${target} is up to date (${MIGRATION_NAMES.length} migrations).`);
    else {
      io.out(`Applied ${applied.length} migration${applied.length === 1 ? '' : 's'} to the ${target}:`);
      for (const name of applied) io.out(`  ${name}`);
    }
    return 0;
  } catch (e) {
    io.err(`Migration failed on the ${target}: ${(e as Error).message}`);
    return 1;
  } finally {
    await database.close();
  }
}
