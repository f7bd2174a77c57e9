/**
 * A migrated PGlite data directory, built once and reused: PGlite's initdb plus the migrations
 * cost several seconds of CPU, loading a tarball of the result about one. `npm ci` builds it
 * (the `prepare` script runs build-pglite-template.ts); a first start on an empty DATA_DIR and every test
 * database start from it. It is keyed by the migrations' contents and the PGlite version, so a
 * new migration or PGlite release simply builds a new one; without it, PGlite runs initdb.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../paths.js';

const repoRoot = REPO_ROOT;
const cacheDir = path.join(repoRoot, 'node_modules/.cache/regelvaerk');
const MIGRATIONS_DIR = path.join(repoRoot, 'migrations');

export function pgliteTemplatePath(): string {
  const h = createHash('sha256');
  for (const f of readdirSync(MIGRATIONS_DIR).sort())
    h.update(f).update(readFileSync(path.join(MIGRATIONS_DIR, f)));
  h.update(
    JSON.parse(readFileSync(path.join(repoRoot, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'))
      .version,
  );
  return path.join(cacheDir, `pglite-${h.digest('hex').slice(0, 16)}.tar`);
}

/** The template as a Blob, or undefined when it has not been built. */
export function readPgliteTemplate(): Blob | undefined {
  try {
    const file = pgliteTemplatePath();
    return existsSync(file) ? new Blob([readFileSync(file)]) : undefined;
  } catch {
    return undefined;
  }
}

/** Builds the template if it is missing; returns it. */
export async function ensurePgliteTemplate(): Promise<Blob> {
  const existing = readPgliteTemplate();
  if (existing) return existing;
  const { openDatabase } = await import('./database.js');
  const { migrateToLatest } = await import('./migrate.js');
  const d = await openDatabase({ dataDir: 'memory://', useTemplate: false });
  try {
    await migrateToLatest(d.db);
    const blob = await d.dumpDataDir!();
    const file = pgliteTemplatePath();
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
    renameSync(tmp, file); // atomic: concurrent builders never see half a file
    return blob;
  } finally {
    await d.close();
  }
}
