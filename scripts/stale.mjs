// Whether a build is missing or older than its sources (a developer's edit since the last build).
// Used by `npm start` (scripts/build-console.mjs --if-stale) and by the tests that start the built
// server (test/support/built-server.ts), so both rebuild in the same cases and only then.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What each build is made from, relative to the repository. */
export const BUILDS = {
  server: { output: 'dist/server.mjs', sources: ['server/src', 'migrations'] },
  // the console also imports the server's domain modules (money, split, payment groups…)
  console: {
    output: 'admin-ui/dist/index.html',
    sources: ['admin-ui/src', 'admin-ui/index.html', 'admin-ui/vite.config.ts', 'server/src'],
  },
};

/** The newest modification time of a file, or of the files under a folder (0 when missing). */
function newest(file) {
  if (!existsSync(file)) return 0;
  const stat = statSync(file);
  if (stat.isFile()) return stat.mtimeMs;
  let max = 0;
  for (const entry of readdirSync(file, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) max = Math.max(max, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return max;
}

/** True when `build`'s output is missing or older than one of its sources (under `root`). */
export function isStale(build, root = repoRoot) {
  const { output, sources } = BUILDS[build];
  const file = path.join(root, output);
  if (!existsSync(file)) return true;
  const built = statSync(file).mtimeMs;
  return sources.some((s) => newest(path.join(root, s)) > built);
}
