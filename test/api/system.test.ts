import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, testDatabases, ADMIN_PASSWORD, type TestPlatform } from '../support/platform.js';

describe.each(await testDatabases())('platform basics on %s', (kind) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await createTestPlatform(kind);
  });
  afterAll(async () => p?.close());

  it('answers /health, /ready and /metrics', async () => {
    expect((await p.app.inject('/health')).json()).toEqual({ status: 'ok' });
    expect((await p.app.inject('/ready')).json()).toEqual({ status: 'ready', database: kind });
    const m = await p.app.inject('/metrics');
    expect(m.statusCode).toBe(200);
    expect(m.body).toContain('regelvaerk_http_request_duration_seconds');
  });

  it('serves OpenAPI at /docs', async () => {
    const res = await p.app.inject('/docs/json');
    expect(res.statusCode).toBe(200);
    expect(res.json().paths).toHaveProperty('/api/v1/auth/login');
  });

  it('logs in with an httpOnly session cookie, knows who you are, logs out', async () => {
    const res = await p.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: ADMIN_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      username: 'admin',
      role: 'platform-admin',
      municipality: null,
      kind: 'user',
    });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/rv_session=/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(';')[0]!;
    expect((await p.app.inject({ url: '/api/v1/auth/me', headers: { cookie } })).json()).toMatchObject({
      username: 'admin',
    });
    expect(
      (await p.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } })).statusCode,
    ).toBe(204);
    const after = await p.app.inject({ url: '/api/v1/auth/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.headers['content-type']).toContain('application/problem+json');
    expect(after.json()).toMatchObject({ status: 401, title: 'Unauthorized' });
  });

  it('refuses a wrong password, an unknown user and a malformed body with problem+json', async () => {
    const wrong = await p.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'nope' },
    });
    expect(wrong.statusCode).toBe(401);
    const unknown = await p.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'nobody', password: 'nope' },
    });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().detail).toBe(wrong.json().detail);
    const bad = await p.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', pasword: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ pointer: '/password' }),
        expect.objectContaining({ pointer: '/pasword' }),
      ]),
    );
    const notJson = await p.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{nope',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().detail).toMatch(/not valid JSON/);
  });

  it('answers unknown routes and bad bearer keys with problem+json', async () => {
    const nf = await p.app.inject('/api/v1/nope');
    expect(nf.statusCode).toBe(404);
    expect(nf.json().title).toBe('Not Found');
    const bad = await p.app.inject({ url: '/api/v1/auth/me', headers: { authorization: 'Bearer rvk_nope' } });
    expect(bad.statusCode).toBe(401);
  });
});

describe('login rate limit', () => {
  it('answers 429 after too many attempts', async () => {
    const p = await createTestPlatform('pglite', { LOGIN_RATE_LIMIT: '3' });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        codes.push(
          (
            await p.app.inject({
              method: 'POST',
              url: '/api/v1/auth/login',
              payload: { username: 'admin', password: 'wrong' },
            })
          ).statusCode,
        );
      }
      expect(codes).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await p.close();
    }
  });
});

describe('the console at /', () => {
  it('serves the built console files, with index.html for client-side routes; the API stays problem+json', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(tmpdir(), 'regelvaerk-console-'));
    writeFileSync(
      path.join(dir, 'index.html'),
      '<!doctype html><title>Regelværk</title><div id="root"></div>',
    );
    writeFileSync(path.join(dir, 'app.js'), 'console.log("console")');
    const p = await createTestPlatform('pglite', { CONSOLE_DIR: dir });
    try {
      const root = await p.app.inject('/');
      expect(root.statusCode).toBe(200);
      expect(root.body).toContain('<div id="root">');
      expect((await p.app.inject('/app.js')).body).toContain('console.log');
      const deep = await p.app.inject('/municipalities/851/decisions');
      expect(deep.statusCode).toBe(200);
      expect(deep.headers['content-type']).toContain('text/html');
      const api = await p.app.inject('/api/v1/nope');
      expect(api.statusCode).toBe(404);
      expect(api.headers['content-type']).toContain('application/problem+json');
    } finally {
      await p.close();
    }
  });
});
