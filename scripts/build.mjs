// Bundles the server (server/src/server.ts) into dist/server.mjs for `npm start`: one file loads
// in about a third of the time Node needs for the TypeScript sources through tsx. Packages that
// find files next to themselves stay external: PGlite (its WebAssembly), argon2 (a native
// binding), swagger-ui and static (the files they serve). The migrations are bundled too, through
// their static index (migrations/index.ts): the built server migrates any database on plain Node.
import { build } from 'esbuild';

const started = Date.now();
await build({
  entryPoints: ['server/src/server.ts'],
  outfile: 'dist/server.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  external: [
    '@electric-sql/pglite',
    '@node-rs/argon2',
    'pg-native',
    '@fastify/swagger-ui',
    '@fastify/static',
    'esbuild',
  ],
  // jsonc-parser's "main" is a UMD build whose modules require each other at run time, which a
  // bundler cannot follow; its ES module build bundles
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  // CommonJS dependencies inside an ES module bundle need a require()
  banner: {
    js: "import { createRequire as __regelvaerkRequire } from 'node:module'; const require = __regelvaerkRequire(import.meta.url);",
  },
});
if (!process.argv.includes('--quiet')) console.log(`Built dist/server.mjs (${Date.now() - started} ms)`);
