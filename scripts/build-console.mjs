// Builds the console (admin-ui/ → admin-ui/dist, served by the server at /) with Vite.
// `--if-missing`: only when admin-ui/dist/index.html does not exist yet (what `npm start` and
// the browser tests use, so a fresh checkout works without a separate build step).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const index = path.join(root, 'admin-ui/dist/index.html');
if (process.argv.includes('--if-missing') && existsSync(index)) process.exit(0);

// A production bundle even when started from a test run (vitest sets NODE_ENV=test, which Vite
// would keep — bundling React's and react-admin's development builds, which log every error).
process.env.NODE_ENV = 'production';
const { build } = await import('vite');
const started = Date.now();
await build({ configFile: path.join(root, 'admin-ui/vite.config.ts'), logLevel: 'warn' });
console.log(`Built admin-ui/dist (${Date.now() - started} ms)`);
