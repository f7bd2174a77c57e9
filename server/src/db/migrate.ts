/** Runs the migrations in the top-level migrations/ folder (timestamped, frozen) to the latest. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Migrator, sql, type Migration, type MigrationProvider, type Kysely } from 'kysely';

export const MIGRATIONS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../migrations',
);

const MIGRATION_FILE = /^\d{8}T\d{4}_[a-z0-9_-]+\.ts$/;

async function migrationNames(dir: string): Promise<string[]> {
  return (await fs.readdir(dir))
    .filter((f) => MIGRATION_FILE.test(f))
    .sort()
    .map((f) => f.replace(/\.ts$/, ''));
}

class FolderProvider implements MigrationProvider {
  constructor(private readonly dir: string) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await fs.readdir(this.dir)).filter((f) => MIGRATION_FILE.test(f)).sort();
    const out: Record<string, Migration> = {};
    for (const f of files)
      out[f.replace(/\.ts$/, '')] = (await import(pathToFileURL(path.join(this.dir, f)).href)) as Migration;
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
