/**
 * Runs the migrations of the top-level migrations/ folder (timestamped, frozen) to the latest,
 * through Kysely's Migrator: on PostgreSQL it holds a lock while it migrates, so servers (and
 * `regelvaerk migrate`) started together on one new database apply each migration exactly once.
 * The migrations come from migrations/index.ts, a static index, so the bundled server and the
 * sources run the same code.
 */
import { Migrator, sql, type Kysely, type MigrationProvider } from 'kysely';
import { MIGRATIONS } from '../../../migrations/index.js';

export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATIONS).sort();

const provider: MigrationProvider = { getMigrations: async () => ({ ...MIGRATIONS }) };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typeless by design
async function appliedMigrations(db: Kysely<any>): Promise<Set<string> | undefined> {
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    return new Set(rows.map((r) => r.name));
  } catch {
    return undefined; // no kysely_migration table yet: a new database
  }
}

/** Migrates to the latest; returns the names of the migrations it applied (none when up to date). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typeless by design
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  // On a restart every migration is already recorded: answer from the table without taking the
  // migration lock.
  const applied = await appliedMigrations(db);
  if (applied && MIGRATION_NAMES.every((n) => applied.has(n))) return [];
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
