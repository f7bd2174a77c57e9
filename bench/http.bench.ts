/**
 * `npm run bench:http` — HTTP evaluate with the decision durably stored, against a bare Fastify
 * echo route measured in the same run (PRODUCT.md §8: stored evaluate ≥ 25% of echo's
 * requests/s, p99 ≤ 20 ms at 10 connections, on PostgreSQL).
 *
 * - The real server (startPlatform) on a fresh database: PostgreSQL when DATABASE_URL is set (a
 *   new database is created on that server and dropped afterwards), else the embedded PGlite in a
 *   temporary data directory. Listening on 127.0.0.1, a random port. Request logging is off
 *   (LOG_LEVEL=warn) — the echo server has no logger either, so both pay the same.
 * - Seeded straight into the database: a municipality, kp-standard with a KP EAN published as
 *   version 1, an integration API key (Bearer auth on every request, as an ERP sends it).
 * - The echo server: a separate minimal Fastify instance in the same process, one POST route that
 *   returns the JSON body it got — sent the same 3-line invoice.
 * - autocannon, 10 connections, in a worker thread (so the load generator does not share the
 *   servers' event loop); each case gets a 3 s warm-up, then BENCH_HTTP_SECONDS (default 10) s.
 *   (a) echo; (b) stored evaluate, a unique document number per request (setupRequest), so every
 *   request stores a new decision and ledger row; (c) dry-run evaluate of the same document.
 *
 * Writes bench/results/http.json: {"echo":{rps,p99Ms},"evaluate":{rps,p99Ms},"dryRun":{rps,p99Ms}}
 * and prints a table with evaluate/echo.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes, randomUUID } from 'node:crypto';
import autocannon, { type Result } from 'autocannon';
import Fastify from 'fastify';
import { rulesetHash } from '../server/src/engine/index.js';
import { newApiKey, sha256 } from '../server/src/features/auth/credentials.js';
import { startBenchPlatform } from './bench-platform.js';
import { invoice, municipalityRuleset } from '../test/support/fixtures.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_HTTP_WARMUP_SECONDS ?? 3);
const CONNECTIONS = 10;
const M = '851';

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
let n = 0;
module.exports = function setupRequest(req) {
  n++;
  req.body = JSON.stringify({ ...template, id: 'B-${prefix}-' + threadId + '-' + n });
  return req;
};
`,
  );
  return file;
}

interface Load {
  /** Event-loop utilisation of the servers' (main) thread over the measured run, 0–1. */
  elu: number;
  /** CPU time of this process (all threads: servers and the autocannon worker) per wall second. */
  cores: number;
  /** Server-thread busy time per request, in ms (elu × wall time ÷ requests). */
  msPerRequest: number;
}

async function run(
  name: string,
  opts: autocannon.Options,
): Promise<{ result: Result; figures: Figures; load: Load }> {
  if (WARMUP_SECONDS > 0) await autocannon({ ...opts, duration: WARMUP_SECONDS });
  const elu0 = performance.eventLoopUtilization();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await autocannon({ ...opts, duration: SECONDS });
  const wallMs = performance.now() - t0;
  const elu = performance.eventLoopUtilization(elu0).utilization;
  const cpu = process.cpuUsage(cpu0);
  const load = {
    elu,
    cores: (cpu.user + cpu.system) / 1000 / wallMs,
    msPerRequest: (elu * wallMs) / Math.max(1, result.requests.total),
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
    await db
      .insertInto('municipalities')
      .values({ id: M, name: 'Bench Kommune', eans: JSON.stringify(['5798000012349']) })
      .execute();
    const ruleset = municipalityRuleset();
    await db
      .insertInto('ruleset_versions')
      .values({
        municipality_id: M,
        version: 1,
        document: JSON.stringify(ruleset),
        hash: rulesetHash(ruleset),
        comment: 'bench',
        effective_from: '2000-01-01T00:00:00Z',
        published_by: 'bench',
      })
      .execute();
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
    const echoRun = await run('echo', { ...common, url: `${echoUrl}/echo`, body });
    const decisionsBefore = await countDecisions();
    const setup = writeSetupRequest(tmp, doc);
    const evaluateRun = await run('evaluate', {
      ...common,
      url: `${serverUrl}/api/v1/municipalities/${M}/evaluate`,
      requests: [{ method: 'POST', setupRequest: setup }],
    });
    const stored = (await countDecisions()) - decisionsBefore;
    const dryRunRun = await run('dryRun', {
      ...common,
      url: `${serverUrl}/api/v1/municipalities/${M}/evaluate?dryRun=true`,
      body,
    });

    const results = { echo: echoRun.figures, evaluate: evaluateRun.figures, dryRun: dryRunRun.figures };
    mkdirSync(path.join(here, 'results'), { recursive: true });
    writeFileSync(path.join(here, 'results', 'http.json'), JSON.stringify(results, null, 2) + '\n');

    const ratio = (x: Figures): string => `${((x.rps / results.echo.rps) * 100).toFixed(1)}%`;
    const row = (name: string, f: Figures, l: Load, extra: string): string =>
      `${name.padEnd(10)} ${String(f.rps).padStart(8)} ${f.p99Ms.toFixed(0).padStart(8)} ${ratio(f).padStart(9)} ` +
      `${l.elu.toFixed(2).padStart(6)} ${l.msPerRequest.toFixed(3).padStart(8)} ${l.cores.toFixed(2).padStart(6)}  ${extra}`;
    console.log(
      `\n${'case'.padEnd(10)} ${'req/s'.padStart(8)} ${'p99 ms'.padStart(8)} ${'of echo'.padStart(9)} ` +
        `${'ELU'.padStart(6)} ${'ms/req'.padStart(8)} ${'cores'.padStart(6)}`,
    );
    console.log(row('echo', results.echo, echoRun.load, ''));
    console.log(
      row(
        'evaluate',
        results.evaluate,
        evaluateRun.load,
        `stored ${stored} decisions (measured ${evaluateRun.result.requests.total} + warm-up); target ≥ 25% of echo, p99 ≤ 20 ms`,
      ),
    );
    console.log(row('dryRun', results.dryRun, dryRunRun.load, 'nothing stored'));
    console.log(
      "ELU: event-loop utilisation of the servers' thread; ms/req: its busy time per request; " +
        'cores: CPU time of this process (servers + autocannon worker) per wall second.',
    );
    const ok = results.evaluate.rps >= 0.25 * results.echo.rps && results.evaluate.p99Ms <= 20;
    console.log(
      `\nevaluate/echo = ${(results.evaluate.rps / results.echo.rps).toFixed(3)}; ` +
        `targets ${ok ? 'met' : 'NOT met'} on ${database.kind}; load ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
    );
    console.log(`Wrote ${path.relative(process.cwd(), path.join(here, 'results', 'http.json'))}`);

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
