/**
 * Startup time with the embedded database (PRODUCT.md §8: ready ≤ 5 s on first start, ≤ 2 s on
 * restart). Each round starts the server as `npm start` would — the bundled dist/server.mjs, DEMO=true
 * — on a fresh, empty DATA_DIR, measures the time from spawn to the first successful GET /ready,
 * stops it (SIGTERM), starts it again on the same DATA_DIR and measures again.
 *
 * Writes bench/results/startup.json {firstStartMs, restartMs} (medians of the rounds) and
 * bench/results/startup-details.json: every round, the server's own "ready in N ms" (the time
 * inside startPlatform + listen, i.e. without process start and module loading), the CPU time the
 * process had used when ready (on a loaded machine wall time waits for a core; CPU time does not),
 * the load average, and whether the server stopped cleanly on SIGTERM.
 *
 *   npx tsx bench/startup.bench.ts [--rounds 3]
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1] || 3) || 3;
const TARGET = { firstStartMs: 5000, restartMs: 2000 };

interface Start {
  /** Spawn → first 200 from GET /ready. */
  readyMs: number;
  /** What the server reports: startPlatform + listen, without process start and imports. */
  platformMs: number | null;
  /**
   * CPU time (user + system, all threads) the server process had used when it was ready — Linux
   * only. On a busy machine wall time is inflated by waiting for a core; CPU time is not.
   */
  cpuMs: number | null;
  /** Exit code after SIGTERM (0 = a clean, graceful stop). */
  exitCode: number | null;
}

/** utime + stime of a process from /proc (clock ticks of 10 ms on Linux), or null elsewhere. */
function cpuMsOf(pid: number | undefined): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** `npm start` builds dist/server.mjs first (≈ 1 s, not part of the server's start-up). */
function buildBundle(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '--quiet'], { cwd: root, stdio: 'inherit' });
}

async function startOnce(dataDir: string): Promise<Start> {
  const port = await freePort();
  const t0 = performance.now();
  // What `npm start` runs after its build step: the bundled server (scripts/build.mjs).
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', 'dist/server.mjs'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO: 'true',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitReady = async (): Promise<number> => {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
      if (performance.now() - t0 > 120_000) throw new Error(`not ready after 120 s:\n${output}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/ready`);
        if (res.status === 200) return performance.now() - t0;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  let readyMs: number;
  let cpuMs: number | null;
  try {
    readyMs = await waitReady();
    cpuMs = cpuMsOf(child.pid);
  } finally {
    child.kill('SIGTERM');
  }
  const exitCode = await exited;
  // Not a startup-time matter, but worth knowing: a stop that is not clean is reported.
  if (exitCode !== 0) console.warn(`  (the server exited with ${exitCode} on SIGTERM: ${lastError(output)})`);
  const m = /ready on .* in (\d+) ms/.exec(output);
  return { readyMs: Math.round(readyMs), platformMs: m ? Number(m[1]) : null, cpuMs, exitCode };
}

function lastError(output: string): string {
  const m = /\b\w*Error: [^\n]{0,200}/.exec(output);
  return m ? m[0] : `no error message; output ends: ${JSON.stringify(output.slice(-200))}`;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : Math.round((s[s.length / 2 - 1]! + s[s.length / 2]!) / 2);
};

const results: { first: Start; restart: Start }[] = [];
buildBundle();
for (let i = 0; i < rounds; i++) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'regelvaerk-startup-'));
  try {
    const first = await startOnce(dataDir);
    const restart = await startOnce(dataDir);
    results.push({ first, restart });
    console.log(
      `round ${i + 1}: first start ${first.readyMs} ms (platform ${first.platformMs} ms, CPU ${first.cpuMs} ms), ` +
        `restart ${restart.readyMs} ms (platform ${restart.platformMs} ms, CPU ${restart.cpuMs} ms)`,
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const summary = {
  firstStartMs: median(results.map((r) => r.first.readyMs)),
  restartMs: median(results.map((r) => r.restart.readyMs)),
};
const resultsDir = path.join(root, 'bench/results');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(path.join(resultsDir, 'startup.json'), JSON.stringify(summary, null, 2) + '\n');
writeFileSync(
  path.join(resultsDir, 'startup-details.json'),
  JSON.stringify(
    {
      measured: new Date().toISOString(),
      node: process.version,
      cpus: os.cpus().length,
      loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
      rounds: results,
      median: summary,
      medianCpuMs: {
        firstStart: median(results.map((r) => r.first.cpuMs ?? 0)),
        restart: median(results.map((r) => r.restart.cpuMs ?? 0)),
      },
      target: TARGET,
    },
    null,
    2,
  ) + '\n',
);
console.log(
  `median of ${rounds}: first start ${summary.firstStartMs} ms (target ≤ ${TARGET.firstStartMs}), ` +
    `restart ${summary.restartMs} ms (target ≤ ${TARGET.restartMs})`,
);
if (summary.firstStartMs > TARGET.firstStartMs || summary.restartMs > TARGET.restartMs) process.exitCode = 1;
