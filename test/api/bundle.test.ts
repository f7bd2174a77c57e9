/**
 * What `npm start` runs: the bundled server (scripts/build.mjs → dist/server.mjs), on plain Node,
 * started for real on each way a deployment meets its database — a new embedded database from
 * the migrated template, an empty DATA_DIR where that template was never built, and a new, empty
 * PostgreSQL database — then used over HTTP and stopped cleanly. The other API tests run the
 * TypeScript sources; these guard the build and its migrations.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/fixtures.js';
import {
  installationWithoutTemplateCache,
  loginOverHttp,
  startBuiltServer,
  type BuiltServer,
} from '../support/built-server.js';
import { createPostgresDatabase, testDatabases } from '../support/platform.js';

const sampleInvoice = readFileSync(
  path.join(repoRoot, 'test/fixtures/samples/oioubl21/OIOUBL_Invoice_v2p2.xml'),
);

/** Logs in as the demo administrator, reads the demo's decisions, evaluates the public sample (stored). */
async function useTheDemo(server: BuiltServer): Promise<void> {
  const { base } = server;
  expect(server.output()).toContain('Regelværk is ready on');
  expect((await fetch(`${base}/docs/json`)).status).toBe(200);
  const cookie = await loginOverHttp(base, 'demo-admin', server.demoPassword('demo-admin'));
  const decisions = await fetch(`${base}/api/v1/municipalities/851/decisions`, { headers: { cookie } });
  // the six samples and the demo's eight weeks of history (HIST-…)
  const total = /^decisions 0-24\/(\d+)$/.exec(decisions.headers.get('content-range') ?? '')?.[1];
  expect(Number(total)).toBeGreaterThan(30);
  const dry = await fetch(`${base}/api/v1/municipalities/851/evaluate?dryRun=true`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/xml' },
    body: sampleInvoice,
  });
  expect(dry.status).toBe(200);
  expect(((await dry.json()) as { outcome: string }).outcome).toBe('rejected'); // the public sample is addressed to another EAN
  // the ERP's way: an API key, a stored decision
  const key = await fetch(`${base}/api/v1/municipalities/851/api-keys`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'erp', role: 'integration' }),
  });
  expect(key.status).toBe(201);
  const stored = await fetch(`${base}/api/v1/municipalities/851/evaluate`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${((await key.json()) as { key: string }).key}`,
      'content-type': 'application/xml',
    },
    body: sampleInvoice,
  });
  expect(stored.status).toBe(201);
  const after = await fetch(`${base}/api/v1/municipalities/851/decisions`, { headers: { cookie } });
  expect(after.headers.get('content-range')).toBe(`decisions 0-24/${Number(total) + 1}`);
  // a body that is not JSON: located by jsonc-parser, which the bundle must carry whole
  const broken = await fetch(`${base}/api/v1/municipalities/851/evaluate?dryRun=true`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: '{"documentType": "invoice",,}',
  });
  expect(broken.status).toBe(400);
  expect(((await broken.json()) as { detail: string }).detail).toMatch(/\(line 1, column 28\)/);
}

describe('the bundled server (npm start)', () => {
  const running: BuiltServer[] = [];
  afterAll(async () => {
    await Promise.all(running.map((s) => s.stop()));
  });

  it('starts on a new embedded database from the migrated template, answers, and stops cleanly', async () => {
    const server = await startBuiltServer();
    running.push(server);
    await useTheDemo(server);
    expect(await server.stop()).toBe(0);
  }, 120_000);

  it('migrates an empty DATA_DIR where the template cache was never built', async () => {
    const cwd = await installationWithoutTemplateCache();
    const server = await startBuiltServer({ cwd, readyTimeoutMs: 90_000 });
    running.push(server);
    await useTheDemo(server);
    expect(await server.stop()).toBe(0);
  }, 150_000);
});

describe.skipIf(!(await testDatabases()).includes('postgres'))('the bundled server on PostgreSQL', () => {
  it('migrates a new, empty PostgreSQL database, seeds the demo and answers', async () => {
    const pg = await createPostgresDatabase();
    try {
      const server = await startBuiltServer({ env: { DATABASE_URL: pg.url } });
      try {
        expect(server.output()).toContain('(PostgreSQL)');
        await useTheDemo(server);
      } finally {
        expect(await server.stop()).toBe(0);
      }
    } finally {
      await pg.drop();
    }
  }, 120_000);
});
