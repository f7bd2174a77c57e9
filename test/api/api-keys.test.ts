import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, testDatabases, type TestPlatform } from '../support/platform.js';
import { seedMunicipality, type SeededMunicipality } from '../support/seed.js';

describe.each(await testDatabases())('API keys on %s', (kind) => {
  let p: TestPlatform;
  let a: SeededMunicipality;
  let b: SeededMunicipality;
  beforeAll(async () => {
    p = await createTestPlatform(kind);
    a = await seedMunicipality(p, '101');
    b = await seedMunicipality(p, '147');
  });
  afterAll(async () => p?.close());

  const create = (headers: Record<string, string>, payload: Record<string, unknown>, m = '101') =>
    p.app.inject({ method: 'POST', url: `/api/v1/municipalities/${m}/api-keys`, headers, payload });
  const me = (key: string) =>
    p.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${key}` } });

  it('creates a key: 201 with {key} once, stored hashed with a visible prefix, works as a Bearer key, audited', async () => {
    const res = await create(a.headers('admin'), {
      name: 'ERP Opus',
      role: 'integration',
      comment: 'go-live',
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'ERP Opus',
      role: 'integration',
      municipality: '101',
      prefix: expect.stringMatching(/^[A-Za-z0-9_-]{8}$/),
      createdBy: 'user:admin-101',
      createdAt: expect.any(String),
      revoked: false,
      revokedAt: null,
      key: expect.stringMatching(/^rvk_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{43}$/),
    });
    expect(body.key.startsWith(`rvk_${body.prefix}_`)).toBe(true);
    // stored hashed: the key appears nowhere in the database
    const row = await p.database.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(body.key);
    const auditRows = await p.database.db.selectFrom('audit_events').selectAll().execute();
    expect(JSON.stringify(auditRows)).not.toContain(body.key);
    expect(auditRows.find((e) => e.entity_id === body.id)).toMatchObject({
      municipality_id: '101',
      entity: 'api-key',
      action: 'create',
      actor: 'user:admin-101',
      after: { name: 'ERP Opus', role: 'integration', prefix: body.prefix, revoked: false },
      comment: 'go-live',
    });
    // it works
    const who = await me(body.key);
    expect(who.statusCode).toBe(200);
    expect(who.json()).toEqual({
      username: 'ERP Opus',
      role: 'integration',
      municipality: '101',
      kind: 'apiKey',
      permissions: ['decisions:read', 'documents:outcome', 'documents:read', 'evaluate'],
    });
  });

  it('the key is shown once: never in the list, the detail or anywhere after', async () => {
    const created = (await create(a.headers('admin'), { name: 'Shown once', role: 'auditor' })).json();
    const list = await p.app.inject({
      url: '/api/v1/municipalities/101/api-keys',
      headers: a.headers('admin'),
    });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(created.key);
    expect(list.body).not.toMatch(/"key"|key_hash/);
    const item = list.json().find((k: { id: string }) => k.id === created.id);
    expect(item).toMatchObject({ name: 'Shown once', prefix: created.prefix, revoked: false });
    expect(item).not.toHaveProperty('key');
    const one = await p.app.inject({
      url: `/api/v1/municipalities/101/api-keys/${created.id}`,
      headers: a.headers('admin'),
    });
    expect(one.statusCode).toBe(200);
    expect(one.json()).not.toHaveProperty('key');
    expect(one.body).not.toContain(created.key);
  });

  it('lists with Content-Range, filters (role, revoked, q) and only its own municipality', async () => {
    await create(b.headers('admin'), { name: 'Other ERP', role: 'integration' }, '147');
    const res = await p.app.inject({
      url: `/api/v1/municipalities/101/api-keys?filter=${encodeURIComponent('{"role":"integration"}')}&sort=${encodeURIComponent('["name","ASC"]')}`,
      headers: a.headers('admin'),
    });
    expect(res.json().map((k: { name: string }) => k.name)).toEqual(['ERP Opus', 'integration-key-101']);
    expect(res.headers['content-range']).toBe('api-keys 0-1/2');
    const q = await p.app.inject({
      url: `/api/v1/municipalities/101/api-keys?filter=${encodeURIComponent('{"q":"opus"}')}`,
      headers: a.headers('admin'),
    });
    expect(q.json()).toHaveLength(1);
    const all = await p.app.inject({
      url: '/api/v1/municipalities/101/api-keys',
      headers: a.headers('admin'),
    });
    expect(all.json().every((k: { municipality: string }) => k.municipality === '101')).toBe(true);
    expect(all.body).not.toContain('Other ERP');
  });

  it('400 for an unknown role (platform-admin), a blank name, extra fields; 409 for an active name', async () => {
    for (const role of ['platform-admin', 'superuser']) {
      const r = await create(a.headers('admin'), { name: 'x', role });
      expect(r.statusCode, role).toBe(400);
      expect(r.json().errors[0].pointer).toBe('/role');
    }
    expect((await create(a.headers('admin'), { name: '', role: 'integration' })).statusCode).toBe(400);
    expect((await create(a.headers('admin'), { name: ' padded ', role: 'integration' })).statusCode).toBe(
      400,
    );
    expect(
      (await create(a.headers('admin'), { name: 'k', role: 'integration', key: 'mine' })).statusCode,
    ).toBe(400);
    const dup = await create(a.headers('admin'), { name: 'ERP Opus', role: 'caseworker' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].pointer).toBe('/name');
    // the same name in another municipality is fine
    expect(
      (await create(b.headers('admin'), { name: 'ERP Opus', role: 'integration' }, '147')).statusCode,
    ).toBe(201);
  });

  it('403 for caseworker, auditor, integration key and the platform administrator; another municipality 403; 401 anonymous', async () => {
    for (const role of ['caseworker', 'auditor', 'integration'] as const) {
      expect((await create(a.headers(role), { name: 'n', role: 'integration' })).statusCode, role).toBe(403);
      expect(
        (await p.app.inject({ url: '/api/v1/municipalities/101/api-keys', headers: a.headers(role) }))
          .statusCode,
      ).toBe(403);
    }
    const pa = { cookie: await p.adminCookie() };
    expect((await create(pa, { name: 'n', role: 'integration' })).statusCode).toBe(403);
    expect((await create(b.headers('admin'), { name: 'n', role: 'integration' })).statusCode).toBe(403);
    expect((await create({}, { name: 'n', role: 'integration' })).statusCode).toBe(401);
    // an admin API key may manage keys (it holds the admin role)
    expect(
      (await create(a.headers('adminKey'), { name: 'from admin key', role: 'auditor' })).statusCode,
    ).toBe(201);
  });

  it('DELETE revokes: the key gets 401 at once, the row stays, idempotent, audited; the name can be reused', async () => {
    const created = (await create(a.headers('admin'), { name: 'Short-lived', role: 'caseworker' })).json();
    expect((await me(created.key)).statusCode).toBe(200);
    const del = await p.app.inject({
      method: 'DELETE',
      url: `/api/v1/municipalities/101/api-keys/${created.id}?comment=leaked`,
      headers: a.headers('admin'),
    });
    expect(del.statusCode).toBe(200);
    expect(del.json()).toMatchObject({ id: created.id, revoked: true, revokedAt: expect.any(String) });
    const after = await me(created.key);
    expect(after.statusCode).toBe(401);
    expect(after.json().detail).toMatch(/revoked/);
    expect(
      (
        await p.app.inject({
          url: '/api/v1/municipalities/101',
          headers: { authorization: `Bearer ${created.key}` },
        })
      ).statusCode,
    ).toBe(401);
    const again = await p.app.inject({
      method: 'DELETE',
      url: `/api/v1/municipalities/101/api-keys/${created.id}`,
      headers: a.headers('admin'),
    });
    expect(again.statusCode).toBe(200);
    const events = await p.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_id', '=', created.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['create', 'revoke']);
    expect(events[1]).toMatchObject({
      before: { revoked: false },
      after: { revoked: true },
      comment: 'leaked',
    });
    const revokedList = await p.app.inject({
      url: `/api/v1/municipalities/101/api-keys?filter=${encodeURIComponent('{"revoked":true}')}`,
      headers: a.headers('admin'),
    });
    expect(revokedList.json().map((k: { name: string }) => k.name)).toEqual(['Short-lived']);
    expect((await create(a.headers('admin'), { name: 'Short-lived', role: 'caseworker' })).statusCode).toBe(
      201,
    );
  });

  it("another municipality's key: 403 via its path, 404 via ours", async () => {
    const other = (
      await p.app.inject({ url: '/api/v1/municipalities/147/api-keys', headers: b.headers('admin') })
    ).json() as { id: string; name: string }[];
    const otherId = other.find((k) => k.name === 'integration-key-147')!.id;
    expect(
      (
        await p.app.inject({
          method: 'DELETE',
          url: `/api/v1/municipalities/147/api-keys/${otherId}`,
          headers: a.headers('admin'),
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await p.app.inject({
          method: 'DELETE',
          url: `/api/v1/municipalities/101/api-keys/${otherId}`,
          headers: a.headers('admin'),
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await p.app.inject({
          method: 'DELETE',
          url: '/api/v1/municipalities/101/api-keys/nope',
          headers: a.headers('admin'),
        })
      ).statusCode,
    ).toBe(404);
  });
});
