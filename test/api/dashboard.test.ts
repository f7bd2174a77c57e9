/**
 * GET …/dashboard: the aggregates behind Oversigt, computed by the database — documents per week
 * by the outcome of their first decision, the reasons for manual and rejected documents,
 * documents per supplier, and the open manual queue by age — on both databases.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CanonicalDocument } from '../../server/src/domain/document.js';
import { createTestPlatform, testDatabases, type TestPlatform } from '../support/platform.js';
import { seedMunicipality, seedPublishedVersion, type SeededMunicipality } from '../support/seed.js';
import { invoice, line, municipalityRuleset } from '../support/fixtures.js';

describe.each(await testDatabases())('the dashboard on %s', (kind) => {
  let p: TestPlatform;
  let m: SeededMunicipality;
  let seq = 0;

  const evaluate = async (receivedAt: string, overrides: Partial<CanonicalDocument>) => {
    const res = await p.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities/851/evaluate',
      headers: m.headers('integration'),
      payload: { ...invoice({ id: `D-${++seq}`, ...overrides }), receivedAt },
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { documentId: string; outcome: string };
  };
  const dashboard = (query: string, role: Parameters<SeededMunicipality['headers']>[0] = 'admin') =>
    p.app.inject({ url: `/api/v1/municipalities/851/dashboard${query}`, headers: m.headers(role) });

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    m = await seedMunicipality(p, '851');
    await seedPublishedVersion(p, '851', municipalityRuleset());
    // week of Monday 2026-03-02: two approved, one over the limit (manual), one samleregning (rejected)
    await evaluate('2026-03-02T10:00:00Z', {});
    await evaluate('2026-03-04T10:00:00Z', {});
    await evaluate('2026-03-05T10:00:00Z', { lines: [line('1', '1001', '2000.00')] });
    await evaluate('2026-03-06T10:00:00Z', { cprNumbers: ['0101501234', '0202502345'] });
    // week of Monday 2026-03-09: one approved from another supplier, one manual
    await evaluate('2026-03-09T08:00:00Z', {
      supplier: { id: 'DK11111111', scheme: 'DK:CVR', name: 'Fysioterapeut Jensen' },
    });
    const old = await evaluate('2026-03-10T08:00:00Z', { lines: [line('1', '1001', '1600.00')] });
    // that manual document has waited ten days
    await sql`update documents set created_at = now() - interval '10 days' where id = ${old.documentId}`.execute(
      p.database.db,
    );
  });
  afterAll(async () => p?.close());

  it('counts documents per week by their first decision, with the automation share', async () => {
    const res = await dashboard('?from=2026-03-01&to=2026-03-16');
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.period).toEqual({ from: '2026-03-01T00:00:00.000Z', to: '2026-03-16T00:00:00.000Z' });
    expect(d.weeks).toEqual([
      { week: '2026-03-02', documents: 4, approved: 2, manual: 1, rejected: 1, automationShare: 0.5 },
      { week: '2026-03-09', documents: 2, approved: 1, manual: 1, rejected: 0, automationShare: 0.5 },
    ]);
    expect(d.totals).toEqual({
      documents: 6,
      approvedAutomatically: 3,
      manual: 2,
      rejected: 1,
      automationShare: 0.5,
    });
    // a period with one week only
    const one = (await dashboard('?from=2026-03-09&to=2026-03-16')).json();
    expect(one.weeks.map((w: { week: string }) => w.week)).toEqual(['2026-03-09']);
  });

  it('lists the reasons of manual and rejected documents by how many documents they concern', async () => {
    const d = (await dashboard('?from=2026-03-01&to=2026-03-16')).json();
    expect(d.reasons).toEqual([
      expect.objectContaining({ code: 'OVER_BELOEBSGRAENSE', kind: 'manual', documents: 2 }),
      expect.objectContaining({ code: 'SAMLEREGNING', kind: 'reject', documents: 1 }),
    ]);
    expect(d.reasons[1].text).toMatch(/CPR/);
  });

  it('counts documents and amounts per supplier, with the supplier’s name', async () => {
    const d = (await dashboard('?from=2026-01-01&to=2027-01-01')).json();
    expect(d.suppliers[0]).toMatchObject({ supplier: 'DK16356706', name: 'Tandlæge Hansen', documents: 5 });
    expect(d.suppliers[1]).toMatchObject({
      supplier: 'DK11111111',
      name: 'Fysioterapeut Jensen',
      documents: 1,
    });
    expect(typeof d.suppliers[0].amount).toBe('string');
    expect(d.suppliers[0].amount).toMatch(/^\d+\.\d{2}$/);
  });

  it('shows the open manual queue by age, and a caseworker’s outcome takes a document out of it', async () => {
    const before = (await dashboard('')).json().manualQueue;
    expect(before).toEqual([
      { bucket: 'under1d', documents: 1, amount: '2000.00' },
      { bucket: 'd1to7', documents: 0, amount: '0.00' },
      { bucket: 'd8to30', documents: 1, amount: '1600.00' },
      { bucket: 'over30d', documents: 0, amount: '0.00' },
    ]);
    const queue = await p.app.inject({
      url: '/api/v1/municipalities/851/documents?filter={"status":"manual"}&sort=["createdAt","ASC"]',
      headers: m.headers('caseworker'),
    });
    const oldest = queue.json()[0] as { id: string };
    const outcome = await p.app.inject({
      method: 'POST',
      url: `/api/v1/municipalities/851/documents/${oldest.id}/outcome`,
      headers: m.headers('caseworker'),
      payload: { outcome: 'approved' },
    });
    expect(outcome.statusCode).toBe(200);
    const after = (await dashboard('', 'caseworker')).json().manualQueue;
    expect(after.find((b: { bucket: string }) => b.bucket === 'd8to30').documents).toBe(0);
  });

  it('refuses a period that is not one, naming the parameter', async () => {
    const bad = await dashboard('?from=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].pointer).toBe('/querystring/from');
    const reversed = await dashboard('?from=2026-03-10&to=2026-03-01');
    expect(reversed.statusCode).toBe(400);
    expect((await dashboard('?from=2020-01-01&to=2026-01-01')).statusCode).toBe(400);
  });
});
