/**
 * A realistic ledger for the benchmarks that need one (impact preview, dashboard): a municipality
 * with kp-standard (with a KP EAN) published as version 1, a draft that lowers two limits
 * (1001: 1500.00 → 1000.00, 1002: 2500.00 → 2000.00), an administrator API key — and N stored
 * decisions with their ledger rows.
 *
 * The decisions: 1,000 distinct realistic documents (70% invoices of 1–3 lines from one kind of
 * clinic — dentist, physiotherapy, pharmacy, …, glasses, an unknown service number — with line
 * amounts from 50 to 2,000 DKK, 5% with VAT, 3% without CPR, 2% with two; 15% credit notes and
 * 15% reminders against approved or pending invoices, with those ledger snapshots), each decided
 * by the real engine under version 1 — full decision with trace and explanation, as evaluate
 * stores it. They are sent once; the database then replicates them server-side (INSERT … SELECT
 * over generate_series, in chunks) into N decisions and ledger rows, each with its own document
 * number, decision id, one of 500 suppliers, and receivedAt (one a minute from 2026-01-01).
 * The ledger rows carry keyed CPR hashes as evaluation stores them — distinct people (one of
 * 60,000, so a person has a few documents a year), a second one where the prototype has two —
 * and their case types, so the open-case lookup meets a realistic ledger.
 */
import { randomUUID } from 'node:crypto';
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
import { municipalityRuleset, totalsOf, KP_EAN } from '../test/support/fixtures.js';

export const M = '851';
const PROTOTYPES = 1000;
const CHUNK = 20_000;

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
export async function seedDecisions(
  db: Kysely<DB>,
  version: { number: number; hash: string },
  N: number,
): Promise<void> {
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
        payable, status, stage, cpr_hashes, case_kinds, case_types, postings, content_hash, first_decision_id,
        latest_decision_id, billing_reference, created_at, updated_at)
      select md5('doc' || i)::uuid, ${M}, (10000000 + i % 500)::text, 'DK' || (10000000 + i % 500),
        p.document->>'documentType', 'B-' || i,
        (p.document->>'issueDate')::date, p.payable, p.outcome,
        case when p.outcome = 'manual' then 'review' end,
        case jsonb_array_length(p.document->'cprNumbers')
          when 0 then '[]'::jsonb
          when 1 then jsonb_build_array(encode(sha256(('cpr' || i % 60000)::bytea), 'hex'))
          else jsonb_build_array(encode(sha256(('cpr' || i % 60000)::bytea), 'hex'),
            encode(sha256(('cpr2-' || i)::bytea), 'hex')) end,
        p.case_kinds, coalesce(p.facts->'caseTypes', '[]'::jsonb), p.postings, p.content_hash,
        md5('dec' || i)::uuid, md5('dec' || i)::uuid, p.document->'billingReference'->>'id', now(), now()
      from generate_series(${from}::int, ${to}::int) i join bench_proto p on p.k = i % ${PROTOTYPES}`.execute(
      db,
    );
    await sql`
      insert into decisions (id, municipality_id, document_id, document_key, document, content_hash, ledger_snapshot,
        ruleset_version, ruleset_hash, engine_version, outcome, reasons, comment, actions, payment_groups, postings,
        explanation, facts, trace, payable, duplicate, received_at, created_at, timing_ms)
      select md5('dec' || i)::uuid, ${M}, md5('doc' || i)::uuid,
        jsonb_build_object('supplier', 'DK' || (10000000 + i % 500), 'documentType', p.document->>'documentType',
          'id', 'B-' || i),
        jsonb_set(jsonb_set(p.document, '{id}', to_jsonb('B-' || i)), '{supplier}',
          jsonb_build_object('id', 'DK' || (10000000 + i % 500), 'scheme', 'DK:CVR',
            'name', 'Klinik ' || (i % 500))),
        p.content_hash, p.ledger_snapshot,
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

/** The bench municipality, its version 1 and draft, and an administrator API key. */
export async function setupBenchMunicipality(db: Kysely<DB>): Promise<{ key: string; hash: string }> {
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

  return { key, hash };
}
