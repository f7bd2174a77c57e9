/** GET /platform/overview: the platform administrator's first screen, on both databases. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { municipalityRuleset } from '../support/fixtures.js';
import { createTestPlatform, testDatabases, type TestPlatform } from '../support/platform.js';
import { seedMunicipality, seedPublishedVersion, type SeededMunicipality } from '../support/seed.js';

describe.each(await testDatabases())('the platform overview on %s', (kind) => {
  let p: TestPlatform;
  let admin: string;
  let a: SeededMunicipality;
  beforeAll(async () => {
    p = await createTestPlatform(kind);
    admin = await p.adminCookie();
    a = await seedMunicipality(p, '101', 'Københavns Kommune');
    await seedMunicipality(p, '147', 'Frederiksberg Kommune');
  });
  afterAll(async () => p?.close());

  const overview = (headers: Record<string, string> = { cookie: admin }) =>
    p.app.inject({ method: 'GET', url: '/api/v1/platform/overview', headers });

  it('lists every municipality and the national template, with nothing in force yet', async () => {
    const res = await overview();
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.recentDays).toBe(30);
    expect(body.municipalities.map((m: { id: string }) => m.id)).toEqual(['101', '147']);
    expect(body.municipalities[1]).toEqual({
      id: '147',
      name: 'Frederiksberg Kommune',
      eans: ['5798000012349'],
      users: 4,
      activeVersion: null,
      basedOn: null,
      manualQueue: 0,
      decisionsRecent: 0,
    });
    const kp = body.nationalTemplates.find((t: { id: string }) => t.id === 'kp-standard');
    expect(kp).toMatchObject({ latestVersion: 1, followers: 0, behind: 0 });
  });

  it('shows the version in force, the template it is based on, and who is behind a newer template version', async () => {
    const based = municipalityRuleset((rs) => {
      rs.basedOn = { template: 'kp-standard', version: 1 };
    });
    await seedPublishedVersion(p, a.id, based, { effectiveFrom: '2026-01-01T00:00:00Z' });
    // A version that starts in the future is not the one in force.
    await seedPublishedVersion(p, a.id, based, { effectiveFrom: '2999-01-01T00:00:00Z' });
    let body = (await overview()).json();
    expect(body.municipalities[0]).toMatchObject({
      id: '101',
      activeVersion: { version: 1, effectiveFrom: '2026-01-01T00:00:00.000Z' },
      basedOn: { template: 'kp-standard', version: 1, latestVersion: 1, behind: 0 },
    });
    expect(body.nationalTemplates.find((t: { id: string }) => t.id === 'kp-standard')).toMatchObject({
      followers: 1,
      behind: 0,
    });

    // KP publishes version 2 of the national template: København is now one behind.
    const v1 = await p.database.db
      .selectFrom('template_versions')
      .selectAll()
      .where('template_id', '=', 'kp-standard')
      .executeTakeFirstOrThrow();
    await p.database.db
      .insertInto('template_versions')
      .values({ ...v1, version: 2, document: JSON.stringify(v1.document), created_at: new Date() })
      .execute();
    body = (await overview()).json();
    expect(body.municipalities[0].basedOn).toEqual({
      template: 'kp-standard',
      version: 1,
      latestVersion: 2,
      behind: 1,
    });
    expect(body.nationalTemplates.find((t: { id: string }) => t.id === 'kp-standard')).toMatchObject({
      latestVersion: 2,
      followers: 1,
      behind: 1,
    });
  });

  it("counts a municipality's active users only", async () => {
    await p.database.db
      .updateTable('users')
      .set({ disabled: true })
      .where('username', '=', 'auditor-101')
      .execute();
    expect((await overview()).json().municipalities[0].users).toBe(3);
  });

  it('is for the platform administrator only: 401 without a session, 403 for a municipal administrator', async () => {
    expect((await overview({})).statusCode).toBe(401);
    expect((await overview(a.headers('admin'))).statusCode).toBe(403);
  });
});
