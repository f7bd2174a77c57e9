/**
 * Impact preview: POST /municipalities/:m/impact → 202 {job}, GET …/impact/:job until done, and
 * the summary — transitions, exact DKK sums, the reasons behind the change, the changed
 * documents. Also the job runner itself with tiny batches (keyset pagination) and a failing job.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestPlatform, testDatabases, type TestPlatform } from '../support/platform.js';
import { seedMunicipality, seedPublishedVersion, type SeededMunicipality } from '../support/seed.js';
import { invoice, line, municipalityRuleset } from '../support/fixtures.js';
import { RulesetResolver } from '../../server/src/features/rulesets/ruleset-resolver.js';
import {
  ImpactService,
  replayOutcome,
  type ImpactSummary,
} from '../../server/src/features/evaluation/impact-service.js';
import { compileRuleset, decide } from '../../server/src/engine/index.js';
import { baseRuleset, variantRuleset, verificationCases } from '../../bench/corpus.js';

type Role = Parameters<SeededMunicipality['headers']>[0];

/** Amounts of service number 1001 on the March invoices; the draft lowers its limit to 500.00. */
const MARCH_AMOUNTS = ['100.00', '450.50', '500.00', '500.01', '799.99', '1200.00', '1500.00', '1600.00'];

describe('replayOutcome (the impact job’s facts-and-rules replay)', () => {
  it('agrees with decide() on the evaluator benchmark’s verification corpus, under both rulesets', () => {
    let checked = 0;
    for (const ruleset of [baseRuleset(), variantRuleset()]) {
      const compiled = compileRuleset(ruleset);
      for (const c of verificationCases()) {
        const d = decide(compiled, c.doc, c.ledger);
        expect({ case: c.name, ...replayOutcome(compiled, c.doc, c.ledger) }).toEqual({
          case: c.name,
          outcome: d.outcome,
          reasons: d.reasons.map((r) => r.code),
        });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });
});

describe.each(await testDatabases())('impact preview on %s', (kind) => {
  let p: TestPlatform;
  let m: SeededMunicipality;
  let other: SeededMunicipality;

  const start = (body: object, role: Role = 'admin', muni = '851') =>
    p.app.inject({
      method: 'POST',
      url: `/api/v1/municipalities/${muni}/impact`,
      headers: (muni === '851' ? m : other).headers(role),
      payload: body,
    });

  async function finished(job: string, role: Role = 'admin') {
    for (let i = 0; i < 500; i++) {
      const res = await p.app.inject({
        url: `/api/v1/municipalities/851/impact/${job}`,
        headers: m.headers(role),
      });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      if (body.status === 'done' || body.status === 'failed') return body;
      await sleep(20);
    }
    throw new Error(`impact job ${job} did not finish`);
  }

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    m = await seedMunicipality(p, '851');
    other = await seedMunicipality(p, '101');
    await seedPublishedVersion(p, '851', municipalityRuleset());
    await seedPublishedVersion(
      p,
      '851',
      municipalityRuleset((rs) => (rs.settings.automaticProcessing = false)),
      { effectiveFrom: '2099-01-01T00:00:00Z' },
    );
    await p.database.db
      .insertInto('ruleset_drafts')
      .values({
        municipality_id: '851',
        revision: 2,
        document: JSON.stringify(
          municipalityRuleset((rs) => {
            rs.serviceNumbers.find((s) => s.code === '1001')!.maxAmount = '500.00';
          }),
        ),
        updated_by: 'test',
      })
      .execute();
    const evaluate = async (payload: object) => {
      const res = await p.app.inject({
        method: 'POST',
        url: '/api/v1/municipalities/851/evaluate',
        headers: m.headers('integration'),
        payload,
      });
      expect(res.statusCode).toBe(201);
    };
    let n = 0;
    for (const amount of MARCH_AMOUNTS) {
      await evaluate(
        invoice({
          id: `I-${++n}`,
          lines: [line('1', '1001', amount)],
          receivedAt: `2026-03-${String(n + 1).padStart(2, '0')}T10:00:00Z`,
        }),
      );
    }
    // Rejected in March whatever the limit (no CPR); and an April invoice outside the period.
    await evaluate(
      invoice({
        id: 'I-REJ',
        cprNumbers: [],
        lines: [line('1', '1001', '900.00')],
        receivedAt: '2026-03-20T10:00:00Z',
      }),
    );
    await evaluate(
      invoice({ id: 'I-APR', lines: [line('1', '1001', '900.00')], receivedAt: '2026-04-01T00:00:00Z' }),
    );
  });
  afterAll(async () => p?.close());

  it('replays the period against the draft and summarises what would change', async () => {
    const res = await start({ from: '2026-03-01', to: '2026-03-31', against: { draft: true } });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ job: expect.any(String), status: 'queued' });
    expect(res.headers.location).toBe(`/api/v1/municipalities/851/impact/${res.json().job}`);
    const job = await finished(res.json().job);
    expect(job).toMatchObject({ status: 'done', progress: 1, processed: 9, total: 9 });
    const s: ImpactSummary = job.summary;
    // 500.01, 799.99, 1200.00, 1500.00 go over the new 500.00 limit; 1600.00 was already over it.
    expect(s.decisions).toBe(9);
    expect(s.transitions).toEqual({
      'approved→approved': 3,
      'approved→manual': 4,
      'manual→manual': 1,
      'rejected→rejected': 1,
    });
    expect(s.amounts).toEqual({
      'approved→approved': '1050.50',
      'approved→manual': '4000.00',
      'manual→manual': '1600.00',
      'rejected→rejected': '900.00',
    });
    expect(s.changed).toBe(4);
    expect(s.changedDocumentsTotal).toBe(4);
    expect(s.reasons).toEqual({ OVER_BELOEBSGRAENSE: 4 });
    expect(s.reasonsAdded).toEqual({ OVER_BELOEBSGRAENSE: 4 });
    expect(s.reasonsRemoved).toEqual({});
    expect(
      s.changedDocuments.map((d) => [d.documentKey.id, d.payable, d.before.outcome, d.after.outcome]),
    ).toEqual([
      ['I-4', '500.01', 'approved', 'manual'],
      ['I-5', '799.99', 'approved', 'manual'],
      ['I-6', '1200.00', 'approved', 'manual'],
      ['I-7', '1500.00', 'approved', 'manual'],
    ]);
    expect(s.changedDocuments[0]!.after.reasons).toEqual(['OVER_BELOEBSGRAENSE']);
    // the supplier's name from the document (the fixtures' dentist)
    expect(s.changedDocuments.map((d) => d.supplierName)).toEqual(Array(4).fill('Tandlæge Hansen'));
    expect(s.ruleset).toMatchObject({ version: null, draft: { revision: 2 } });
    expect(JSON.stringify(job)).not.toContain('0101501234');
  });

  it('against a version; a period with nothing in it is done at once', async () => {
    const res = await start(
      { from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:01Z', against: { version: 2 } },
      'auditor',
    );
    const job = await finished(res.json().job, 'auditor');
    expect(job.summary.transitions).toEqual({
      'approved→manual': 8,
      'manual→manual': 1,
      'rejected→rejected': 1,
    });
    // The invoice that was already manual gains AUTOMATIK_FRA too: its reasons change, so it counts.
    expect(job.summary.reasons).toEqual({ AUTOMATIK_FRA: 9 });
    expect(job.summary.changed).toBe(9);
    expect(job.params).toMatchObject({ against: { version: 2 }, ruleset: { version: 2 } });
    const empty = await finished(
      (await start({ from: '2020-01-01', to: '2020-12-31', against: { version: 1 } })).json().job,
    );
    expect(empty).toMatchObject({ status: 'done', progress: 1, processed: 0, total: 0 });
    expect(empty.summary).toMatchObject({ decisions: 0, changed: 0, transitions: {}, changedDocuments: [] });
  });

  it('pages through the period in keyset batches and persists progress', async () => {
    const db = p.database.db;
    const service = new ImpactService(
      { db, log: p.app.log, now: () => new Date() },
      new RulesetResolver({ db, now: () => new Date() }),
      { batchSize: 2 },
    );
    const { job } = await service.start(
      '851',
      { from: '2026-03-01', to: '2026-04-30', against: { draft: true } },
      'test',
    );
    await service.settled(job);
    const view = await service.get('851', job);
    expect(view).toMatchObject({ status: 'done', processed: 10, total: 10, progress: 1 });
    expect(view.summary!.decisions).toBe(10);
    expect(view.summary!.changedDocuments.map((d) => d.documentKey.id)).toEqual([
      'I-4',
      'I-5',
      'I-6',
      'I-7',
      'I-APR',
    ]);
    await service.close();
  });

  it('a job that fails is marked failed with its error', async () => {
    const db = p.database.db;
    // A decision whose stored document cannot be decided (hand-made; decisions are insert-only).
    const doc = await db
      .selectFrom('documents')
      .select('id')
      .where('number', '=', 'I-1')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('decisions')
      .values({
        id: randomUUID(),
        municipality_id: '851',
        document_id: doc.id,
        document_key: JSON.stringify({ supplier: 'X', documentType: 'invoice', id: 'BROKEN' }),
        document: JSON.stringify({ broken: true }),
        content_hash: 'sha256:x',
        ledger_snapshot: JSON.stringify({ matchingInvoice: null, openCaseThisYear: false, previous: null }),
        ruleset_version: 1,
        ruleset_hash: 'sha256:x',
        engine_version: 'x',
        outcome: 'approved',
        reasons: '[]',
        comment: null,
        actions: '[]',
        payment_groups: '[]',
        postings: '[]',
        explanation: JSON.stringify({ da: '', en: '' }),
        facts: '{}',
        trace: '[]',
        payable: '1.00',
        received_at: '2025-05-05T00:00:00Z',
        timing_ms: 0,
      })
      .execute();
    const res = await start({ from: '2025-05-01', to: '2025-05-31', against: { version: 1 } });
    const job = await finished(res.json().job);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/\S/);
    expect(job.finishedAt).not.toBeNull();
  });

  it('replayOutcome agrees with every decision stored by evaluation in this suite', async () => {
    const compiled = compileRuleset(municipalityRuleset());
    const rows = await p.database.db
      .selectFrom('decisions')
      .select(['id', 'document', 'ledger_snapshot', 'outcome', 'reasons'])
      .where('ruleset_version', '=', 1)
      .where('engine_version', '<>', 'x')
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(10);
    for (const r of rows) {
      expect({ id: r.id, ...replayOutcome(compiled, r.document, r.ledger_snapshot) }).toEqual({
        id: r.id,
        outcome: r.outcome,
        reasons: r.reasons.map((x) => x.code),
      });
    }
  });

  it('validates the request: period, target, roles, tenants', async () => {
    const bad = async (body: object, status: number, pointer?: string) => {
      const res = await start(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      if (pointer) expect(res.json().errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    };
    await bad({ from: '2026-03-01', to: '2026-03-31' }, 400, '/against');
    await bad({ from: 'March', to: '2026-03-31', against: { version: 1 } }, 400, '/from');
    await bad({ from: '2026-03-31', to: '2026-03-01', against: { version: 1 } }, 400, '/to');
    await bad({ from: '2026-02-30T00:00:00Z', to: '2026-03-01', against: { version: 1 } }, 400, '/from');
    await bad({ from: '2026-03-01', to: '2026-03-31', against: { version: 1, draft: true } }, 400);
    await bad({ from: '2026-03-01', to: '2026-03-31', against: {} }, 400);
    await bad({ from: '2026-03-01', to: '2026-03-31', against: { draft: false } }, 400);
    await bad({ from: '2026-03-01', to: '2026-03-31', against: { version: 9 } }, 404);
    const period = { from: '2026-03-01', to: '2026-03-31', against: { version: 1 } };
    for (const role of ['caseworker', 'integration'] as const)
      expect((await start(period, role)).statusCode).toBe(403);
    const noDraft = await start({ ...period, against: { draft: true } }, 'admin', '101');
    expect(noDraft.statusCode).toBe(404);
    const job = (await start(period)).json().job;
    await finished(job);
    const foreign = await p.app.inject({
      url: `/api/v1/municipalities/851/impact/${job}`,
      headers: other.headers('admin'),
    });
    expect(foreign.statusCode).toBe(403);
    const viaOwn = await p.app.inject({
      url: `/api/v1/municipalities/101/impact/${job}`,
      headers: other.headers('admin'),
    });
    expect(viaOwn.statusCode).toBe(404);
    const unknown = await p.app.inject({
      url: `/api/v1/municipalities/851/impact/nope`,
      headers: m.headers('admin'),
    });
    expect(unknown.statusCode).toBe(404);
  });
});
