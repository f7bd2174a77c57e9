/**
 * Builds the migrated PGlite template (pglite-template.ts) when it is missing: a fresh embedded
 * database, migrated, dumped and written atomically. Apart from pglite-template.ts because it
 * opens a database, and database.ts reads the template.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from './database.js';
import { migrateToLatest } from './migrate.js';
import { pgliteTemplatePath, readPgliteTemplate } from './pglite-template.js';

/** Builds the template if it is missing; returns it. */
export async function ensurePgliteTemplate(): Promise<Blob> {
  const existing = readPgliteTemplate();
  if (existing) return existing;
  const d = await openDatabase({ dataDir: 'memory://', useTemplate: false });
  try {
    await migrateToLatest(d.db);
    const blob = await d.dumpDataDir!();
    const file = pgliteTemplatePath();
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
    renameSync(tmp, file); // atomic: concurrent builders never see half a file
    return blob;
  } finally {
    await d.close();
  }
}
