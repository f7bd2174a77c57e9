/**
 * The repository is self-contained: a person who clones it has nothing beside it. No test,
 * benchmark, script or server file may refer to a folder outside the checkout (such as the
 * steering folder beside the checkout that the project's source documents came from); the public samples the tests use
 * are copied into test/fixtures/samples with their provenance.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/fixtures.js';

const SCANNED = ['test', 'bench', 'scripts', 'server', 'bin', 'migrations', 'admin-ui/src'];
const SKIP = new Set(['node_modules', 'dist', 'results', 'zen', 'samples']);
const CODE = /\.(ts|tsx|mts|cts|js|mjs|cjs|json)$/;
// the steering folder's name, assembled so that this file does not name it itself
const STEERING = new RegExp(String.raw`\.\.[/\\]` + ['sha', 'red'].join('') + String.raw`\b`);
const RELATIVE = /['"`]((?:\.\.\/)+)[^'"`]*['"`]/g;

/** A file that names the steering folder, or a relative path that leaves the checkout from where it stands. */
function leavesCheckout(file: string): boolean {
  const text = readFileSync(file, 'utf8');
  if (STEERING.test(text)) return true;
  for (const m of text.matchAll(RELATIVE)) {
    const target = path.resolve(path.dirname(file), m[1]!);
    if (path.relative(repoRoot, target).startsWith('..')) return true;
  }
  return false;
}

function files(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    if (SKIP.has(name)) return [];
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return CODE.test(name) ? [full] : [];
  });
}

describe('the repository is self-contained', () => {
  it('no code refers to the steering folder or another folder outside the checkout', () => {
    const self = path.join(repoRoot, 'test/repo/self-contained.test.ts');
    const offenders = SCANNED.flatMap((d) => files(path.join(repoRoot, d)))
      .filter((f) => f !== self)
      .filter(leavesCheckout)
      .map((f) => path.relative(repoRoot, f));
    expect(offenders).toEqual([]);
  });

  it('every public sample the tests use is in the repository, with its provenance', () => {
    const samples = path.join(repoRoot, 'test/fixtures/samples');
    const sources = readFileSync(path.join(samples, 'SOURCES.md'), 'utf8');
    const xml = readdirSync(samples).flatMap((d) =>
      statSync(path.join(samples, d)).isDirectory()
        ? readdirSync(path.join(samples, d)).map((f) => `${d}/${f}`)
        : [],
    );
    expect(xml.length).toBeGreaterThanOrEqual(14);
    for (const f of xml) expect(sources, `${f} has no row in SOURCES.md`).toContain(`| ${f} |`);
  });
});
