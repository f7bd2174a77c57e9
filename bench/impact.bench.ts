/**
 * `npm run bench:impact` — the impact preview on 100,000 stored decisions (PRODUCT.md §8: replayed
 * and summarised in ≤ 5 s).
 *
 * - A fresh database: PostgreSQL when DATABASE_URL is set (a new database on that server, dropped
 *   afterwards), else the embedded PGlite in a temporary data directory; the real server
 *   (startPlatform); the ledger of bench/seed-ledger.ts with BENCH_IMPACT_DECISIONS (default
 *   100,000) decisions, and its draft that lowers two limits.
 * - Timed: from POST /api/v1/municipalities/851/impact {against: {draft: true}} to the job's GET
 *   answering status "done" (polled every 10 ms), through the HTTP layer (inject).
 *
 * Writes bench/results/impact.json: {"decisions": n, "seconds": n}.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { startBenchPlatform } from './bench-platform.js';
import { M, seedDecisions, setupBenchMunicipality } from './seed-ledger.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const N = Number(process.env.BENCH_IMPACT_DECISIONS ?? 100_000);

async function main(): Promise<void> {
  const platform = await startBenchPlatform('impact');
  const { app, database } = platform;
  try {
    const db = database.db;
    const { key, hash } = await setupBenchMunicipality(db);

    console.log(
      `Database: ${database.kind}${platform.pgUrl ? ' (fresh database on DATABASE_URL)' : ` (${platform.dataDir})`}`,
    );
    const seedStart = performance.now();
    await seedDecisions(db, { number: 1, hash }, N);
    console.log(
      `  seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s; load ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );

    const headers = { authorization: `Bearer ${key}` };
    const t0 = performance.now();
    const started = await app.inject({
      method: 'POST',
      url: `/api/v1/municipalities/${M}/impact`,
      headers,
      payload: { from: '2026-01-01', to: '2026-12-31', against: { draft: true } },
    });
    if (started.statusCode !== 202) throw new Error(`impact answered ${started.statusCode}: ${started.body}`);
    const job = started.json().job as string;
    let view: {
      status: string;
      processed: number;
      total: number;
      error?: string;
      summary: Record<string, unknown>;
    };
    for (;;) {
      const res = await app.inject({ url: `/api/v1/municipalities/${M}/impact/${job}`, headers });
      view = res.json();
      if (view.status === 'done' || view.status === 'failed') break;
      await sleep(10);
    }
    const seconds = (performance.now() - t0) / 1000;
    if (view.status !== 'done') throw new Error(`the job failed: ${view.error}`);
    if (view.processed !== N) throw new Error(`the job replayed ${view.processed} of ${N} decisions`);

    const results = { decisions: view.processed, seconds: Math.round(seconds * 1000) / 1000 };
    mkdirSync(path.join(here, 'results'), { recursive: true });
    writeFileSync(path.join(here, 'results', 'impact.json'), JSON.stringify(results, null, 2) + '\n');
    const s = view.summary as {
      changed: number;
      transitions: Record<string, number>;
      amounts: Record<string, string>;
      reasons: Record<string, number>;
    };
    console.log(
      `\nImpact preview of ${N.toLocaleString('en')} decisions against the draft: ${seconds.toFixed(2)} s (target ≤ 5 s) — ${seconds <= 5 ? 'met' : 'NOT met'}`,
    );
    console.log(
      `  ${(N / seconds).toFixed(0)} decisions/s; changed ${s.changed.toLocaleString('en')}; load ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    for (const [t, n] of Object.entries(s.transitions).sort())
      console.log(`  ${t.padEnd(22)} ${String(n).padStart(7)}  ${s.amounts[t]} DKK`);
    console.log(`  reasons behind the change: ${JSON.stringify(s.reasons)}`);
    console.log(`Wrote ${path.relative(process.cwd(), path.join(here, 'results', 'impact.json'))}`);
  } finally {
    await platform.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
