// Builds the console (admin-ui/ → admin-ui/dist, served by the server at /) with Vite.
// `--if-stale` (what `npm start` uses): only when admin-ui/dist is missing or older than the
// console's sources, so a fresh checkout works without a separate build step and an edited
// console is rebuilt before the server serves it.
import path from 'node:path';
import { isStale, repoRoot as root } from './stale.mjs';

if (process.argv.includes('--if-stale') && !isStale('console')) process.exit(0);

// Always a production build, also when started from a test run (vitest sets NODE_ENV=test, which
// would make Vite bundle React's development build).
process.env.NODE_ENV = 'production';
const { build } = await import('vite');
const started = Date.now();
await build({ configFile: path.join(root, 'admin-ui/vite.config.ts'), logLevel: 'warn' });
console.log(`Built admin-ui/dist (${Date.now() - started} ms)`);
