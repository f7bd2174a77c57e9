/**
 * What `npm start` runs: the bundled server (scripts/build.mjs → dist/server.mjs), on plain Node,
 * on a new embedded database with the demo — started for real, used over HTTP, stopped cleanly.
 * The other API tests run the TypeScript sources; this one guards the build.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/fixtures.js';
import { startBundledServer } from '../support/bundled-server.js';

const run = promisify(execFile);

describe('the bundled server (npm start)', () => {
  it('builds, starts on a new embedded database with the demo, answers, and stops cleanly', async () => {
    await run(process.execPath, ['scripts/build.mjs', '--quiet'], { cwd: repoRoot });
    const server = await startBundledServer();
    const output = server.output();
    try {
      const base = server.base;
      expect(output).toContain('Regelværk is ready on');
      expect((await fetch(`${base}/docs/json`)).status).toBe(200);
      const password = /demo-admin\s+(\S+)/.exec(output)?.[1];
      expect(password, output).toBeTruthy();
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'demo-admin', password }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const decisions = await fetch(`${base}/api/v1/municipalities/851/decisions`, { headers: { cookie } });
      expect(decisions.headers.get('content-range')).toMatch(/^decisions 0-5\/6$/);
      const dry = await fetch(`${base}/api/v1/municipalities/851/evaluate?dryRun=true`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/xml' },
        body: (await import('node:fs')).readFileSync(
          path.join(repoRoot, 'test/fixtures/samples/oioubl21/OIOUBL_Invoice_v2p2.xml'),
        ),
      });
      expect(dry.status).toBe(200);
      expect(((await dry.json()) as { outcome: string }).outcome).toBe('rejected'); // the public sample is addressed to another EAN
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 120_000);
});
