/** Runs the migrations in the top-level migrations/ folder (timestamped, frozen) to the latest. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Migrator, sql, type Migration, type MigrationProvider, type Kysely } from 'kysely';
import { fromRoot } from '../paths.js';

export const MIGRATIONS_DIR = fromRoot('migrations');

const MIGRATION_FILE = /^\d{8}T\d{4}_[a-z0-9_-]+\.ts$/;

async function migrationNames(dir: string): Promise<string[]> {
  return (await fs.readdir(dir))
    .filter((f) => MIGRATION_FILE.test(f))
    .sort()
    .map((f) => f.replace(/\.ts$/, ''));
}

/**
 * Migrations are TypeScript files. From the sources (tsx) they import as they are; the bundled
 * build runs on plain Node, which registers tsx the first time a migration must be loaded (a new
 * database without the template, or a new migration) — never on an ordinary restart.
 */
async function importMigration(file: string): Promise<Migration> {
  const url = pathToFileURL(file).href;
  try {
    return (await import(url)) as Migration;
  } catch (e) {
    if ((e as { code?: string }).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw e;
    const { register } = await import('tsx/esm/api');
    register();
    return (await import(url)) as Migration;
  }
}

class FolderProvider implements MigrationProvider {
  constructor(private readonly dir: string) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await fs.readdir(this.dir)).filter((f) => MIGRATION_FILE.test(f)).sort();
    const out: Record<string, Migration> = {};
    for (const f of files) out[f.replace(/\.ts$/, '')] = await importMigration(path.join(this.dir, f));
    return out;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typeless by design
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  // On a restart every migration is already recorded: answer from the table without importing
  // (and compiling) each migration file, which costs most of a second.
  const names = await migrationNames(MIGRATIONS_DIR);
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    const applied = new Set(rows.map((r) => r.name));
    if (names.every((n) => applied.has(n))) return [];
  } catch {
    // no kysely_migration table yet: a new database
  }
  const migrator = new Migrator({ db, provider: new FolderProvider(MIGRATIONS_DIR) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
