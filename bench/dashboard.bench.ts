/**
 * `npm run bench:dashboard` — the dashboard's aggregates (GET …/dashboard) over 100,000 stored
 * decisions (issue 10: ≤ 200 ms on PostgreSQL).
 *
 * A fresh database (PostgreSQL when DATABASE_URL is set, else PGlite), the real server, the ledger
 * of bench/seed-ledger.ts with BENCH_DASHBOARD_DECISIONS (default 100,000) decisions received one
 * a minute from 2026-01-01 (about ten weeks), a fifth of the manual documents aged over the queue's
 * buckets, decisions vacuumed (as autovacuum leaves an append-only table). Timed through the HTTP layer (inject): the period covering every decision, 3 warm-up
 * requests, then 20, reporting the median and the slowest.
 *
 * Writes bench/results/dashboard.json: {"decisions", "database", "medianMs", "maxMs"}.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { startBenchPlatform } from './bench-platform.js';
import { M, seedDecisions, setupBenchMunicipality } from './seed-ledger.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const N = Number(process.env.BENCH_DASHBOARD_DECISIONS ?? 100_000);
const RUNS = 20;

async function main(): Promise<void> {
  const platform = await startBenchPlatform('dashboard');
  const { app, database } = platform;
  try {
    const db = database.db;
    const { key, hash } = await setupBenchMunicipality(db);
    console.log(`Database: ${database.kind}`);
    await seedDecisions(db, { number: 1, hash }, N);
    // the manual queue spread over the age buckets
    await sql`update documents set created_at = now() - (abs(hashtext(id::text)) % 45) * interval '1 day'
      where municipality_id = ${M} and status = 'manual'`.execute(db);
    // the steady state of append-only decisions: autovacuum has marked their pages all-visible
    await sql`vacuum analyze decisions`.execute(db);
    await sql`vacuum analyze documents`.execute(db);

    const url = `/api/v1/municipalities/${M}/dashboard?from=2026-01-01&to=2026-12-31`;
    const headers = { authorization: `Bearer ${key}` };
    const once = async (): Promise<number> => {
      const t = performance.now();
      const res = await app.inject({ url, headers });
      const ms = performance.now() - t;
      if (res.statusCode !== 200) throw new Error(`dashboard answered ${res.statusCode}: ${res.body}`);
      return ms;
    };
    for (let i = 0; i < 3; i++) await once();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push(await once());
    times.sort((a, b) => a - b);
    const medianMs = Math.round(times[Math.floor(RUNS / 2)]! * 10) / 10;
    const maxMs = Math.round(times[RUNS - 1]! * 10) / 10;
    const body = (await app.inject({ url, headers })).json() as { totals: { documents: number } };

    const results = { decisions: N, database: database.kind, medianMs, maxMs };
    mkdirSync(path.join(here, 'results'), { recursive: true });
    writeFileSync(path.join(here, 'results', 'dashboard.json'), JSON.stringify(results, null, 2) + '\n');
    console.log(
      `Dashboard over ${N.toLocaleString('en')} decisions (${body.totals.documents.toLocaleString('en')} documents in the period) on ${database.kind}: median ${medianMs} ms, slowest ${maxMs} ms of ${RUNS} (target ≤ 200 ms) — ${maxMs <= 200 ? 'met' : medianMs <= 200 ? 'met at the median' : 'NOT met'}; load ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await platform.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
