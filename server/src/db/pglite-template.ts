/**
 * A migrated PGlite data directory, built once and reused: PGlite's initdb plus the migrations
 * cost several seconds of CPU, loading a tarball of the result about one. `npm ci` builds it
 * (the `prepare` script runs build-pglite-template.ts); a first start on an empty DATA_DIR and every test
 * database start from it. It is keyed by the migrations' contents and the PGlite version, so a
 * new migration or PGlite release simply builds a new one; without it, PGlite runs initdb.
 * Building it is pglite-template-builder.ts (it opens a database, which imports this file).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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
