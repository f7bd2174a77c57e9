/**
 * `npm start` and the browser tests rebuild the console (and the tests the server bundle) when it
 * is missing or older than its sources (scripts/stale.mjs): an edited console is what gets served.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isStale } from '../../scripts/stale.mjs';

let root: string;
const file = (relative: string, seconds: number) => {
  const full = path.join(root, relative);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, '');
  utimesSync(full, seconds, seconds);
};

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('stale builds', () => {
  it('a missing build is stale; a build newer than every source is not', () => {
    root = mkdtempSync(path.join(tmpdir(), 'regelvaerk-stale-'));
    file('admin-ui/src/App.tsx', 1_000);
    file('server/src/domain/money.ts', 1_000);
    expect(isStale('console', root)).toBe(true);
    file('admin-ui/dist/index.html', 2_000);
    expect(isStale('console', root)).toBe(false);
  });

  it('an edit to the console, deep in a folder, or to a server module it imports makes it stale', () => {
    root = mkdtempSync(path.join(tmpdir(), 'regelvaerk-stale-'));
    file('admin-ui/dist/index.html', 2_000);
    file('admin-ui/src/ruleset/grid/TableGrid.tsx', 3_000);
    expect(isStale('console', root)).toBe(true);
    file('admin-ui/src/ruleset/grid/TableGrid.tsx', 1_000);
    file('server/src/domain/money.ts', 3_000);
    expect(isStale('console', root)).toBe(true);
    expect(isStale('server', root)).toBe(true);
  });
});
