/**
 * No import cycle among the server's modules (server/src): a cycle ties modules together so that
 * none can be read, tested or moved alone, and at run time one of them sees the other half-loaded.
 * Type-only imports count too — they are how cycles start. dpdm finds them (with TypeScript's
 * own parser); the fixture proves the check can fail.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseCircular, parseDependencyTree } from 'dpdm';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/fixtures.js';

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return tsFiles(full);
    return /\.ts$/.test(name) ? [path.relative(repoRoot, full)] : [];
  });
}

async function cyclesIn(dir: string): Promise<string[]> {
  const tree = await parseDependencyTree(tsFiles(path.join(repoRoot, dir)), {
    context: repoRoot,
    cwd: repoRoot,
    tsconfig: path.join(repoRoot, 'tsconfig.json'),
    transform: false,
    skipDynamicImports: false,
  });
  return parseCircular(tree).map((cycle) => cycle.join(' → '));
}

describe('import cycles', () => {
  it('server/src has none', async () => {
    expect(await cyclesIn('server/src')).toEqual([]);
  });

  it('the check finds a cycle where there is one (a → b → a, through a type import)', async () => {
    expect(await cyclesIn('test/fixtures/import-cycle')).toEqual([
      'test/fixtures/import-cycle/a.ts → test/fixtures/import-cycle/b.ts',
    ]);
  });
});
