/**
 * The project's root folder (the one with Regelværk's package.json), found by walking up from
 * this module — so data files (migrations, rulesets) are found the same way whether the server
 * runs from the TypeScript sources or from the bundled build in dist/.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'regelvaerk') return dir;
      } catch {
        // not ours; keep walking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Cannot find Regelværk's package.json above ${start}`);
    dir = parent;
  }
}

export const REPO_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

export const fromRoot = (...parts: string[]): string => path.join(REPO_ROOT, ...parts);
