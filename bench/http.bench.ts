/**
 * `npm run bench:http` — HTTP evaluate with the decision durably stored, against a bare Fastify
 * echo route measured in the same run (PRODUCT.md §8: stored evaluate ≥ 10% of echo's
 * requests/s with p99 ≤ 15 ms, a dry run ≥ 15%, at 10 connections, on PostgreSQL).
 *
 * - The real server (startPlatform) on a fresh database: PostgreSQL when DATABASE_URL is set (a
 *   new database is created on that server and dropped afterwards), else the embedded PGlite in a
 *   temporary data directory. Listening on 127.0.0.1, a random port. Request logging is off
 *   (LOG_LEVEL=warn) — the echo server has no logger either, so both pay the same.
 * - Seeded straight into the database (bench/seed-ledger.ts, as bench:impact and bench:dashboard):
 *   a municipality, kp-standard with a KP EAN published as version 1, and a realistic ledger of
 *   BENCH_HTTP_LEDGER (default 100,000) decided documents — distinct CPR hashes, 500 suppliers —
 *   before anything is measured; plus an integration API key (Bearer auth on every request, as an
 *   ERP sends it).
 * - The echo server: a separate minimal Fastify instance in the same process, one POST route that
 *   returns the JSON body it got — sent the same 3-line invoice.
 * - autocannon, 10 connections (BENCH_HTTP_CONNECTIONS, a diagnostic: the targets are at 10), in
 *   a child process (bench/load-client.ts), so the load generator shares neither the servers'
 *   event loop nor their process's CPU time; each case gets a 3 s warm-up, then
 *   BENCH_HTTP_SECONDS (default 10) s.
 *   (a) echo; (b) stored evaluate, a unique document per request (setupRequest): its own number,
 *   one of 500 suppliers, a new CPR number, the dentist's service numbers in another order — so
 *   every request stores a new decision and ledger row, and the open-case lookup searches for a
 *   person the ledger does not know yet; (c) dry-run evaluate of the same document.
 *
 * Writes bench/results/http.json: {"echo":{rps,p99Ms},"evaluate":{rps,p99Ms},"dryRun":{rps,p99Ms}}
 * and prints a table with each case's ratio to echo and the CPU per request of the servers and of
 * PostgreSQL's backends (bench/README.md explains the columns).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import inspector from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes, randomUUID } from 'node:crypto';
import type autocannon from 'autocannon';
import type { Result } from 'autocannon';
import Fastify from 'fastify';
import { newApiKey, sha256 } from '../server/src/features/auth/credentials.js';
import { startBenchPlatform } from './bench-platform.js';
import { M, seedDecisions, setupBenchMunicipality } from './seed-ledger.js';
import { invoice } from '../test/support/fixtures.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_HTTP_WARMUP_SECONDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_HTTP_CONNECTIONS ?? 10);
const LEDGER = Number(process.env.BENCH_HTTP_LEDGER ?? 100_000);
/** A directory: write a CPU profile of the servers' thread for each measured case there. */
const PROFILE_DIR = process.env.BENCH_HTTP_PROFILE || undefined;

interface Figures {
  rps: number;
  p99Ms: number;
}

/** The per-request body for the stored case, as a CommonJS module autocannon's worker can require. */
function writeSetupRequest(dir: string, template: object): string {
  const file = path.join(dir, 'unique-document.cjs');
  const prefix = randomBytes(4).toString('hex');
  writeFileSync(
    file,
    `'use strict';
const { threadId } = require('node:worker_threads');
const template = ${JSON.stringify(template)};
const services = ['1001', '1002', '1003', '1004'];
const two = (n) => String(n).padStart(2, '0');
let n = 0;
module.exports = function setupRequest(req) {
  n++;
  const r = Math.floor(Math.random() * 1e9);
  const supplier = 10000000 + (r % 500);
  const cpr = two(1 + (r % 28)) + two(1 + (Math.floor(r / 28) % 12)) + two(Math.floor(r / 336) % 100) +
    String(Math.floor(Math.random() * 10000)).padStart(4, '0');
  const lines = template.lines.map((l, i) => ({ ...l, serviceNumber: services[(r + i) % services.length] }));
  req.body = JSON.stringify({
    ...template,
    id: 'B-${prefix}-' + threadId + '-' + n,
    supplier: { ...template.supplier, id: 'DK' + supplier, name: 'Klinik ' + supplier },
    cprNumbers: [cpr],
    lines,
  });
  return req;
};
`,
  );
  return file;
}

