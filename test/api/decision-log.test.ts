/**
 * The decision log's filter by ruleset version (GET /municipalities/:m/decisions?filter={"version":…}),
 * as Afgørelser offers it, next to the other filters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, testDatabases, type TestPlatform } from '../support/platform.js';
import { seedMunicipality, seedPublishedVersion, type SeededMunicipality } from '../support/seed.js';
import { invoice, municipalityRuleset } from '../support/fixtures.js';

describe.each(await testDatabases())('the decision log by ruleset version on %s', (kind) => {
  let p: TestPlatform;
  let m: SeededMunicipality;

  const list = (filter: object) =>
    p.app.inject({
      url: `/api/v1/municipalities/851/decisions?filter=${encodeURIComponent(JSON.stringify(filter))}&range=[0,99]`,
      headers: m.headers('auditor'),
    });

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    m = await seedMunicipality(p, '851');
    await seedPublishedVersion(p, '851', municipalityRuleset(), { effectiveFrom: '2000-01-01T00:00:00Z' });
    await seedPublishedVersion(
      p,
      '851',
      municipalityRuleset((rs) => {
        rs.serviceNumbers.find((s) => s.code === '1001')!.maxAmount = '400.00';
      }),
      { effectiveFrom: '2026-06-01T00:00:00Z' },
    );
    for (const [id, receivedAt] of [
      ['DL-1', '2026-03-02T10:00:00Z'],
      ['DL-2', '2026-04-02T10:00:00Z'],
      ['DL-3', '2026-06-02T10:00:00Z'],
    ] as const) {
      const res = await p.app.inject({
        method: 'POST',
        url: '/api/v1/municipalities/851/evaluate',
        headers: m.headers('integration'),
        payload: invoice({ id, receivedAt }),
      });
      expect(res.statusCode).toBe(201);
    }
  });
  afterAll(async () => p?.close());

  it('filters by one version or a list of them, as a number or a string', async () => {
    const v1 = await list({ version: 1 });
    expect(v1.statusCode).toBe(200);
    expect(v1.headers['content-range']).toBe('decisions 0-1/2');
    expect(
      v1
        .json()
        .map((d: { documentKey: { id: string } }) => d.documentKey.id)
        .sort(),
    ).toEqual(['DL-1', 'DL-2']);
    const v2 = (await list({ version: '2' })).json();
    expect(v2.map((d: { ruleset: { version: number } }) => d.ruleset.version)).toEqual([2]);
    expect(v2[0]).toMatchObject({ documentKey: { id: 'DL-3' }, outcome: 'manual' });
    expect((await list({ version: [1, 2] })).json()).toHaveLength(3);
    expect((await list({ version: 3 })).json()).toEqual([]);
    // with the other filters
    expect((await list({ version: 1, outcome: 'manual' })).json()).toEqual([]);
    expect((await list({ version: 2, outcome: 'manual', from: '2026-06-01' })).json()).toHaveLength(1);
  });

  it('refuses what is not a version number, with a pointer', async () => {
    for (const version of ['x', 0, -1, 1.5, [1, 'two']]) {
      const res = await list({ version });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].pointer).toBe('/filter/version');
    }
  });
});
