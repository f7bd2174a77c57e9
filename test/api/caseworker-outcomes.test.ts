/**
 * Issue 8, through the API on both databases: a caseworker's rejection with a reason for manual
 * use (6); the document's current status as the business response, and polling for outcomes
 * since a point in time (7); re-decisions of the credit notes and reminders waiting on an invoice
 * when its outcome is recorded — new stored, replayable decisions naming their cause (8); and the
 * ledger's own reading of earlier credit notes and of case types (1, 3).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CanonicalDocument } from '../../server/src/domain/document.js';
import { createTestPlatform, testDatabases, type TestPlatform } from '../support/platform.js';
import { seedMunicipality, seedPublishedVersion, type SeededMunicipality } from '../support/seed.js';
import { invoice, line, municipalityRuleset, totalsOf } from '../support/fixtures.js';

const RECEIVED = '2026-03-02T10:00:00Z';

describe.each(await testDatabases())('caseworker outcomes and re-decisions on %s', (kind) => {
  let p: TestPlatform;
  let m: SeededMunicipality;
  let seq = 0;
  const nextId = (): string => `C-${kind}-${++seq}`;

  const evaluate = async (doc: CanonicalDocument) => {
    const res = await p.app.inject({
      method: 'POST',
      url: `/api/v1/municipalities/851/evaluate`,
      headers: m.headers('integration'),
      payload: { receivedAt: RECEIVED, ...doc },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const get = (path: string) =>
    p.app.inject({ url: `/api/v1/municipalities/851${path}`, headers: m.headers('integration') });
  const outcome = (id: string, payload: object) =>
    p.app.inject({
      method: 'POST',
      url: `/api/v1/municipalities/851/documents/${id}/outcome`,
      headers: m.headers('caseworker'),
      payload,
    });
  const manualInvoice = (id = nextId()) => invoice({ id, lines: [line('1', '1001', '2000.00')] });
  const referring = (type: 'creditNote' | 'reminder', ref: string, amount = '100.00'): CanonicalDocument => {
    const doc: CanonicalDocument = {
      ...invoice({
        lines: [line('1', type === 'reminder' ? null : '1001', type === 'reminder' ? '0.00' : amount)],
      }),
      documentType: type,
      id: `${type === 'reminder' ? 'R' : 'K'}-${nextId()}`,
      billingReference: { id: ref },
      ...(type === 'reminder' ? { reminder: { fee: '50.00', sequence: 1 } } : {}),
    };
    doc.totals = totalsOf(doc);
    return doc;
  };

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    m = await seedMunicipality(p, '851');
    await seedPublishedVersion(
      p,
      '851',
      municipalityRuleset((rs) => (rs.creditNotes.autoApproveWhenInvoiceApproved = true)),
    );
  });
  afterAll(async () => p?.close());

  it('6. a caseworker rejects with a reason for manual use of the deciding version', async () => {
    const inv = await evaluate(manualInvoice());
    const res = await outcome(inv.documentId, {
      outcome: 'rejected',
      reason: 'FORKERT_BELOEB',
      comment: 'Over bevillingen',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('rejected');
    const unknown = await outcome((await evaluate(manualInvoice())).documentId, {
      outcome: 'rejected',
      reason: 'FINDES_IKKE',
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().allowed).toContain('KREDITNOTA_IKKE_GODKENDT');
  });

  it('8. rejecting an invoice re-decides its waiting credit note: a new decision naming its cause, replayable; the history shows both', async () => {
    const inv = await evaluate(manualInvoice());
    const cn = await evaluate(referring('creditNote', inv.documentKey.id));
    expect(cn.reasons.map((r: { code: string }) => r.code)).toEqual(['KREDITNOTA_AFVENTER_FAKTURA']);
    const res = await outcome(inv.documentId, { outcome: 'rejected', reason: 'FORKERT_BELOEB' });
    expect(res.statusCode, res.body).toBe(200);
    const doc = (await get(`/documents/${cn.documentId}`)).json();
    expect(doc.status).toBe('rejected');
    expect(doc.reasons).toEqual(['KREDITNOTA_FAKTURA_AFVIST']);
    const decisions = doc.history.filter((h: { kind: string }) => h.kind === 'decision');
    expect(decisions).toHaveLength(2);
    expect(decisions[0].decisionId).toBe(cn.id);
    expect(decisions[1]).toMatchObject({
      outcome: 'rejected',
      cause: { kind: 'outcome', documentId: inv.documentId, outcome: 'rejected' },
    });
    expect(doc.latestDecisionId).toBe(decisions[1].decisionId);
    const stored = (await get(`/decisions/${decisions[1].decisionId}`)).json();
    expect(stored.cause).toMatchObject({ kind: 'outcome', documentId: inv.documentId });
    const replay = await p.app.inject({
      method: 'POST',
      url: `/api/v1/municipalities/851/decisions/${decisions[1].decisionId}/replay`,
      headers: m.headers('admin'),
      payload: { mode: 'recorded' },
    });
    expect(replay.statusCode, replay.body).toBe(200);
    expect(replay.json().identical).toBe(true);
    // the ERP's retry of the credit note gets its current decision
    const retry = await p.app.inject({
      method: 'POST',
      url: `/api/v1/municipalities/851/evaluate`,
      headers: m.headers('integration'),
      payload: { receivedAt: RECEIVED, ...referring('creditNote', inv.documentKey.id) },
    });
    expect(retry.statusCode).toBe(201); // a different credit note number: a new document
  });

  it('8. approving an invoice re-decides its waiting reminder (now the fee is for the caseworker)', async () => {
    const inv = await evaluate(manualInvoice());
    const r = await evaluate(referring('reminder', inv.documentKey.id));
    expect(r.reasons.map((x: { code: string }) => x.code)).toEqual(['RYKKER_AFVENTER_FAKTURA']);
    expect((await outcome(inv.documentId, { outcome: 'approved' })).statusCode).toBe(200);
    const doc = (await get(`/documents/${r.documentId}`)).json();
    expect(doc.status).toBe('manual');
    expect(doc.reasons).toEqual(['RYKKERGEBYR']);
    expect(doc.history.filter((h: { kind: string }) => h.kind === 'decision')).toHaveLength(2);
  });

  it("7. the document's response gives its current status: the caseworker's rejection with reason text and comment, or approval", async () => {
    const inv = await evaluate(manualInvoice());
    const before = await get(`/documents/${inv.documentId}/response?format=oioubl`);
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('TechnicalAccept');
    await outcome(inv.documentId, {
      outcome: 'rejected',
      reason: 'FORKERT_BELOEB',
      comment: 'Beløbet passer ikke',
    });
    const oioubl = await get(`/documents/${inv.documentId}/response?format=oioubl`);
    expect(oioubl.statusCode).toBe(200);
    expect(oioubl.headers['content-type']).toContain('application/xml');
    expect(oioubl.body).toContain('BusinessReject');
    expect(oioubl.body).toContain(
      'FORKERT_BELOEB: Fakturaen afvises: beløbet er forkert i forhold til bevillingen.',
    );
    expect(oioubl.body).toContain('Beløbet passer ikke');
    const peppol = await get(`/documents/${inv.documentId}/response?format=peppol`);
    expect(peppol.body).toContain('>RE<');
    const ok = await evaluate(manualInvoice());
    await outcome(ok.documentId, { outcome: 'approved' });
    const accepted = await get(`/documents/${ok.documentId}/response?format=peppol`);
    expect(accepted.body).toContain('>AP<');
    expect((await get(`/documents/${ok.documentId}/response?format=edifact`)).statusCode).toBe(400);
    expect((await get(`/documents/00000000-0000-0000-0000-000000000000/response`)).statusCode).toBe(404);
  });

  it('7. the ERP polls for documents updated since a point in time', async () => {
    const inv = await evaluate(manualInvoice());
    await new Promise((r) => setTimeout(r, 5));
    const since = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await outcome(inv.documentId, {
      outcome: 'rejected',
      reason: 'YDELSE_IKKE_BEVILGET',
      comment: 'Ikke bevilget',
    });
    const res = await get(
      `/documents?filter=${encodeURIComponent(JSON.stringify({ updatedSince: since }))}&sort=["updatedAt","ASC"]`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const ids = res.json().map((d: { id: string }) => d.id);
    expect(ids).toContain(inv.documentId);
    const item = res.json().find((d: { id: string }) => d.id === inv.documentId);
    expect(item).toMatchObject({
      status: 'rejected',
      outcome: { outcome: 'rejected', reason: 'YDELSE_IKKE_BEVILGET', comment: 'Ikke bevilget' },
    });
    const later = await get(
      `/documents?filter=${encodeURIComponent(JSON.stringify({ updatedSince: new Date(Date.now() + 60_000).toISOString() }))}`,
    );
    expect(later.json()).toEqual([]);
    const bad = await get(
      `/documents?filter=${encodeURIComponent(JSON.stringify({ updatedSince: 'yesterday' }))}`,
    );
    expect(bad.statusCode).toBe(400);
  });

  it('1. the ledger sums the earlier credit notes of an invoice: a second full credit is not approved', async () => {
    const inv = await evaluate(invoice({ id: nextId(), lines: [line('1', '1001', '300.00')] }));
    expect(inv.outcome).toBe('approved');
    const first = await evaluate(referring('creditNote', inv.documentKey.id, '300.00'));
    expect(first.outcome).toBe('approved');
    const second = await evaluate(referring('creditNote', inv.documentKey.id, '300.00'));
    expect(second.outcome).toBe('manual');
    expect(second.ledgerSnapshot.matchingInvoice.credited).toBe('300.00');
    expect(second.reasons.map((r: { code: string }) => r.code)).toEqual(['KREDITNOTA_OVERSTIGER_FAKTURA']);
  });

  it('3. an open case is one of the same CPR and the same case type', async () => {
    const cpr = ['0202604321'];
    const dentist = await evaluate(
      invoice({ id: nextId(), cprNumbers: cpr, lines: [line('1', '1001', '300.00')] }),
    );
    expect(dentist.outcome).toBe('approved');
    const physio = await evaluate(
      invoice({ id: nextId(), cprNumbers: cpr, lines: [line('1', '3001', '300.00')] }),
    );
    expect(physio.actions).toEqual(['OPRET_ALM_HELBREDSTILLAEGSSAG']);
    const dentist2 = await evaluate(
      invoice({ id: nextId(), cprNumbers: cpr, lines: [line('1', '1002', '300.00')] }),
    );
    expect(dentist2.actions).toEqual(['TILFOEJ_YDELSE_TIL_BEVILLING']);
  });
});
