/**
 * The ledger: GET …/documents (list, masked CPR), GET …/documents/:id (status, stage, history),
 * POST …/documents/:id/outcome and …/stage — and that a recorded outcome changes what later
 * credit notes and reminders match against.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CanonicalDocument } from '../../server/src/domain/document.js';
import { createTestPlatform, testDatabases, type TestPlatform } from '../support/platform.js';
import { seedMunicipality, seedPublishedVersion, type SeededMunicipality } from '../support/seed.js';
import { invoice, line, municipalityRuleset, totalsOf } from '../support/fixtures.js';

const RECEIVED = '2026-03-02T10:00:00Z';
type Role = Parameters<SeededMunicipality['headers']>[0];

describe.each(await testDatabases())('the ledger on %s', (kind) => {
  let p: TestPlatform;
  let m: SeededMunicipality;
  let other: SeededMunicipality;
  let seq = 0;
  const nextId = (): string => `L-${kind}-${++seq}`;

  const evaluate = async (doc: CanonicalDocument) => {
    const res = await p.app.inject({
      method: 'POST',
      url: `/api/v1/municipalities/851/evaluate`,
      headers: m.headers('integration'),
      payload: { receivedAt: RECEIVED, ...doc },
    });
    expect(res.statusCode).toBe(201);
    return res.json();
  };
  /** An invoice routed to a caseworker: line 1 over its limit. */
  const manualInvoice = (id = nextId()) => invoice({ id, lines: [line('1', '1001', '2000.00')] });
  const creditNoteFor = (ref: string): CanonicalDocument => {
    const doc: CanonicalDocument = {
      ...invoice({ lines: [line('1', '1001', '100.00')] }),
      documentType: 'creditNote',
      id: `KN-${ref}`,
      billingReference: { id: ref },
    };
    doc.totals = totalsOf(doc);
    return doc;
  };
  const post = (path: string, payload: object, role: Role = 'caseworker') =>
    p.app.inject({
      method: 'POST',
      url: `/api/v1/municipalities/851${path}`,
      headers: m.headers(role),
      payload,
    });
  const get = (path: string, role: Role = 'caseworker') =>
    p.app.inject({ url: `/api/v1/municipalities/851${path}`, headers: m.headers(role) });

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    m = await seedMunicipality(p, '851');
    other = await seedMunicipality(p, '101');
    await seedPublishedVersion(
      p,
      '851',
      municipalityRuleset((rs) => {
        rs.rejectionReasons.push({ code: 'GAMMEL_AARSAG', text: 'Ikke længere i brug', active: false });
        rs.rejectionReasons.push({ code: 'FEJL_I_YDELSE', text: 'Ydelsen er ikke dækket' });
      }),
    );
  });
  afterAll(async () => p?.close());

  it('shows a document: status, stage, masked CPR, and its history', async () => {
    const d = await evaluate(manualInvoice());
    const res = await get(`/documents/${d.documentId}`);
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc).toMatchObject({
      id: d.documentId,
      municipality: '851',
      documentKey: { supplier: 'DK16356706', documentType: 'invoice', id: d.documentKey.id },
      status: 'manual',
      stage: 'review',
      payable: '2000.00',
      issueDate: '2026-03-02',
      cpr: ['010150-****'],
      reasons: ['OVER_BELOEBSGRAENSE'],
      rulesetVersion: 1,
      firstDecisionId: d.id,
      latestDecisionId: d.id,
    });
    expect(doc.history).toEqual([
      expect.objectContaining({
        kind: 'decision',
        decisionId: d.id,
        outcome: 'manual',
        reasons: ['OVER_BELOEBSGRAENSE'],
      }),
    ]);
    expect(res.body).not.toContain('0101501234');
  });

  it('lists the ledger with filters, sort and Content-Range; CPR masked', async () => {
    await evaluate(invoice({ id: nextId() }));
    await evaluate(invoice({ id: nextId(), cprNumbers: [] }));
    const list = async (filter: object, extra = '') => {
      const res = await get(
        `/documents?filter=${encodeURIComponent(JSON.stringify(filter))}&range=[0,999]${extra}`,
      );
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('0101501234');
      return res;
    };
    const all = await list({});
    expect(all.headers['content-range']).toMatch(/^documents 0-\d+\/\d+$/);
    for (const item of all.json()) for (const c of item.cpr) expect(c).toMatch(/^\d{6}-\*{4}$/);
    for (const status of ['approved', 'manual', 'rejected']) {
      const rows = (await list({ status })).json();
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r: { status: string }) => r.status === status)).toBe(true);
    }
    expect(
      (await list({ stage: 'review' })).json().every((r: { stage: string }) => r.stage === 'review'),
    ).toBe(true);
    expect((await list({ supplier: '16356706' })).json().length).toBe(all.json().length);
    expect((await list({ documentType: 'reminder' })).json()).toEqual([]);
    const sorted = (await list({}, `&sort=${encodeURIComponent('["payable","DESC"]')}`)).json();
    const amounts = sorted.map((r: { payable: string }) => Number(r.payable));
    expect([...amounts].sort((a, b) => b - a)).toEqual(amounts);
    const page = await get('/documents?range=[0,1]');
    expect(page.json()).toHaveLength(2);
    expect(page.headers['content-range']).toMatch(/^documents 0-1\/\d+$/);
    expect((await get(`/documents?filter=${encodeURIComponent('{"cpr":"1"}')}`)).statusCode).toBe(400);
  });

  it('records an approval: 200, the status changes, the history and the audit log show it; a second outcome is 409', async () => {
    const d = await evaluate(manualInvoice());
    const res = await post(`/documents/${d.documentId}/outcome`, {
      outcome: 'approved',
      comment: 'OK efter kontrol',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'approved', stage: null });
    expect(res.json().history.at(-1)).toMatchObject({
      kind: 'outcome',
      outcome: 'approved',
      comment: 'OK efter kontrol',
      stage: 'review',
      actor: 'user:caseworker-851',
    });
    const audit = await p.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity', '=', 'document')
      .where('entity_id', '=', d.documentId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'outcome',
      before: { status: 'manual' },
      after: { status: 'approved' },
    });
    const again = await post(`/documents/${d.documentId}/outcome`, {
      outcome: 'rejected',
      reason: 'FEJL_I_YDELSE',
    });
    expect(again.statusCode).toBe(409);
    const outcomes = await p.database.db
      .selectFrom('document_outcomes')
      .select('id')
      .where('document_id', '=', d.documentId)
      .execute();
    expect(outcomes).toHaveLength(1);
  });

  it('a rejection needs an active rejection reason of the deciding version (422 at /reason)', async () => {
    const d = await evaluate(manualInvoice());
    const path = `/documents/${d.documentId}/outcome`;
    for (const body of [
      { outcome: 'rejected' },
      { outcome: 'rejected', reason: 'FINDES_IKKE' },
      { outcome: 'rejected', reason: 'GAMMEL_AARSAG' },
      { outcome: 'rejected', reason: 'OVER_BELOEBSGRAENSE' },
      { outcome: 'approved', reason: 'FEJL_I_YDELSE' },
    ]) {
      const res = await post(path, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.json().errors[0].pointer).toBe('/reason');
    }
    const badBody = await post(path, { outcome: 'maybe' });
    expect(badBody.statusCode).toBe(400);
    expect(badBody.json().errors[0].pointer).toBe('/outcome');
    const ok = await post(
      path,
      { outcome: 'rejected', reason: 'FEJL_I_YDELSE', comment: 'Ikke dækket' },
      'integration',
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'rejected' });
    expect(ok.json().history.at(-1)).toMatchObject({
      reason: 'FEJL_I_YDELSE',
      actor: 'api-key:integration-key-851',
    });
  });

  it('only a manual document takes an outcome or a stage (409)', async () => {
    const approved = await evaluate(invoice({ id: nextId() }));
    expect(approved.outcome).toBe('approved');
    const outcome = await post(`/documents/${approved.documentId}/outcome`, { outcome: 'approved' });
    expect(outcome.statusCode).toBe(409);
    expect(outcome.json().detail).toMatch(/approved/);
    const stage = await post(`/documents/${approved.documentId}/stage`, { stage: 'investigation' });
    expect(stage.statusCode).toBe(409);
  });

  it('moves a manual document between stages; the history records each move', async () => {
    const d = await evaluate(manualInvoice());
    const path = `/documents/${d.documentId}/stage`;
    expect((await post(path, { stage: 'approval' })).json()).toMatchObject({
      status: 'manual',
      stage: 'approval',
    });
    const res = await post(path, { stage: 'investigation' });
    expect(res.statusCode).toBe(200);
    expect(res.json().stage).toBe('investigation');
    // The same stage again changes nothing.
    expect((await post(path, { stage: 'investigation' })).json().history).toHaveLength(3);
    expect(res.json().history.map((h: { kind: string; stage?: string }) => h.stage ?? h.kind)).toEqual([
      'decision',
      'approval',
      'investigation',
    ]);
    expect((await post(path, { stage: 'archive' })).statusCode).toBe(400);
  });

  it('a caseworker’s approval changes how a later credit note matches', async () => {
    const inv = await evaluate(manualInvoice());
    const id = inv.documentKey.id;
    const before = await p.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities/851/evaluate?dryRun=true',
      headers: m.headers('integration'),
      payload: { receivedAt: RECEIVED, ...creditNoteFor(id) },
    });
    expect(before.json().reasons.map((r: { code: string }) => r.code)).toEqual([
      'KREDITNOTA_AFVENTER_FAKTURA',
    ]);
    await post(`/documents/${inv.documentId}/outcome`, { outcome: 'approved' });
    const after = await evaluate(creditNoteFor(id));
    expect(after.reasons.map((r: { code: string }) => r.code)).toEqual(['KREDITNOTA_ANNULLERING']);
    expect(after.ledgerSnapshot.matchingInvoice).toMatchObject({
      status: 'approved',
      documentId: inv.documentId,
    });
  });

  it('a caseworker’s rejection makes a later reminder a rejection', async () => {
    const inv = await evaluate(manualInvoice());
    await post(`/documents/${inv.documentId}/outcome`, { outcome: 'rejected', reason: 'FEJL_I_YDELSE' });
    const doc: CanonicalDocument = {
      ...invoice({ lines: [] }),
      documentType: 'reminder',
      id: `R-${inv.documentKey.id}`,
      billingReference: { id: inv.documentKey.id },
      reminder: { fee: '100.00', sequence: 1 },
    };
    doc.totals = totalsOf(doc);
    const r = await evaluate(doc);
    expect(r.reasons[0].code).toBe('RYKKER_FAKTURA_AFVIST');
  });

  it('an approval makes later invoices for the same CPR this year "open case"', async () => {
    const cpr = '2412801234';
    const inv = await evaluate(
      invoice({ id: nextId(), cprNumbers: [cpr], lines: [line('1', '1001', '2000.00')] }),
    );
    const next = () =>
      p.app.inject({
        method: 'POST',
        url: '/api/v1/municipalities/851/evaluate?dryRun=true',
        headers: m.headers('integration'),
        payload: { receivedAt: RECEIVED, ...invoice({ id: nextId(), cprNumbers: [cpr] }) },
      });
    expect((await next()).json().facts.openCaseThisYear).toBe(false);
    await post(`/documents/${inv.documentId}/outcome`, { outcome: 'approved' });
    expect((await next()).json().facts.openCaseThisYear).toBe(true);
  });

  it('roles and tenants: who may read, record and move; 404 for unknown documents', async () => {
    const d = await evaluate(manualInvoice());
    for (const role of ['admin', 'auditor', 'caseworker', 'integration'] as const) {
      expect((await get(`/documents/${d.documentId}`, role)).statusCode).toBe(200);
      expect((await get('/documents', role)).statusCode).toBe(200);
    }
    for (const role of ['admin', 'auditor'] as const) {
      expect(
        (await post(`/documents/${d.documentId}/outcome`, { outcome: 'approved' }, role)).statusCode,
      ).toBe(403);
      expect((await post(`/documents/${d.documentId}/stage`, { stage: 'approval' }, role)).statusCode).toBe(
        403,
      );
    }
    expect(
      (await post(`/documents/${d.documentId}/stage`, { stage: 'approval' }, 'integration')).statusCode,
    ).toBe(403);
    // Another municipality's users see nothing of 851's ledger.
    const foreign = await p.app.inject({
      url: `/api/v1/municipalities/851/documents/${d.documentId}`,
      headers: other.headers('caseworker'),
    });
    expect(foreign.statusCode).toBe(403);
    const viaOwn = await p.app.inject({
      url: `/api/v1/municipalities/101/documents/${d.documentId}`,
      headers: other.headers('caseworker'),
    });
    expect(viaOwn.statusCode).toBe(404);
    const viaOwnOutcome = await p.app.inject({
      method: 'POST',
      url: `/api/v1/municipalities/101/documents/${d.documentId}/outcome`,
      headers: other.headers('caseworker'),
      payload: { outcome: 'approved' },
    });
    expect(viaOwnOutcome.statusCode).toBe(404);
    expect((await get('/documents/not-a-uuid')).statusCode).toBe(404);
    expect(
      (await post('/documents/00000000-0000-4000-8000-000000000000/outcome', { outcome: 'approved' }))
        .statusCode,
    ).toBe(404);
    const still = await get(`/documents/${d.documentId}`);
    expect(still.json().status).toBe('manual');
  });

  it('replays every decision this suite stored, as recorded, identically', async () => {
    const ids = await p.database.db.selectFrom('decisions').select('id').execute();
    expect(ids.length).toBeGreaterThan(10);
    for (const { id } of ids) {
      const res = await post(`/decisions/${id}/replay`, { mode: 'recorded' }, 'auditor');
      expect(res.statusCode).toBe(200);
      expect({ id, identical: res.json().identical }).toEqual({ id, identical: true });
    }
  });
});
