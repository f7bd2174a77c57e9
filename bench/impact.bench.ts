/**
 * `npm run bench:impact` — the impact preview on 100,000 stored decisions (PRODUCT.md §8: replayed
 * and summarised in ≤ 5 s).
 *
 * - A fresh database: PostgreSQL when DATABASE_URL is set (a new database on that server, dropped
 *   afterwards), else the embedded PGlite in a temporary data directory. The real server
 *   (startPlatform), a municipality, kp-standard (with a KP EAN) published as version 1, an
 *   administrator API key, and a draft that lowers two limits (1001: 1500.00 → 1000.00, 1002:
 *   2500.00 → 2000.00).
 * - The decisions: 1,000 distinct realistic documents (70% invoices of 1–3 lines from one kind of
 *   clinic — dentist, physiotherapy, pharmacy, …, glasses, an unknown service number — with line
 *   amounts from 50 to 2,000 DKK, 5% with VAT, 3% without CPR, 2% with two; 15% credit notes and
 *   15% reminders against approved or pending invoices, with those ledger snapshots), each decided by the real engine under version 1 — full decision with trace
 *   and explanation, as evaluate stores it. They are sent once; the database then replicates
 *   them server-side (INSERT … SELECT over generate_series, in chunks) into BENCH_IMPACT_DECISIONS
 *   (default 100,000) decisions and ledger rows, each with its own document number, decision id
 *   and receivedAt (one a minute from 2026-01-01).
 * - Timed: from POST /api/v1/municipalities/851/impact {against: {draft: true}} to the job's GET
 *   answering status "done" (polled every 10 ms), through the HTTP layer (inject).
 *
 * Writes bench/results/impact.json: {"decisions": n, "seconds": n}.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../server/src/db/schema.js';
import type { CanonicalDocument, DocumentLine } from '../server/src/domain/document.js';
import {
  compileRuleset,
  decide,
  documentContentHash,
  rulesetHash,
  EMPTY_SNAPSHOT,
  type LedgerSnapshot,
} from '../server/src/engine/index.js';
import { newApiKey, sha256 } from '../server/src/features/auth/credentials.js';
import { startBenchPlatform } from './bench-platform.js';
import { municipalityRuleset, totalsOf, KP_EAN } from '../test/support/fixtures.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const N = Number(process.env.BENCH_IMPACT_DECISIONS ?? 100_000);
const PROTOTYPES = 1000;
const CHUNK = 20_000;
const M = '851';

/** A small deterministic PRNG (mulberry32), so every run stores the same decisions. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = prng(20261121);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const money = (min: number, max: number): string => {
  const ore = Math.round((min + rand() * (max - min)) * 100);
  return `${Math.trunc(ore / 100)}.${String(ore % 100).padStart(2, '0')}`;
};
function cpr(): string {
  const d = String(1 + Math.floor(rand() * 28)).padStart(2, '0');
  const m = String(1 + Math.floor(rand() * 12)).padStart(2, '0');
  const y = String(Math.floor(rand() * 100)).padStart(2, '0');
  return `${d}${m}${y}${String(Math.floor(rand() * 10000)).padStart(4, '0')}`;
}

/** Clinics and the service numbers they bill (kp-standard), with how common they are. */
const CLINICS: readonly (readonly [weight: number, services: readonly string[]])[] = [
  [50, ['1001', '1002', '1003', '1004']], // dentist
  [15, ['3001']], // physiotherapy
  [15, ['2001']], // pharmacy
  [10, ['3101', '3201', '3301', '4001']], // chiropractor, psychologist, chiropody, hearing aids
  [5, ['5001']], // glasses (udvidet: manual)
  [5, ['9999']], // a service number the municipality does not know
];

function clinicServices(): readonly string[] {
  let r = rand() * 100;
  for (const [w, services] of CLINICS) {
    if (r < w) return services;
    r -= w;
  }
  return CLINICS[0]![1];
}

