import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, testDatabases, type TestPlatform } from '../support/platform.js';
import { seedMunicipality, type SeededMunicipality } from '../support/seed.js';

describe.each(await testDatabases())('municipalities on %s', (kind) => {
  let p: TestPlatform;
  let admin: string;
  let a: SeededMunicipality;
  let b: SeededMunicipality;
  beforeAll(async () => {
    p = await createTestPlatform(kind);
    admin = await p.adminCookie();
    a = await seedMunicipality(p, '101', 'Københavns Kommune');
    b = await seedMunicipality(p, '147', 'Frederiksberg Kommune');
  });
  afterAll(async () => p?.close());

  const post = (cookie: string | undefined, payload: unknown) =>
    p.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities',
      ...(cookie ? { headers: { cookie } } : {}),
      payload: payload as Record<string, unknown>,
    });

  it('the platform administrator creates a municipality, 201 with {id, name, eans}, audited', async () => {
    const res = await post(admin, {
      id: '851',
      name: 'Aalborg Kommune',
      eans: ['5798000420434'],
      comment: 'onboarding',
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe('/api/v1/municipalities/851');
    expect(res.json()).toMatchObject({ id: '851', name: 'Aalborg Kommune', eans: ['5798000420434'] });
    const events = await p.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity', '=', 'municipality')
      .where('entity_id', '=', '851')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      municipality_id: '851',
      actor: 'user:admin',
      action: 'create',
      before: null,
      after: { id: '851', name: 'Aalborg Kommune', eans: ['5798000420434'] },
      comment: 'onboarding',
    });
  });

  it('eans default to none', async () => {
    const res = await post(admin, { id: '810', name: 'Brønderslev Kommune' });
    expect(res.statusCode).toBe(201);
    expect(res.json().eans).toEqual([]);
  });

  it('refuses a wrong GS1 check digit, a duplicate EAN, a bad id and a blank name with pointers (400)', async () => {
    const bad = await post(admin, { id: '860', name: 'Hjørring', eans: ['5798000420434', '5798000420435'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors).toEqual([
      expect.objectContaining({ pointer: '/eans/1', code: 'ean.checkDigit' }),
    ]);
    const dup = await post(admin, { id: '860', name: 'Hjørring', eans: ['5798000420434', '5798000420434'] });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().errors).toEqual([
      expect.objectContaining({ pointer: '/eans/1', code: 'ean.duplicate' }),
    ]);
    const shape = await post(admin, { id: '86', name: ' ', eans: ['123'], extra: true });
    expect(shape.statusCode).toBe(400);
    const pointers = shape.json().errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/id', '/name', '/eans/0', '/extra']));
    const missing = await post(admin, { id: '860' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([expect.objectContaining({ pointer: '/name' })]);
    expect(
      await p.database.db.selectFrom('municipalities').select('id').where('id', '=', '860').execute(),
    ).toEqual([]);
  });

  it('409 on an existing id', async () => {
    const res = await post(admin, { id: '101', name: 'Again' });
    expect(res.statusCode).toBe(409);
    expect(res.json().title).toBe('Conflict');
  });

  it("401 anonymous, 403 for a municipality's admin and API keys", async () => {
    expect((await post(undefined, { id: '861', name: 'X' })).statusCode).toBe(401);
    expect((await post(a.cookies.admin, { id: '861', name: 'X' })).statusCode).toBe(403);
    const viaKey = await p.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities',
      headers: a.headers('adminKey'),
      payload: { id: '861', name: 'X' },
    });
    expect(viaKey.statusCode).toBe(403);
  });

  it('lists all for the platform administrator with Content-Range, sort, range and filter', async () => {
    const res = await p.app.inject({ url: '/api/v1/municipalities', headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    expect(res.json().map((m: { id: string }) => m.id)).toEqual(['101', '147', '810', '851']);
    expect(res.headers['content-range']).toBe('municipalities 0-3/4');
    const page = await p.app.inject({
      url: `/api/v1/municipalities?sort=${encodeURIComponent('["name","DESC"]')}&range=${encodeURIComponent('[0,1]')}`,
      headers: { cookie: admin },
    });
    expect(page.json().map((m: { name: string }) => m.name)).toEqual([
      'Københavns Kommune',
      'Frederiksberg Kommune',
    ]);
    expect(page.headers['content-range']).toBe('municipalities 0-1/4');
    const search = await p.app.inject({
      url: `/api/v1/municipalities?filter=${encodeURIComponent('{"q":"aalborg"}')}`,
      headers: { cookie: admin },
    });
    expect(search.json().map((m: { id: string }) => m.id)).toEqual(['851']);
    const many = await p.app.inject({
      url: `/api/v1/municipalities?filter=${encodeURIComponent('{"id":["147","851"]}')}`,
      headers: { cookie: admin },
    });
    expect(many.json().map((m: { id: string }) => m.id)).toEqual(['147', '851']);
    const badSort = await p.app.inject({
      url: `/api/v1/municipalities?sort=${encodeURIComponent('["eans","ASC"]')}`,
      headers: { cookie: admin },
    });
    expect(badSort.statusCode).toBe(400);
  });

  it("lists only their own for a municipality's users; 403 for an integration key", async () => {
    for (const role of ['admin', 'caseworker', 'auditor', 'adminKey'] as const) {
      const res = await p.app.inject({ url: '/api/v1/municipalities', headers: a.headers(role) });
      expect(res.statusCode, role).toBe(200);
      expect(res.json().map((m: { id: string }) => m.id)).toEqual(['101']);
      expect(res.headers['content-range']).toBe('municipalities 0-0/1');
      // Asking for another's by filter finds nothing.
      const other = await p.app.inject({
        url: `/api/v1/municipalities?filter=${encodeURIComponent('{"id":"147"}')}`,
        headers: a.headers(role),
      });
      expect(other.json()).toEqual([]);
    }
    expect(
      (await p.app.inject({ url: '/api/v1/municipalities', headers: a.headers('integration') })).statusCode,
    ).toBe(403);
  });

  it('GET /municipalities/:m: own 200, another 403, unknown 404 (platform administrator)', async () => {
    const own = await p.app.inject({ url: '/api/v1/municipalities/101', headers: a.headers('caseworker') });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ id: '101', name: 'Københavns Kommune', eans: ['5798000012349'] });
    expect(
      (await p.app.inject({ url: '/api/v1/municipalities/147', headers: a.headers('admin') })).statusCode,
    ).toBe(403);
    expect((await p.app.inject({ url: '/api/v1/municipalities/147' })).statusCode).toBe(401);
    expect(
      (await p.app.inject({ url: '/api/v1/municipalities/999', headers: { cookie: admin } })).statusCode,
    ).toBe(404);
    expect(
      (await p.app.inject({ url: '/api/v1/municipalities/147', headers: { cookie: admin } })).json().name,
    ).toBe('Frederiksberg Kommune');
    expect(
      (await p.app.inject({ url: '/api/v1/municipalities/abc', headers: { cookie: admin } })).statusCode,
    ).toBe(400);
  });

  it('PATCH /municipalities/:m changes name and EANs, audited with before/after; admin-only', async () => {
    const res = await p.app.inject({
      method: 'PATCH',
      url: '/api/v1/municipalities/147',
      headers: { cookie: admin },
      payload: { name: 'Frederiksberg', eans: ['5798000420434', '5790000000005'], comment: 'new EAN' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: '147',
      name: 'Frederiksberg',
      eans: ['5798000420434', '5790000000005'],
    });
    const ev = await p.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity', '=', 'municipality')
      .where('action', '=', 'update')
      .where('entity_id', '=', '147')
      .executeTakeFirstOrThrow();
    expect(ev).toMatchObject({
      municipality_id: '147',
      actor: 'user:admin',
      before: { name: 'Frederiksberg Kommune', eans: ['5798000012349'] },
      after: { name: 'Frederiksberg', eans: ['5798000420434', '5790000000005'] },
      comment: 'new EAN',
    });
    const bad = await p.app.inject({
      method: 'PATCH',
      url: '/api/v1/municipalities/147',
      headers: { cookie: admin },
      payload: { eans: ['5798000420430'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].pointer).toBe('/eans/0');
    const empty = await p.app.inject({
      method: 'PATCH',
      url: '/api/v1/municipalities/147',
      headers: { cookie: admin },
      payload: {},
    });
    expect(empty.statusCode).toBe(400);
    const missing = await p.app.inject({
      method: 'PATCH',
      url: '/api/v1/municipalities/998',
      headers: { cookie: admin },
      payload: { name: 'Nowhere' },
    });
    expect(missing.statusCode).toBe(404);
    const own = await p.app.inject({
      method: 'PATCH',
      url: '/api/v1/municipalities/147',
      headers: b.headers('admin'),
      payload: { name: 'Mine' },
    });
    expect(own.statusCode).toBe(403);
  });
});
