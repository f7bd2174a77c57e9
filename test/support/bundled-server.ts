/**
 * The bundled server (`node dist/server.mjs`, what `npm start` runs) started for real on
 * 127.0.0.1, a free port and a new embedded database with the demo — for the bundle test and
 * the browser journeys.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './fixtures.js';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface BundledServer {
  base: string;
  /** Everything the server printed so far. */
  output(): string;
  /** Its exit code, once it has exited. */
  exited: Promise<number | null>;
  /** SIGTERM, wait for the exit, remove the data directory; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts the bundle and waits until /ready answers (or fails with what it printed). */
export async function startBundledServer(env: Record<string, string> = {}): Promise<BundledServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'regelvaerk-bundle-'));
  const child = spawn(process.execPath, ['dist/server.mjs'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO: 'true',
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    child.kill('SIGTERM');
    const code = await exited;
    rmSync(dataDir, { recursive: true, force: true });
    return code;
  };
  for (let i = 0; ; i++) {
    if (child.exitCode !== null || i > 600) {
      await stop();
      throw new Error(`the server did not get ready:\n${output}`);
    }
    if (
      await fetch(`${base}/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base, output: () => output, exited, stop };
}