function prototype(i: number): { doc: CanonicalDocument; snapshot: LedgerSnapshot } {
  const r = rand();
  const base = {
    id: `P-${i}`,
    issueDate: `2026-0${1 + Math.floor(rand() * 9)}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`,
    currency: 'DKK',
    supplier: { id: 'DK16356706', scheme: 'DK:CVR', name: 'Tandlæge Hansen' },
    buyer: { ean: KP_EAN },
    cprNumbers: rand() < 0.03 ? [] : rand() < 0.02 ? [cpr(), cpr()] : [cpr()],
  };
  if (r < 0.7) {
    const services = clinicServices();
    const lines: DocumentLine[] = Array.from({ length: 1 + Math.floor(rand() * 3) }, (_, k) => {
      const net = money(50, 2000);
      const vat = rand() < 0.05 ? money(10, 200) : '0.00';
      return {
        id: String(k + 1),
        serviceNumber: pick(services),
        description: 'Behandling',
        netAmount: net,
        vatAmount: vat,
      };
    });
    const doc: CanonicalDocument = {
      ...base,
      documentType: 'invoice',
      lines,
      totals: { net: '0', vat: '0', payable: '0' },
    };
    doc.totals = totalsOf(doc);
    return { doc, snapshot: EMPTY_SNAPSHOT };
  }
  const invoicePayable = money(200, 2500);
  const snapshot: LedgerSnapshot = {
    matchingInvoice: {
      id: `INV-${i}`,
      status: rand() < 0.8 ? 'approved' : 'manual',
      payable: invoicePayable,
      issueDate: '2026-01-15',
      postings: [{ account: '5.32.32.001', amount: invoicePayable }],
    },
    openCaseThisYear: false,
    previous: null,
  };
  if (r < 0.85) {
    const doc: CanonicalDocument = {
      ...base,
      documentType: 'creditNote',
      lines: [{ id: '1', serviceNumber: '1001', netAmount: money(50, 2000), vatAmount: '0.00' }],
      totals: { net: '0', vat: '0', payable: '0' },
      billingReference: { id: `INV-${i}` },
    };
    doc.totals = totalsOf(doc);
    return { doc, snapshot };
  }
  const doc: CanonicalDocument = {
    ...base,
    documentType: 'reminder',
    lines: [],
    totals: { net: '0', vat: '0', payable: '0' },
    billingReference: { id: `INV-${i}` },
    reminder: { fee: pick(['50.00', '100.00', '0.00']), sequence: 1 },
  };
  doc.totals = totalsOf(doc);
  return { doc, snapshot };
}