interface Load {
  /** Event-loop utilisation of the servers' (main) thread over the measured run, 0–1. */
  elu: number;
  /** CPU time (all threads) of this process — the servers — per request, in ms. */
  serverCpuMs: number;
  /** The part of it spent in the kernel (system time: sockets). */
  serverSys: number;
  /** CPU time of the load generator's process per wall second. */
  clientCores: number;
  /** This database's PostgreSQL backends' CPU time per request, in ms (null on PGlite). */
  pgCpuMs: number | null;
  /** Committed transactions per request (null on PGlite). */
  commitsPerRequest: number | null;
  /** WAL written per request, in KB — the whole cluster's, so other databases' writes count too. */
  walKb: number | null;
}

/** The load generator: autocannon in a child process (bench/load-client.ts). */
class LoadClient {
  private readonly child: ChildProcess = fork(path.join(here, 'load-client.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });

  run(opts: autocannon.Options): Promise<Result> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null): void => reject(new Error(`the load client exited (${code})`));
      this.child.once('exit', onExit);
      this.child.once('message', (m: { result?: Result; error?: string }) => {
        this.child.off('exit', onExit);
        if (m.result) resolve(m.result);
        else reject(new Error(m.error ?? 'the load client failed'));
      });
      this.child.send(opts);
    });
  }

  /** The child's CPU time so far, in ms (from /proc; 0 where there is none). */
  cpuMs(): number {
    return procCpuMs(this.child.pid!);
  }

  close(): void {
    this.child.kill();
  }
}

/** utime + stime of a process, in ms, from /proc/<pid>/stat (0 when unreadable). */
function procCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime in clock ticks of 10 ms
  } catch {
    return 0;
  }
}

/** A CPU profile of this thread (the servers) through the inspector, for BENCH_HTTP_PROFILE. */
async function startProfile(): Promise<{ stop(file: string): Promise<void> }> {
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object): Promise<unknown> =>
    new Promise((resolve, reject) =>
      session.post(method, params, (err, result) => (err ? reject(err) : resolve(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = (await post('Profiler.stop')) as { profile: object };
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
      console.log(`  wrote ${file}`);
    },
  };
}

interface PgLoad {
  /** CPU time so far per backend pid, in ms. */
  cpuMs: Map<number, number>;
  commits: number;
  /** pg_current_wal_lsn() as a byte position. */
  walBytes: number;
}

/**
 * The backends' CPU time between two samples: for a backend in both, the difference; a backend
 * started in between counts in full; one that ended in between is lost (the pool closes
 * connections idle for 10 s, which does not happen under load).
 */
function pgCpuBetween(a: PgLoad, b: PgLoad): number {
  let ms = 0;
  for (const [pid, t] of b.cpuMs) ms += t - (a.cpuMs.get(pid) ?? 0);
  return ms;
}

async function run(
  name: string,
  client: LoadClient,
  opts: autocannon.Options,
  postgresLoad: () => Promise<PgLoad | null>,
): Promise<{ result: Result; figures: Figures; load: Load }> {
  if (WARMUP_SECONDS > 0) await client.run({ ...opts, duration: WARMUP_SECONDS });
  const profiler = PROFILE_DIR ? await startProfile() : null;
  const pg0 = await postgresLoad();
  const elu0 = performance.eventLoopUtilization();
  const cpu0 = process.cpuUsage();
  const client0 = client.cpuMs();
  const t0 = performance.now();
  const result = await client.run({ ...opts, duration: SECONDS });
  const wallMs = performance.now() - t0;
  const elu = performance.eventLoopUtilization(elu0).utilization;
  const cpu = process.cpuUsage(cpu0);
  const clientMs = client.cpuMs() - client0;
  const pg1 = await postgresLoad();
  if (profiler) await profiler.stop(path.join(PROFILE_DIR!, `http-${name}.cpuprofile`));
  const requests = Math.max(1, result.requests.total);
  const load: Load = {
    elu,
    serverCpuMs: (cpu.user + cpu.system) / 1000 / requests,
    serverSys: cpu.system / Math.max(1, cpu.user + cpu.system),
    clientCores: clientMs / wallMs,
    pgCpuMs: pg0 && pg1 ? pgCpuBetween(pg0, pg1) / requests : null,
    commitsPerRequest: pg0 && pg1 ? (pg1.commits - pg0.commits) / requests : null,
    walKb: pg0 && pg1 ? (pg1.walBytes - pg0.walBytes) / 1024 / requests : null,
  };
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0) {
    throw new Error(
      `${name}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts — the figures would be meaningless`,
    );
  }
  return { result, figures: { rps: Math.round(result.requests.average), p99Ms: result.latency.p99 }, load };
}

