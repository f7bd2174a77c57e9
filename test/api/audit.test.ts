import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, testDatabases, type TestPlatform } from '../support/platform.js';
import { seedMunicipality, type SeededMunicipality } from '../support/seed.js';

interface Event {
  id: string;
  municipality: string | null;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  comment: string | null;
  createdAt: string;
}

const q = (o: Record<string, unknown>): string =>
  Object.entries(o)
    .map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`)
    .join('&');

describe.each(await testDatabases())('audit log on %s', (kind) => {
  let p: TestPlatform;
  let admin: string;
  let a: SeededMunicipality;
  let b: SeededMunicipality;
  let userId: string;
  let keyId: string;
  beforeAll(async () => {
    p = await createTestPlatform(kind);
    admin = await p.adminCookie();
    a = await seedMunicipality(p, '101');
    b = await seedMunicipality(p, '147');
    // Changes through the API, each audited.
    await p.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities',
      headers: { cookie: admin },
      payload: { id: '851', name: 'Aalborg Kommune', eans: ['5798000420434'] },
    });
    await p.app.inject({
      method: 'PATCH',
      url: '/api/v1/municipalities/101',
      headers: { cookie: admin },
      payload: { name: 'København', comment: 'kortere navn' },
    });
    userId = (
      await p.app.inject({
        method: 'POST',
        url: '/api/v1/municipalities/101/users',
        headers: a.headers('admin'),
        payload: { username: 'ny.bruger', password: 'ten chars!!', role: 'caseworker' },
      })
    ).json().id;
    await p.app.inject({
      method: 'DELETE',
      url: `/api/v1/municipalities/101/users/${userId}`,
      headers: a.headers('admin'),
    });
    keyId = (
      await p.app.inject({
        method: 'POST',
        url: '/api/v1/municipalities/101/api-keys',
        headers: a.headers('admin'),
        payload: { name: 'ERP', role: 'integration' },
      })
    ).json().id;
    await p.app.inject({
      method: 'DELETE',
      url: `/api/v1/municipalities/101/api-keys/${keyId}`,
      headers: a.headers('adminKey'),
    });
    await p.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities/147/users',
      headers: b.headers('admin'),
      payload: { username: 'anden.bruger', password: 'ten chars!!', role: 'auditor' },
    });
  });
  afterAll(async () => p?.close());

  const list = async (url: string, headers: Record<string, string>): Promise<Event[]> => {
    const res = await p.app.inject({ url, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Event[];
  };

  it("a municipality's log holds every change made to it, newest first, with actor, before/after and comment", async () => {
    const res = await p.app.inject({
      url: '/api/v1/municipalities/101/audit-events',
      headers: a.headers('auditor'),
    });
    expect(res.statusCode).toBe(200);
    const events = res.json() as Event[];
    expect(res.headers['content-range']).toMatch(/^audit-events 0-\d+\/\d+$/);
    const ids = events.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
    expect(events.every((e) => e.municipality === '101')).toBe(true);
    const summary = events
      .filter((e) => e.action !== 'login')
      .map((e) => `${e.entity}:${e.action}:${e.actor}`)
      .reverse();
    expect(summary).toEqual([
      'municipality:update:user:admin',
      'user:create:user:admin-101',
      'user:disable:user:admin-101',
      'api-key:create:user:admin-101',
      'api-key:revoke:api-key:admin-key-101',
    ]);
    const update = events.find((e) => e.entity === 'municipality')!;
    expect(update).toMatchObject({
      entityId: '101',
      before: { name: 'Kommune 101' },
      after: { name: 'København' },
      comment: 'kortere navn',
    });
    expect(new Date(update.createdAt).toISOString()).toBe(update.createdAt);
  });

  it('filters by entity, action, actor, entityId, from/to and q; ranges; sorts', async () => {
    const base = '/api/v1/municipalities/101/audit-events';
    const h = a.headers('admin');
    expect((await list(`${base}?${q({ filter: { entity: 'api-key' } })}`, h)).map((e) => e.action)).toEqual([
      'revoke',
      'create',
    ]);
    expect(
      (await list(`${base}?${q({ filter: { action: ['disable', 'revoke'] } })}`, h)).map((e) => e.entity),
    ).toEqual(['api-key', 'user']);
    expect(
      (await list(`${base}?${q({ filter: { actor: 'api-key:admin-key-101' } })}`, h)).map((e) => e.action),
    ).toEqual(['revoke']);
    expect((await list(`${base}?${q({ filter: { entityId: userId } })}`, h)).map((e) => e.action)).toEqual([
      'disable',
      'create',
    ]);
    expect((await list(`${base}?${q({ filter: { q: 'kortere' } })}`, h)).map((e) => e.entity)).toEqual([
      'municipality',
    ]);
    const all = await list(base, h);
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect(await list(`${base}?${q({ filter: { from: future } })}`, h)).toEqual([]);
    expect(await list(`${base}?${q({ filter: { to: '2000-01-01' } })}`, h)).toEqual([]);
    expect((await list(`${base}?${q({ filter: { from: '2000-01-01', to: future } })}`, h)).length).toBe(
      all.length,
    );
    const page = await p.app.inject({
      url: `${base}?${q({ range: [1, 2], sort: ['id', 'ASC'] })}`,
      headers: h,
    });
    expect(page.json().map((e: Event) => e.id)).toEqual(
      [...all]
        .reverse()
        .slice(1, 3)
        .map((e) => e.id),
    );
    expect(page.headers['content-range']).toBe(`audit-events 1-2/${all.length}`);
    const byTime = await list(`${base}?${q({ sort: ['createdAt', 'ASC'] })}`, h);
    expect(byTime.map((e) => e.id)).toEqual([...all].reverse().map((e) => e.id));
    for (const bad of [
      { filter: { from: 'yesterday' } },
      { filter: { before: 1 } },
      { filter: { actor: 5 } },
    ]) {
      const r = await p.app.inject({ url: `${base}?${q(bad)}`, headers: h });
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
    }
    const one = await p.app.inject({ url: `${base}/${all[0]!.id}`, headers: h });
    expect(one.json()).toEqual(all[0]);
  });

  it("never shows another municipality's events, by list, filter or id", async () => {
    const own = await list('/api/v1/municipalities/147/audit-events', b.headers('auditor'));
    expect(own.map((e) => e.municipality)).toEqual(own.map(() => '147'));
    expect(JSON.stringify(own)).not.toMatch(/ny\.bruger|København|"101"/);
    const aEvent = (await list('/api/v1/municipalities/101/audit-events', a.headers('admin')))[0]!;
    expect(
      (
        await p.app.inject({
          url: `/api/v1/municipalities/147/audit-events/${aEvent.id}`,
          headers: b.headers('admin'),
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await p.app.inject({
          url: `/api/v1/municipalities/101/audit-events/${aEvent.id}`,
          headers: b.headers('admin'),
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await p.app.inject({ url: `/api/v1/audit-events/${aEvent.id}`, headers: b.headers('admin') }))
        .statusCode,
    ).toBe(404);
    const filtered = await list(
      `/api/v1/municipalities/147/audit-events?${q({ filter: { municipality: '101' } })}`,
      b.headers('admin'),
    );
    expect(filtered).toEqual([]);
  });

  it('GET /audit-events: everything for the platform administrator, incl. platform events (municipality null)', async () => {
    const all = await list(`/api/v1/audit-events?${q({ range: [0, 999] })}`, { cookie: admin });
    const municipalities = new Set(all.map((e) => e.municipality));
    expect(municipalities).toEqual(new Set([null, '101', '147', '851']));
    // the platform administrator's bootstrap and logins are platform events
    expect(all.some((e) => e.municipality === null && e.entity === 'user' && e.entityId === 'admin')).toBe(
      true,
    );
    const platformOnly = await list(`/api/v1/audit-events?${q({ filter: { municipality: null } })}`, {
      cookie: admin,
    });
    expect(platformOnly.length).toBeGreaterThan(0);
    expect(platformOnly.every((e) => e.municipality === null)).toBe(true);
    const created = await list(`/api/v1/audit-events?${q({ filter: { municipality: '851' } })}`, {
      cookie: admin,
    });
    expect(created).toEqual([
      expect.objectContaining({
        entity: 'municipality',
        action: 'create',
        actor: 'user:admin',
        entityId: '851',
      }),
    ]);
    // and one municipality's log, any municipality
    expect((await list('/api/v1/municipalities/147/audit-events', { cookie: admin })).length).toBeGreaterThan(
      0,
    );
  });

  it("GET /audit-events for a municipality's admin or auditor: their own events only; 403 integration; 401 anonymous", async () => {
    for (const role of ['admin', 'auditor', 'adminKey'] as const) {
      const events = await list(`/api/v1/audit-events?${q({ range: [0, 999] })}`, a.headers(role));
      expect(events.length).toBeGreaterThan(0);
      expect(
        events.every((e) => e.municipality === '101'),
        role,
      ).toBe(true);
      expect(
        await list(`/api/v1/audit-events?${q({ filter: { municipality: null } })}`, a.headers(role)),
      ).toEqual([]);
      expect(
        await list(`/api/v1/audit-events?${q({ filter: { municipality: '147' } })}`, a.headers(role)),
      ).toEqual([]);
    }
    for (const role of ['caseworker', 'integration'] as const) {
      expect((await p.app.inject({ url: '/api/v1/audit-events', headers: a.headers(role) })).statusCode).toBe(
        403,
      );
      expect(
        (await p.app.inject({ url: '/api/v1/municipalities/101/audit-events', headers: a.headers(role) }))
          .statusCode,
      ).toBe(403);
    }
    expect((await p.app.inject({ url: '/api/v1/audit-events' })).statusCode).toBe(401);
    expect((await p.app.inject({ url: '/api/v1/municipalities/101/audit-events' })).statusCode).toBe(401);
  });

  it('the audit log is append-only in the database', async () => {
    await expect(p.database.db.deleteFrom('audit_events').execute()).rejects.toThrow(/append-only/);
    await expect(
      p.database.db.updateTable('audit_events').set({ actor: 'someone else' }).execute(),
    ).rejects.toThrow(/append-only/);
  });
});