/** Sends the prototypes, then has the database replicate them into N decisions and ledger rows. */
async function seedDecisions(db: Kysely<DB>, version: { number: number; hash: string }): Promise<void> {
  const compiled = compileRuleset(municipalityRuleset());
  await sql`create table bench_proto (
    k integer primary key, document jsonb not null, ledger_snapshot jsonb not null, content_hash text not null,
    outcome text not null, reasons jsonb not null, comment text, actions jsonb not null, payment_groups jsonb not null,
    postings jsonb not null, explanation jsonb not null, facts jsonb not null, trace jsonb not null,
    payable numeric(15,2) not null, engine_version text not null, case_kinds jsonb not null)`.execute(db);
  const rows = Array.from({ length: PROTOTYPES }, (_, k) => {
    const { doc, snapshot } = prototype(k);
    const d = decide(compiled, doc, snapshot);
    return sql`(${k}, ${JSON.stringify(doc)}::jsonb, ${JSON.stringify(snapshot)}::jsonb, ${documentContentHash(doc)},
      ${d.outcome}, ${JSON.stringify(d.reasons)}::jsonb, ${d.comment ?? null}, ${JSON.stringify(d.actions)}::jsonb,
      ${JSON.stringify(d.paymentGroups)}::jsonb, ${JSON.stringify(d.postings)}::jsonb,
      ${JSON.stringify(d.explanation)}::jsonb, ${JSON.stringify(d.facts)}::jsonb, ${JSON.stringify(d.trace)}::jsonb,
      ${doc.totals.payable}, ${d.engineVersion}, ${JSON.stringify(d.facts.caseTypeKinds)}::jsonb)`;
  });
  for (let i = 0; i < rows.length; i += 200) {
    await sql`insert into bench_proto values ${sql.join(rows.slice(i, i + 200))}`.execute(db);
  }
  for (let from = 1; from <= N; from += CHUNK) {
    const to = Math.min(N, from + CHUNK - 1);
    await sql`
      insert into documents (id, municipality_id, supplier_key, supplier_id, document_type, number, issue_date,
        payable, status, stage, case_kinds, postings, content_hash, first_decision_id, latest_decision_id,
        billing_reference, created_at, updated_at)
      select md5('doc' || i)::uuid, ${M}, '16356706', 'DK16356706', p.document->>'documentType', 'B-' || i,
        (p.document->>'issueDate')::date, p.payable, p.outcome,
        case when p.outcome = 'manual' then 'review' end, p.case_kinds, p.postings, p.content_hash,
        md5('dec' || i)::uuid, md5('dec' || i)::uuid, p.document->'billingReference'->>'id', now(), now()
      from generate_series(${from}::int, ${to}::int) i join bench_proto p on p.k = i % ${PROTOTYPES}`.execute(
      db,
    );
    await sql`
      insert into decisions (id, municipality_id, document_id, document_key, document, content_hash, ledger_snapshot,
        ruleset_version, ruleset_hash, engine_version, outcome, reasons, comment, actions, payment_groups, postings,
        explanation, facts, trace, payable, duplicate, received_at, created_at, timing_ms)
      select md5('dec' || i)::uuid, ${M}, md5('doc' || i)::uuid,
        jsonb_build_object('supplier', 'DK16356706', 'documentType', p.document->>'documentType', 'id', 'B-' || i),
        jsonb_set(p.document, '{id}', to_jsonb('B-' || i)), p.content_hash, p.ledger_snapshot,
        ${version.number}, ${version.hash}, p.engine_version, p.outcome, p.reasons, p.comment, p.actions,
        p.payment_groups, p.postings, p.explanation, p.facts, p.trace, p.payable, false,
        timestamptz '2026-01-01 00:00:00+00' + i * interval '1 minute', now(), 0.02
      from generate_series(${from}::int, ${to}::int) i join bench_proto p on p.k = i % ${PROTOTYPES}`.execute(
      db,
    );
    process.stdout.write(`\r  stored ${to.toLocaleString('en')} decisions`);
  }
  process.stdout.write('\n');
  await sql`drop table bench_proto`.execute(db);
  await sql`analyze documents`.execute(db);
  await sql`analyze decisions`.execute(db);
}

async function main(): Promise<void> {
  const platform = await startBenchPlatform('impact');
  const { app, database } = platform;
  try {
    const db = database.db;
    await db
      .insertInto('municipalities')
      .values({ id: M, name: 'Bench Kommune', eans: JSON.stringify([KP_EAN]) })
      .execute();
    const ruleset = municipalityRuleset();
    const hash = rulesetHash(ruleset);
    await db
      .insertInto('ruleset_versions')
      .values({
        municipality_id: M,
        version: 1,
        document: JSON.stringify(ruleset),
        hash,
        comment: 'bench',
        effective_from: '2000-01-01T00:00:00Z',
        published_by: 'bench',
      })
      .execute();
    const draft = municipalityRuleset((rs) => {
      rs.serviceNumbers.find((s) => s.code === '1001')!.maxAmount = '1000.00';
      rs.serviceNumbers.find((s) => s.code === '1002')!.maxAmount = '2000.00';
    });
    await db
      .insertInto('ruleset_drafts')
      .values({ municipality_id: M, revision: 1, document: JSON.stringify(draft), updated_by: 'bench' })
      .execute();
    const { key, prefix } = newApiKey();
    await db
      .insertInto('api_keys')
      .values({
        id: randomUUID(),
        municipality_id: M,
        name: 'bench-admin',
        role: 'admin',
        prefix,
        key_hash: sha256(key),
        created_by: 'bench',
      })
      .execute();

    console.log(
      `Database: ${database.kind}${platform.pgUrl ? ' (fresh database on DATABASE_URL)' : ` (${platform.dataDir})`}`,
    );
    const seedStart = performance.now();
    await seedDecisions(db, { number: 1, hash });
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
