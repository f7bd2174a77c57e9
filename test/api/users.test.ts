import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, testDatabases, type TestPlatform } from '../support/platform.js';
import { seedMunicipality, USER_PASSWORD, type SeededMunicipality } from '../support/seed.js';

describe.each(await testDatabases())('municipality users on %s', (kind) => {
  let p: TestPlatform;
  let platformAdmin: string;
  let a: SeededMunicipality;
  let b: SeededMunicipality;
  beforeAll(async () => {
    p = await createTestPlatform(kind);
    platformAdmin = await p.adminCookie();
    a = await seedMunicipality(p, '101');
    b = await seedMunicipality(p, '147');
  });
  afterAll(async () => p?.close());

  const create = (headers: Record<string, string>, payload: Record<string, unknown>, m = '101') =>
    p.app.inject({ method: 'POST', url: `/api/v1/municipalities/${m}/users`, headers, payload });
  const patch = (headers: Record<string, string>, id: string, payload: Record<string, unknown>, m = '101') =>
    p.app.inject({ method: 'PATCH', url: `/api/v1/municipalities/${m}/users/${id}`, headers, payload });
  const login = (username: string, password: string) =>
    p.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

  it("the municipality's admin creates a user: 201, no hash, can log in, audited without the password", async () => {
    const res = await create(a.headers('admin'), {
      username: 'sagsbehandler.jensen',
      password: 'correct horse battery',
      role: 'caseworker',
      comment: 'new hire',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      username: 'sagsbehandler.jensen',
      role: 'caseworker',
      municipality: '101',
      disabled: false,
      createdAt: expect.any(String),
    });
    expect(res.body).not.toMatch(/argon2|correct horse/);
    expect(res.headers.location).toBe(`/api/v1/municipalities/101/users/${body.id}`);
    const me = await login('sagsbehandler.jensen', 'correct horse battery');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ role: 'caseworker', municipality: '101' });
    const ev = await p.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity', '=', 'user')
      .where('entity_id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(ev).toMatchObject({
      municipality_id: '101',
      actor: 'user:admin-101',
      action: 'create',
      after: { username: 'sagsbehandler.jensen', role: 'caseworker', disabled: false },
      comment: 'new hire',
    });
    expect(JSON.stringify(ev)).not.toMatch(/argon2|correct horse/);
  });

  it('the platform administrator and an admin API key may create users too', async () => {
    const r1 = await create(
      { cookie: platformAdmin },
      { username: 'revisor-147', password: 'x'.repeat(10), role: 'auditor' },
      '147',
    );
    expect(r1.statusCode).toBe(201);
    const r2 = await create(a.headers('adminKey'), {
      username: 'admin-via-key',
      password: 'y'.repeat(12),
      role: 'admin',
    });
    expect(r2.statusCode).toBe(201);
    const ev = await p.database.db
      .selectFrom('audit_events')
      .select('actor')
      .where('entity_id', '=', r2.json().id)
      .executeTakeFirstOrThrow();
    expect(ev.actor).toBe('api-key:admin-key-101');
  });

  it('400: short password, unknown role (platform-admin, integration), bad username, extra field', async () => {
    const short = await create(a.headers('admin'), {
      username: 'kort',
      password: '123456789',
      role: 'caseworker',
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors).toEqual([expect.objectContaining({ pointer: '/password' })]);
    for (const role of ['platform-admin', 'integration', 'root']) {
      const r = await create(a.headers('admin'), { username: 'x-role', password: 'long enough!', role });
      expect(r.statusCode, role).toBe(400);
      expect(r.json().errors).toEqual([expect.objectContaining({ pointer: '/role' })]);
    }
    const name = await create(a.headers('admin'), {
      username: 'Has Space',
      password: 'long enough!',
      role: 'auditor',
    });
    expect(name.statusCode).toBe(400);
    expect(name.json().errors[0].pointer).toBe('/username');
    const extra = await create(a.headers('admin'), {
      username: 'extra',
      password: 'long enough!',
      role: 'auditor',
      municipality: '147',
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().errors[0].pointer).toBe('/municipality');
  });

  it('409 on a taken username, also one taken in another municipality or by the platform admin', async () => {
    for (const username of ['sagsbehandler.jensen', 'caseworker-147', 'admin']) {
      const r = await create(a.headers('admin'), { username, password: 'long enough!', role: 'auditor' });
      expect(r.statusCode, username).toBe(409);
      expect(r.json().errors[0].pointer).toBe('/username');
    }
  });

  it('403: caseworker, auditor, integration key; another municipality; 401 anonymous', async () => {
    const body = { username: 'nope-user', password: 'long enough!', role: 'auditor' };
    for (const role of ['caseworker', 'auditor', 'integration'] as const) {
      expect((await create(a.headers(role), body)).statusCode, role).toBe(403);
      expect(
        (await p.app.inject({ url: '/api/v1/municipalities/101/users', headers: a.headers(role) }))
          .statusCode,
      ).toBe(403);
    }
    expect((await create(b.headers('admin'), body)).statusCode).toBe(403);
    expect((await create({}, body)).statusCode).toBe(401);
    // 404 for the platform administrator on a municipality that does not exist
    expect((await create({ cookie: platformAdmin }, body, '999')).statusCode).toBe(404);
  });

  it("lists the municipality's users (no hashes), with filters, sort and Content-Range", async () => {
    const res = await p.app.inject({ url: '/api/v1/municipalities/101/users', headers: a.headers('admin') });
    expect(res.statusCode).toBe(200);
    const names = res.json().map((u: { username: string }) => u.username);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(
      expect.arrayContaining([
        'admin-101',
        'admin2-101',
        'caseworker-101',
        'auditor-101',
        'sagsbehandler.jensen',
      ]),
    );
    expect(names).not.toContain('caseworker-147');
    expect(res.body).not.toMatch(/argon2|password/);
    expect(res.headers['content-range']).toBe(`users 0-${names.length - 1}/${names.length}`);
    const cw = await p.app.inject({
      url: `/api/v1/municipalities/101/users?filter=${encodeURIComponent('{"role":"caseworker"}')}&sort=${encodeURIComponent('["username","DESC"]')}`,
      headers: a.headers('admin'),
    });
    expect(cw.json().map((u: { username: string }) => u.username)).toEqual([
      'sagsbehandler.jensen',
      'caseworker-101',
    ]);
    const q = await p.app.inject({
      url: `/api/v1/municipalities/101/users?filter=${encodeURIComponent('{"q":"jens"}')}`,
      headers: a.headers('admin'),
    });
    expect(q.json()).toHaveLength(1);
    const badFilter = await p.app.inject({
      url: `/api/v1/municipalities/101/users?filter=${encodeURIComponent('{"password_hash":"x"}')}`,
      headers: a.headers('admin'),
    });
    expect(badFilter.statusCode).toBe(400);
  });

  it("GET one: 200 in its municipality, 404 through another municipality's path", async () => {
    const list = (
      await p.app.inject({ url: '/api/v1/municipalities/147/users', headers: b.headers('admin') })
    ).json() as { id: string; username: string }[];
    const id = list.find((u) => u.username === 'caseworker-147')!.id;
    const one = await p.app.inject({
      url: `/api/v1/municipalities/147/users/${id}`,
      headers: b.headers('admin'),
    });
    expect(one.statusCode).toBe(200);
    expect(one.json().username).toBe('caseworker-147');
    // the platform administrator can read any municipality, but only through the right path
    expect(
      (
        await p.app.inject({
          url: `/api/v1/municipalities/101/users/${id}`,
          headers: { cookie: platformAdmin },
        })
      ).statusCode,
    ).toBe(404);
    // a municipality's admin never reaches another's user, whichever path
    expect(
      (await p.app.inject({ url: `/api/v1/municipalities/101/users/${id}`, headers: a.headers('admin') }))
        .statusCode,
    ).toBe(404);
    expect((await patch(a.headers('admin'), id, { disabled: true })).statusCode).toBe(404);
    expect((await patch(a.headers('admin'), id, { disabled: true }, '147')).statusCode).toBe(403);
    expect((await patch(a.headers('admin'), 'not-a-uuid', { disabled: true })).statusCode).toBe(404);
  });

  it("PATCH changes the role (effective at once) and resets the password (ends the user's sessions)", async () => {
    const created = (
      await create(a.headers('admin'), {
        username: 'rolle.skift',
        password: 'first password',
        role: 'caseworker',
      })
    ).json();
    const cookie = String((await login('rolle.skift', 'first password')).headers['set-cookie']).split(
      ';',
    )[0]!;
    const promoted = await patch(a.headers('admin'), created.id, { role: 'auditor' });
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json()).toMatchObject({ role: 'auditor', disabled: false });
    expect((await p.app.inject({ url: '/api/v1/auth/me', headers: { cookie } })).json().role).toBe('auditor');

    const reset = await patch(a.headers('admin'), created.id, {
      password: 'second password',
      comment: 'forgot it',
    });
    expect(reset.statusCode).toBe(200);
    expect(reset.body).not.toMatch(/second password|argon2/);
    expect((await p.app.inject({ url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await login('rolle.skift', 'first password')).statusCode).toBe(401);
    expect((await login('rolle.skift', 'second password')).statusCode).toBe(200);
    const events = await p.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_id', '=', created.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['create', 'update', 'update']);
    expect(events[1]).toMatchObject({ before: { role: 'caseworker' }, after: { role: 'auditor' } });
    expect(events[2]).toMatchObject({
      after: { passwordReset: true, sessionsEnded: 1 },
      comment: 'forgot it',
    });
    expect(JSON.stringify(events)).not.toMatch(/second password|argon2/);

    expect((await patch(a.headers('admin'), created.id, {})).statusCode).toBe(400);
    expect((await patch(a.headers('admin'), created.id, { password: 'short' })).statusCode).toBe(400);
    expect((await patch(a.headers('admin'), created.id, { role: 'integration' })).statusCode).toBe(400);
    expect((await patch(a.headers('admin'), created.id, { username: 'renamed' })).statusCode).toBe(400);
  });

  it('a user changing their own password keeps their own session; cannot disable or demote themselves', async () => {
    const created = (
      await create(a.headers('admin'), { username: 'selv.admin', password: 'own password 1', role: 'admin' })
    ).json();
    const cookie = String((await login('selv.admin', 'own password 1')).headers['set-cookie']).split(';')[0]!;
    const other = String((await login('selv.admin', 'own password 1')).headers['set-cookie']).split(';')[0]!;
    const own = await patch({ cookie }, created.id, { password: 'own password 2' });
    expect(own.statusCode).toBe(200);
    expect((await p.app.inject({ url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(200);
    expect((await p.app.inject({ url: '/api/v1/auth/me', headers: { cookie: other } })).statusCode).toBe(401);
    expect((await patch({ cookie }, created.id, { disabled: true })).statusCode).toBe(409);
    expect((await patch({ cookie }, created.id, { role: 'caseworker' })).statusCode).toBe(409);
    expect(
      (
        await p.app.inject({
          method: 'DELETE',
          url: `/api/v1/municipalities/101/users/${created.id}`,
          headers: { cookie },
        })
      ).statusCode,
    ).toBe(409);
  });

  it('DELETE disables (row kept, sessions ended → 401, login refused), idempotent, audited; PATCH re-enables', async () => {
    const created = (
      await create(a.headers('admin'), {
        username: 'fratraadt',
        password: 'leaving soon',
        role: 'caseworker',
      })
    ).json();
    const cookie = String((await login('fratraadt', 'leaving soon')).headers['set-cookie']).split(';')[0]!;
    expect((await p.app.inject({ url: '/api/v1/municipalities/101', headers: { cookie } })).statusCode).toBe(
      200,
    );
    const del = await p.app.inject({
      method: 'DELETE',
      url: `/api/v1/municipalities/101/users/${created.id}?comment=${encodeURIComponent('left the team')}`,
      headers: a.headers('admin'),
    });
    expect(del.statusCode).toBe(200);
    expect(del.json()).toMatchObject({ id: created.id, disabled: true });
    // the session is gone, and the user can no longer log in
    const after = await p.app.inject({ url: '/api/v1/municipalities/101', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(
      await p.database.db
        .selectFrom('sessions')
        .select('user_id')
        .where('user_id', '=', created.id)
        .execute(),
    ).toEqual([]);
    expect((await login('fratraadt', 'leaving soon')).statusCode).toBe(401);
    // the row stays
    const row = await p.database.db
      .selectFrom('users')
      .select(['username', 'disabled'])
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ username: 'fratraadt', disabled: true });
    const again = await p.app.inject({
      method: 'DELETE',
      url: `/api/v1/municipalities/101/users/${created.id}`,
      headers: a.headers('admin'),
    });
    expect(again.statusCode).toBe(200);
    const list = await p.app.inject({
      url: `/api/v1/municipalities/101/users?filter=${encodeURIComponent('{"disabled":true}')}`,
      headers: a.headers('admin'),
    });
    expect(list.json().map((u: { username: string }) => u.username)).toEqual(['fratraadt']);
    // the username stays taken
    expect(
      (await create(a.headers('admin'), { username: 'fratraadt', password: 'another one!', role: 'auditor' }))
        .statusCode,
    ).toBe(409);
    const enabled = await patch(a.headers('admin'), created.id, { disabled: false });
    expect(enabled.json().disabled).toBe(false);
    expect((await login('fratraadt', 'leaving soon')).statusCode).toBe(200);
    const events = await p.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_id', '=', created.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['create', 'disable', 'enable']);
    expect(events[1]).toMatchObject({
      before: { disabled: false },
      after: { disabled: true, sessionsEnded: 1 },
      comment: 'left the team',
    });
    expect(
      (
        await p.app.inject({
          method: 'DELETE',
          url: '/api/v1/municipalities/101/users/00000000-0000-4000-8000-000000000000',
          headers: a.headers('admin'),
        })
      ).statusCode,
    ).toBe(404);
  });

  it('a disabled seeded user is refused with 401 at once (session and login)', async () => {
    const list = (
      await p.app.inject({ url: '/api/v1/municipalities/147/users', headers: b.headers('admin') })
    ).json() as { id: string; username: string }[];
    const auditor = list.find((u) => u.username === 'auditor-147')!;
    expect(
      (await p.app.inject({ url: '/api/v1/municipalities/147', headers: b.headers('auditor') })).statusCode,
    ).toBe(200);
    const res = await patch({ cookie: platformAdmin }, auditor.id, { disabled: true }, '147');
    expect(res.statusCode).toBe(200);
    expect(
      (await p.app.inject({ url: '/api/v1/municipalities/147', headers: b.headers('auditor') })).statusCode,
    ).toBe(401);
    expect((await login('auditor-147', USER_PASSWORD)).statusCode).toBe(401);
  });
});