async function main(): Promise<void> {
  const platform = await startBenchPlatform('http');
  const { app, database } = platform;
  const tmp = path.dirname(platform.dataDir);
  const echo = Fastify({ logger: false });
  echo.post('/echo', async (request) => request.body);
  try {
    const db = database.db;
    const { hash } = await setupBenchMunicipality(db);
    const seedStart = performance.now();
    await seedDecisions(db, { number: 1, hash }, LEDGER);
    console.log(
      `  ledger of ${LEDGER.toLocaleString('en')} documents seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
    );
    const { key, prefix } = newApiKey();
    await db
      .insertInto('api_keys')
      .values({
        id: randomUUID(),
        municipality_id: M,
        name: 'bench-erp',
        role: 'integration',
        prefix,
        key_hash: sha256(key),
        created_by: 'bench',
      })
      .execute();

    const serverUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    const echoUrl = await echo.listen({ host: '127.0.0.1', port: 0 });
    const doc = invoice({ id: 'B-1' });
    const body = JSON.stringify(doc);
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
    const common = { connections: CONNECTIONS, workers: 1, method: 'POST' as const, headers };

    // Sanity: one stored evaluation before anything is timed.
    const probe = await fetch(`${serverUrl}/api/v1/municipalities/${M}/evaluate`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ ...doc, id: 'PROBE-1' }),
    });
    if (probe.status !== 201)
      throw new Error(`probe evaluate answered ${probe.status}: ${await probe.text()}`);
    const probeDecision = (await probe.json()) as { outcome: string };
    if (probeDecision.outcome !== 'approved') throw new Error(`probe decided ${probeDecision.outcome}`);

    console.log(
      `Database: ${database.kind}${platform.pgUrl ? ' (fresh database on DATABASE_URL)' : ` (${platform.dataDir})`}; ` +
        `${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s per case; load ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
    );
    const client = new LoadClient();
    try {
      const echoRun = await run('echo', client, { ...common, url: `${echoUrl}/echo`, body }, postgresLoad);
      const decisionsBefore = await countDecisions();
      const setup = writeSetupRequest(tmp, doc);
      const evaluateRun = await run(
        'evaluate',
        client,
        {
          ...common,
          url: `${serverUrl}/api/v1/municipalities/${M}/evaluate`,
          requests: [{ method: 'POST', setupRequest: setup }],
        },
        postgresLoad,
      );
      const stored = (await countDecisions()) - decisionsBefore;
      const dryRunRun = await run(
        'dryRun',
        client,
        { ...common, url: `${serverUrl}/api/v1/municipalities/${M}/evaluate?dryRun=true`, body },
        postgresLoad,
      );

      const results = { echo: echoRun.figures, evaluate: evaluateRun.figures, dryRun: dryRunRun.figures };
      mkdirSync(path.join(here, 'results'), { recursive: true });
      writeFileSync(path.join(here, 'results', 'http.json'), JSON.stringify(results, null, 2) + '\n');

      const ratio = (x: Figures): string => `${((x.rps / results.echo.rps) * 100).toFixed(1)}%`;
      const opt = (v: number | null, digits: number): string => (v === null ? '—' : v.toFixed(digits));
      const row = (name: string, f: Figures, l: Load): string =>
        `${name.padEnd(10)} ${String(f.rps).padStart(8)} ${f.p99Ms.toFixed(0).padStart(7)} ${ratio(f).padStart(8)} ` +
        `${l.elu.toFixed(2).padStart(5)} ${l.serverCpuMs.toFixed(3).padStart(11)} ${`${Math.round(l.serverSys * 100)}%`.padStart(4)} ${opt(l.pgCpuMs, 3).padStart(8)} ` +
        `${opt(l.commitsPerRequest, 2).padStart(11)} ${opt(l.walKb, 2).padStart(8)} ${l.clientCores.toFixed(2).padStart(12)}`;
      console.log(
        `\n${'case'.padEnd(10)} ${'req/s'.padStart(8)} ${'p99 ms'.padStart(7)} ${'of echo'.padStart(8)} ` +
          `${'ELU'.padStart(5)} ${'server ms/r'.padStart(11)} ${'sys'.padStart(4)} ${'pg ms/r'.padStart(8)} ` +
          `${'commits/r'.padStart(11)} ${'WAL KB/r'.padStart(8)} ${'client cores'.padStart(12)}`,
      );
      console.log(row('echo', results.echo, echoRun.load));
      console.log(row('evaluate', results.evaluate, evaluateRun.load));
      console.log(row('dryRun', results.dryRun, dryRunRun.load));
      const perCommit = evaluateRun.load.commitsPerRequest;
      console.log(
        `evaluate: stored ${stored} decisions (measured ${evaluateRun.result.requests.total} + warm-up)` +
          (perCommit ? `, ${(1 / perCommit).toFixed(1)} per commit (group commit)` : '') +
          '; target ≥ 10% of echo, p99 ≤ 15 ms. dryRun: nothing stored; target ≥ 15% of echo.',
      );
      console.log(
        "ELU: event-loop utilisation of the servers' thread; server ms/r: CPU time of the servers' process (all " +
          "threads) per request; sys: the kernel's part of it; pg ms/r: this database's PostgreSQL backends' CPU per request (/proc); commits/r: " +
          "committed transactions per request; WAL KB/r: WAL written per request (the whole cluster's); client cores: the load generator's process (autocannon), CPU per wall second.",
      );
      const ok =
        results.evaluate.rps >= 0.1 * results.echo.rps &&
        results.evaluate.p99Ms <= 15 &&
        results.dryRun.rps >= 0.15 * results.echo.rps;
      console.log(
        `\nevaluate/echo = ${(results.evaluate.rps / results.echo.rps).toFixed(3)}, dryRun/echo = ` +
          `${(results.dryRun.rps / results.echo.rps).toFixed(3)}; targets ${ok ? 'met' : 'NOT met'} on ${database.kind}` +
          (CONNECTIONS === 10 ? '; ' : ` — at ${CONNECTIONS} connections; the targets are at 10; `) +
          `load ${os
            .loadavg()
            .map((l) => l.toFixed(2))
            .join(' ')}`,
      );
      console.log(`Wrote ${path.relative(process.cwd(), path.join(here, 'results', 'http.json'))}`);
    } finally {
      client.close();
    }

    /** This database's backends: CPU time so far (from /proc) and committed transactions. */
    async function postgresLoad(): Promise<PgLoad | null> {
      if (database.kind !== 'postgres') return null;
      const pids = await sql<{ pid: number }>`
        select pid from pg_stat_activity where datname = current_database()`.execute(db);
      const cpuMs = new Map(pids.rows.map(({ pid }) => [pid, procCpuMs(pid)]));
      // pg_stat_database is updated when a backend reports its statistics (at most every 0.5 s by
      // default, PostgreSQL 15): ask for a fresh snapshot
      await sql`select pg_stat_clear_snapshot()`.execute(db);
      const c = await sql<{ n: string; wal: string }>`
        select xact_commit::text as n, pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::text as wal
        from pg_stat_database where datname = current_database()`.execute(db);
      return { cpuMs, commits: Number(c.rows[0]?.n ?? 0), walBytes: Number(c.rows[0]?.wal ?? 0) };
    }

    async function countDecisions(): Promise<number> {
      const r = await db
        .selectFrom('decisions')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    }
  } finally {
    await echo.close();
    await platform.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
