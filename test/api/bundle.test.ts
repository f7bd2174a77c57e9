/**
 * What `npm start` runs: the bundled server (scripts/build.mjs → dist/server.mjs), on plain Node,
 * on a new embedded database with the demo — started for real, used over HTTP, stopped cleanly.
 * The other API tests run the TypeScript sources; this one guards the build.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/fixtures.js';

const run = promisify(execFile);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

describe('the bundled server (npm start)', () => {
  it('builds, starts on a new embedded database with the demo, answers, and stops cleanly', async () => {
    await run(process.execPath, ['scripts/build.mjs', '--quiet'], { cwd: repoRoot });
    const port = await freePort();
    const child = spawn(process.execPath, ['dist/server.mjs'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        DATA_DIR: mkdtempSync(path.join(tmpdir(), 'regelvaerk-bundle-')),
        PORT: String(port),
        DEMO: 'true',
        DATABASE_URL: '',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      const base = `http://127.0.0.1:${port}`;
      for (let i = 0; ; i++) {
        if (child.exitCode !== null || i > 600) throw new Error(`not ready:\n${output}`);
        const ok = await fetch(`${base}/ready`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) break;
        await new Promise((r) => setTimeout(r, 100));
      }
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
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 120_000);
});
