/**
 * Migrations: the static index (migrations/index.ts) holds every file of the folder, so the
 * bundled server runs the same migration code as the sources; `regelvaerk migrate` applies what
 * is missing and says so; a database one migration behind gets exactly that one; servers started
 * together on one new PostgreSQL database do not race (Kysely's migration lock).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../migrations/index.js';
import { openDatabase } from '../../server/src/db/database.js';
import { MIGRATION_NAMES, migrateToLatest } from '../../server/src/db/migrate.js';
import { loginOverHttp, startBuiltServer } from '../support/built-server.js';
import { repoRoot } from '../support/fixtures.js';
import { createPostgresDatabase, testDatabases } from '../support/platform.js';

const run = promisify(execFile);

/** `npx regelvaerk migrate` with the given environment: exit code and output. */
async function migrateCli(env: Record<string, string>): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/regelvaerk.mjs', 'migrate'], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: '', ...env },
    });
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

const appliedLines = (out: string): string[] =>
  out
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^\d{8}T\d{4}_/.test(l));

describe('the migration index', () => {
  it('lists every migration file of the folder, in order, and nothing else', () => {
    const files = readdirSync(path.join(repoRoot, 'migrations'))
      .filter((f) => f !== 'index.ts')
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(files.every((f) => /^\d{8}T\d{4}_[a-z0-9_-]+$/.test(f))).toBe(true);
    expect(Object.keys(MIGRATIONS)).toEqual(files);
    expect(MIGRATION_NAMES).toEqual(files);
  });
});

describe('regelvaerk migrate on the embedded database', () => {
  it('applies every migration to an empty DATA_DIR, then none', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'regelvaerk-migrate-'));
    const first = await migrateCli({ DATA_DIR: dataDir });
    expect(first.code, first.out).toBe(0);
    expect(appliedLines(first.out)).toEqual(MIGRATION_NAMES);
    const second = await migrateCli({ DATA_DIR: dataDir });
    expect(second.code, second.out).toBe(0);
    expect(appliedLines(second.out)).toEqual([]);
    expect(second.out).toContain('is up to date');
  }, 90_000);

  it('exits 1 with a message on a database it cannot reach', async () => {
    const r = await migrateCli({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Migration failed on the PostgreSQL postgres:\/\/nobody@127\.0\.0\.1:1\/none/);
  }, 30_000);
});

describe.skipIf(!(await testDatabases()).includes('postgres'))('migrations on PostgreSQL', () => {
  it('regelvaerk migrate applies every migration to a new database, and a second run applies none', async () => {
    const pg = await createPostgresDatabase();
    try {
      const first = await migrateCli({ DATABASE_URL: pg.url });
      expect(first.code, first.out).toBe(0);
      expect(appliedLines(first.out)).toEqual(MIGRATION_NAMES);
      const second = await migrateCli({ DATABASE_URL: pg.url });
      expect(second.code, second.out).toBe(0);
      expect(appliedLines(second.out)).toEqual([]);
    } finally {
      await pg.drop();
    }
  }, 60_000);

  it('a database one migration behind gets exactly the missing one', async () => {
    const pg = await createPostgresDatabase();
    const d = await openDatabase({ databaseUrl: pg.url });
    try {
      const behind = MIGRATION_NAMES[MIGRATION_NAMES.length - 2]!;
      const migrator = new Migrator({
        db: d.db,
        provider: { getMigrations: async () => ({ ...MIGRATIONS }) },
      });
      const { error } = await migrator.migrateTo(behind);
      expect(error).toBeUndefined();
      expect(await migrateToLatest(d.db)).toEqual([MIGRATION_NAMES[MIGRATION_NAMES.length - 1]]);
      expect(await migrateToLatest(d.db)).toEqual([]);
    } finally {
      await d.close();
      await pg.drop();
    }
  }, 60_000);

  it('two servers started at once on a new database both come up, and each migration runs once', async () => {
    const pg = await createPostgresDatabase();
    try {
      const env = {
        DATABASE_URL: pg.url,
        DEMO: 'false',
        ADMIN_PASSWORD: 'platform-admin-password-1',
        SESSION_SECRET: 's'.repeat(40),
      };
      const servers = await Promise.all([startBuiltServer({ env }), startBuiltServer({ env })]);
      try {
        for (const s of servers) await loginOverHttp(s.base, 'admin', 'platform-admin-password-1');
        const d = await openDatabase({ databaseUrl: pg.url, poolSize: 1 });
        try {
          const { rows } = await sql<{
            name: string;
          }>`select name from kysely_migration order by name`.execute(d.db);
          expect(rows.map((r) => r.name)).toEqual(MIGRATION_NAMES);
          // the installation's set-up happened once: one platform administrator, created once,
          // and the bundled national template loaded once
          const created = await sql<{ n: number }>`
            select count(*)::int as n from audit_events
            where entity = 'user' and entity_id = 'admin' and action = 'create'`.execute(d.db);
          expect(created.rows[0]!.n).toBe(1);
          const templates = await sql<{ n: number }>`
            select count(*)::int as n from template_versions where template_id = 'kp-standard'`.execute(d.db);
          expect(templates.rows[0]!.n).toBe(1);
        } finally {
          await d.close();
        }
      } finally {
        await Promise.all(servers.map((s) => s.stop()));
      }
    } finally {
      await pg.drop();
    }
  }, 120_000);
});
