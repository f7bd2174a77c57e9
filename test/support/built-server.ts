/**
 * The built server as `npm start` runs it (scripts/build.mjs → dist/server.mjs on plain Node),
 * started for real in a child process on a free loopback port: for the tests of the real start
 * paths and the console's browser journeys.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { isStale } from '../../scripts/stale.mjs';
import { repoRoot } from './fixtures.js';

const run = promisify(execFile);

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

let buildingServer: Promise<void> | undefined;
let buildingConsole: Promise<void> | undefined;

/**
 * Builds the server bundle (and, with `console`, the console) once per test file — only when one
 * is missing or older than its sources (a developer's edit since the last build); after `npm ci`
 * (whose prepare script builds both) it builds nothing, so test files never rewrite a bundle
 * another file is starting.
 */
export async function ensureBuilt(options: { console?: boolean } = {}): Promise<void> {
  buildingServer ??= (async () => {
    if (isStale('server')) await run(process.execPath, ['scripts/build.mjs', '--quiet'], { cwd: repoRoot });
  })();
  await buildingServer;
  if (!options.console) return;
  buildingConsole ??= (async () => {
    if (isStale('console')) await run(process.execPath, ['scripts/build-console.mjs'], { cwd: repoRoot });
  })();
  await buildingConsole;
}

/**
 * A copy of the installation without the migrated PGlite template that `npm ci` builds (in
 * node_modules/.cache): the built server copied and the repository's other files and packages
 * linked into a new folder, the cache left out — what a server finds when that cache was never
 * built or has been removed.
 */
export async function installationWithoutTemplateCache(): Promise<string> {
  await ensureBuilt();
  const root = mkdtempSync(path.join(tmpdir(), 'regelvaerk-install-'));
  for (const entry of readdirSync(repoRoot)) {
    if (['node_modules', '.git', 'data', 'dist'].includes(entry)) continue;
    symlinkSync(path.join(repoRoot, entry), path.join(root, entry));
  }
  // copied, not linked: Node resolves a linked entry point to its real place, which would find
  // the repository (and its cache) again
  cpSync(path.join(repoRoot, 'dist'), path.join(root, 'dist'), { recursive: true });
  mkdirSync(path.join(root, 'node_modules'));
  for (const entry of readdirSync(path.join(repoRoot, 'node_modules'))) {
    if (entry === '.cache') continue;
    symlinkSync(path.join(repoRoot, 'node_modules', entry), path.join(root, 'node_modules', entry));
  }
  return root;
}

export interface BuiltServer {
  base: string;
  child: ChildProcess;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  /** The password printed for a demo user. */
  demoPassword(username: string): string;
  /** SIGTERM, then the exit code; the temporary data directory is removed. */
  stop(): Promise<number | null>;
}

export interface StartOptions {
  env?: Record<string, string>;
  /** The installation to run from (default: the repository). */
  cwd?: string;
  readyTimeoutMs?: number;
}

/** Starts dist/server.mjs and waits for /ready. DATA_DIR defaults to a new temporary folder. */
export async function startBuiltServer(options: StartOptions = {}): Promise<BuiltServer> {
  await ensureBuilt();
  const port = await freePort();
  const cwd = options.cwd ?? repoRoot;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'regelvaerk-data-'));
  const child = spawn(process.execPath, ['--enable-source-maps', path.join(cwd, 'dist/server.mjs')], {
    cwd,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      HOST: '127.0.0.1',
      PORT: String(port),
      DEMO: 'true',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`the server was not ready in time:\n${output}`);
    }
    const ready = await fetch(`${base}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    child,
    output: () => output,
    demoPassword(username) {
      const password = new RegExp(`${username}\\s+(\\S+)`).exec(output)?.[1];
      if (!password) throw new Error(`no password printed for ${username}:\n${output}`);
      return password;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const code = await exited;
      rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}

/** Logs in over HTTP and returns the session cookie. */
export async function loginOverHttp(base: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}
