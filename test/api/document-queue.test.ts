/**
 * The caseworker's queue over the ledger (issue 10): GET …/documents filtered by reason,
 * supplier, stage, document type and period through the one list helper; each item's reason
 * texts, suggested actions, supplier name and linked documents (a credit note's invoice, an
 * invoice's credit notes and reminders); the `thread` sort that keeps a credit note right after
 * its invoice; and GET …/documents/summary — the count per reason and per supplier (SQL group by).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CanonicalDocument } from '../../server/src/domain/document.js';
import { createTestPlatform, testDatabases, type TestPlatform } from '../support/platform.js';
import { seedMunicipality, seedPublishedVersion, type SeededMunicipality } from '../support/seed.js';
import { invoice, line, municipalityRuleset, totalsOf } from '../support/fixtures.js';

interface Item {
  id: string;
  documentKey: { supplier: string; documentType: string; id: string };
  status: string;
  stage: string | null;
  cpr: string[];
  reasons: string[];
  reasonDetails: { code: string; kind: string; text: string }[];
  actions: string[];
  supplierName: string | null;
  receivedAt: string | null;
  linked: { id: string; documentType: string; number: string; status: string; payable: string }[];
}

describe.each(await testDatabases())('the caseworker queue on %s', (kind) => {
  let p: TestPlatform;
  let m: SeededMunicipality;
  const physio = { id: 'DK40506070', scheme: 'DK:CVR', name: 'Fysioterapeuterne Nørresundby' };

  const evaluate = async (doc: CanonicalDocument, receivedAt: string) => {
    const res = await p.app.inject({
      method: 'POST',
      url: `/api/v1/municipalities/851/evaluate`,
      headers: m.headers('integration'),
      payload: { receivedAt, ...doc },
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; documentId: string; outcome: string };
  };
  const get = async (path: string, filter?: object, extra = '') => {
    const q = filter ? `filter=${encodeURIComponent(JSON.stringify(filter))}&` : '';
    const res = await p.app.inject({
      url: `/api/v1/municipalities/851${path}?${q}range=[0,99]${extra}`,
      headers: m.headers('caseworker'),
    });
    return res;
  };
  const list = async (filter: object, extra = ''): Promise<Item[]> => {
    const res = await get('/documents', filter, extra);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('0101501234');
    return res.json();
  };
  const summary = async (filter?: object) => {
    const q = filter ? `?filter=${encodeURIComponent(JSON.stringify(filter))}` : '';
    const res = await p.app.inject({
      url: `/api/v1/municipalities/851/documents/summary${q}`,
      headers: m.headers('caseworker'),
    });
    expect(res.statusCode).toBe(200);
    return res.json() as {
      total: number;
      reasons: { code: string; kind: string; text: string; count: number }[];
      suppliers: { id: string; name: string | null; count: number }[];
    };
  };

  let overLimit: { documentId: string };
  let unknown: { documentId: string };
  let physioInvoice: { documentId: string };
  let credit: { documentId: string };

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    m = await seedMunicipality(p, '851');
    await seedPublishedVersion(p, '851', municipalityRuleset());
    // oldest first: a dentist invoice over its limit (1 March), an unknown service number (2 March),
    // a physiotherapy invoice over its limit (3 March), an approved one (4 March), and on 5 March a
    // credit note for the first invoice (waiting for it: manual).
    overLimit = await evaluate(
      invoice({ id: 'Q-1', lines: [line('1', '1001', '2000.00')] }),
      '2026-03-01T09:00:00Z',
    );
    unknown = await evaluate(
      invoice({ id: 'Q-2', lines: [line('1', '9999', '100.00')] }),
      '2026-03-02T09:00:00Z',
    );
    physioInvoice = await evaluate(
      invoice({ id: 'Q-3', supplier: physio, lines: [line('1', '1001', '1600.00')] }),
      '2026-03-03T09:00:00Z',
    );
    await evaluate(invoice({ id: 'Q-4' }), '2026-03-04T09:00:00Z');
    const cn: CanonicalDocument = {
      ...invoice({ lines: [line('1', '1001', '100.00')] }),
      documentType: 'creditNote',
      id: 'KN-Q-1',
      billingReference: { id: 'Q-1' },
    };
    cn.totals = totalsOf(cn);
    credit = await evaluate(cn, '2026-03-05T09:00:00Z');
  });
  afterAll(async () => p?.close());

  it('lists each document with its reason texts, suggested actions, supplier name and receipt; CPR masked', async () => {
    const [item] = await list({ id: overLimit.documentId });
    expect(item).toMatchObject({
      status: 'manual',
      stage: 'review',
      cpr: ['010150-****'],
      reasons: ['OVER_BELOEBSGRAENSE'],
      supplierName: 'Tandlæge Hansen',
      receivedAt: '2026-03-01T09:00:00.000Z',
    });
    expect(item!.reasonDetails).toEqual([
      { code: 'OVER_BELOEBSGRAENSE', kind: 'manual', text: expect.stringMatching(/beløbsgrænse/i) },
    ]);
    expect(item!.actions.length).toBeGreaterThan(0);
  });

  it('filters by reason, supplier, stage, document type and period', async () => {
    const byReason = await list({ reason: 'OVER_BELOEBSGRAENSE' });
    expect(byReason.map((d) => d.documentKey.id).sort()).toEqual(['Q-1', 'Q-3']);
    expect((await list({ reason: ['UKENDT_YDELSESNUMMER'] })).map((d) => d.id)).toEqual([unknown.documentId]);
    expect(await list({ reason: [] })).toEqual([]);
    expect((await list({ supplier: 'DK40506070' })).map((d) => d.id)).toEqual([physioInvoice.documentId]);
    expect((await list({ documentType: 'creditNote' })).map((d) => d.id)).toEqual([credit.documentId]);
    expect((await list({ status: 'manual', stage: 'review' })).length).toBe(4);
    const period = await list({ from: '2026-03-02', to: '2026-03-03' });
    expect(period.map((d) => d.documentKey.id).sort()).toEqual(['Q-2', 'Q-3']);
    const since = await list({ from: '2026-03-03T09:00:00Z' });
    expect(since.map((d) => d.documentKey.id).sort()).toEqual(['KN-Q-1', 'Q-3', 'Q-4']);
    expect((await get('/documents', { from: 'yesterday' })).statusCode).toBe(400);
    expect((await get('/documents', { from: 'yesterday' })).json().errors[0].pointer).toBe('/filter/from');
    expect((await get('/documents', { reason: { code: 'X' } })).statusCode).toBe(400);
  });

  it('links a credit note to its invoice and the invoice to its credit notes', async () => {
    const [cn] = await list({ id: credit.documentId });
    expect(cn!.linked).toEqual([
      expect.objectContaining({ id: overLimit.documentId, documentType: 'invoice', number: 'Q-1' }),
    ]);
    const [inv] = await list({ id: overLimit.documentId });
    expect(inv!.linked).toEqual([
      expect.objectContaining({ id: credit.documentId, documentType: 'creditNote', number: 'KN-Q-1' }),
    ]);
    const detail = await p.app.inject({
      url: `/api/v1/municipalities/851/documents/${credit.documentId}`,
      headers: m.headers('caseworker'),
    });
    expect(detail.json()).toMatchObject({
      supplierName: 'Tandlæge Hansen',
      linked: [{ id: overLimit.documentId, status: 'manual' }],
    });
    expect((await list({ id: unknown.documentId }))[0]!.linked).toEqual([]);
  });

  it('the thread sort puts a credit note right after its invoice, the threads oldest first', async () => {
    const rows = await list({ status: 'manual' }, `&sort=${encodeURIComponent('["thread","ASC"]')}`);
    expect(rows.map((d) => d.documentKey.id)).toEqual(['Q-1', 'KN-Q-1', 'Q-2', 'Q-3']);
    const desc = await list({ status: 'manual' }, `&sort=${encodeURIComponent('["thread","DESC"]')}`);
    expect(desc.map((d) => d.documentKey.id)).toEqual(['Q-3', 'Q-2', 'Q-1', 'KN-Q-1']);
    const received = await list({}, `&sort=${encodeURIComponent('["receivedAt","ASC"]')}`);
    expect(received.map((d) => d.documentKey.id)).toEqual(['Q-1', 'Q-2', 'Q-3', 'Q-4', 'KN-Q-1']);
  });

  it('counts per reason and per supplier, each over the other filters', async () => {
    const all = await summary({ status: 'manual' });
    expect(all.total).toBe(4);
    const counts = Object.fromEntries(all.reasons.map((r) => [r.code, r.count]));
    expect(counts).toMatchObject({ OVER_BELOEBSGRAENSE: 2, UKENDT_YDELSESNUMMER: 1 });
    expect(all.reasons[0]).toMatchObject({ code: 'OVER_BELOEBSGRAENSE', kind: 'manual' });
    expect(all.reasons.every((r) => r.text.length > 0)).toBe(true);
    // the reason filter does not narrow the reason counts (every choice stays visible)
    const chosen = await summary({ status: 'manual', reason: 'UKENDT_YDELSESNUMMER' });
    expect(chosen.total).toBe(1);
    expect(chosen.reasons).toEqual(all.reasons);
    expect(chosen.suppliers).toEqual([{ id: 'DK16356706', name: 'Tandlæge Hansen', count: 1 }]);
    const suppliers = Object.fromEntries(all.suppliers.map((s) => [s.id, s.count]));
    expect(suppliers).toEqual({ DK16356706: 3, DK40506070: 1 });
    const onePhysio = await summary({ supplier: 'DK40506070' });
    expect(onePhysio.total).toBe(1);
    expect(onePhysio.suppliers).toEqual([
      { id: 'DK16356706', name: 'Tandlæge Hansen', count: 4 },
      { id: 'DK40506070', name: 'Fysioterapeuterne Nørresundby', count: 1 },
    ]);
    expect((await summary()).total).toBe(5);
    expect(await summary({ status: [] })).toEqual({ total: 0, reasons: [], suppliers: [] });
    const bad = await p.app.inject({
      url: `/api/v1/municipalities/851/documents/summary?filter=${encodeURIComponent('{"cpr":"1"}')}`,
      headers: m.headers('caseworker'),
    });
    expect(bad.statusCode).toBe(400);
  });

  it('an outcome shows in the list and the detail; the detail keeps its linked documents', async () => {
    const res = await p.app.inject({
      method: 'POST',
      url: `/api/v1/municipalities/851/documents/${overLimit.documentId}/outcome`,
      headers: m.headers('caseworker'),
      payload: { outcome: 'approved' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'approved',
      supplierName: 'Tandlæge Hansen',
      linked: [{ id: credit.documentId, documentType: 'creditNote' }],
    });
    // the credit note waiting on it was decided again: an annulment of an approved invoice
    const [cn] = await list({ id: credit.documentId });
    expect(cn!.reasons).toEqual(['KREDITNOTA_ANNULLERING']);
    expect(cn!.linked[0]).toMatchObject({ status: 'approved' });
  });
});
