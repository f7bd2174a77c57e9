/**
 * `npm ci` / `npm install` run this (the `prepare` script): builds the migrated PGlite template
 * that new data directories and test databases start from.
 */
import path from 'node:path';
import { ensurePgliteTemplate } from './pglite-template-builder.js';
import { pgliteTemplatePath } from './pglite-template.js';

const started = Date.now();
await ensurePgliteTemplate();
console.log(
  `PGlite template ready: ${path.relative(process.cwd(), pgliteTemplatePath())} (${Date.now() - started} ms)`,
);
