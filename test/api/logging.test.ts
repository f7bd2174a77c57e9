/**
 * CPR numbers and secrets never reach the application log (PRODUCT.md §1, §9): not from an
 * evaluate body (JSON or XML), not from a URL, not from an error — a validation error echoing a
 * value, an unhandled error whose message carries one, or a log call made by the app's code.
 * The captured log lines (p.logs) are the ones pino writes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, testDatabases, type TestPlatform } from '../support/platform.js';
import {
  seedMunicipality,
  seedPublishedVersion,
  USER_PASSWORD,
  type SeededMunicipality,
} from '../support/seed.js';
import { invoice, KP_EAN, municipalityRuleset } from '../support/fixtures.js';

const CPR = '0101501234';
const CPR2 = '2412847321';
/** Any rendering of the two numbers but the masked one (010150-****). */
const LEAK = /0101501234|010150[- ]1234|2412847321|241284[- ]7321/;

describe.each(await testDatabases())('logs on %s', (kind) => {
  let p: TestPlatform;
  let m: SeededMunicipality;
  beforeAll(async () => {
    p = await createTestPlatform(kind);
    m = await seedMunicipality(p, '101');
    await seedPublishedVersion(p, '101', municipalityRuleset());
  });
  afterAll(async () => p?.close());

  const logText = (): string => p.logs.join('');
  /** The log lines written since `from` (each test checks its own). */
  const since = (from: number): string => p.logs.slice(from).join('');

  it('captures log lines at all (the test is not vacuous)', async () => {
    await p.app.inject({ url: '/api/v1/municipalities/101', headers: m.headers('admin') });
    expect(logText()).toContain('/api/v1/municipalities/101');
    expect(logText()).toContain('request completed');
  });

  it('an evaluate body with CPR numbers (stored and dry run) leaves none in the log', async () => {
    const from = p.logs.length;
    const doc = invoice({
      id: 'LOG-1',
      cprNumbers: [CPR],
      buyer: { ean: KP_EAN, reference: `Patient ${CPR}` },
    });
    doc.lines[0]!.description = `Tandrensning for ${CPR2.slice(0, 6)}-${CPR2.slice(6)}`;
    const stored = await p.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities/101/evaluate',
      headers: m.headers('integration'),
      payload: doc as unknown as Record<string, unknown>,
    });
    expect(stored.statusCode, stored.body).toBeLessThan(300);
    const dry = await p.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities/101/evaluate?dryRun=true',
      headers: m.headers('admin'),
      payload: { ...doc, id: 'LOG-2' } as unknown as Record<string, unknown>,
    });
    expect(dry.statusCode, dry.body).toBe(200);
    // two CPR numbers: a samleregning, whose rejection explanation talks about them
    const two = await p.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities/101/evaluate',
      headers: m.headers('integration'),
      payload: { ...doc, id: 'LOG-3', cprNumbers: [CPR, CPR2] } as unknown as Record<string, unknown>,
    });
    expect(two.statusCode, two.body).toBeLessThan(300);
    expect(since(from)).toContain('/evaluate');
    expect(since(from)).not.toMatch(LEAK);
  });

  it('an invalid evaluate body echoing a CPR number (JSON and XML) leaves none in the log', async () => {
    const from = p.logs.length;
    const bad = await p.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities/101/evaluate',
      headers: m.headers('integration'),
      payload: { ...invoice({ id: 'LOG-4' }), currency: CPR, cprNumbers: [`${CPR}x`] } as unknown as Record<
        string,
        unknown
      >,
    });
    expect(bad.statusCode).toBe(400);
    const xml = await p.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities/101/evaluate',
      headers: { ...m.headers('integration'), 'content-type': 'application/xml' },
      payload: `<Invoice><Note>CPR ${CPR}</Note><cbc:ID>${CPR2}</Invoice`,
    });
    expect(xml.statusCode).toBeGreaterThanOrEqual(400);
    expect(xml.statusCode).toBeLessThan(500);
    expect(since(from)).not.toMatch(LEAK);
  });

  it('a CPR number in a URL (path and query) is masked in the log', async () => {
    const from = p.logs.length;
    await p.app.inject({
      url: `/api/v1/municipalities/101/documents/${CPR}`,
      headers: m.headers('caseworker'),
    });
    await p.app.inject({
      url: `/api/v1/municipalities/101/decisions?cpr=${CPR2}`,
      headers: m.headers('caseworker'),
    });
    await p.app.inject({ url: `/api/v1/no-such-route/${CPR}?cpr=${CPR2.slice(0, 6)}-${CPR2.slice(6)}` });
    const lines = since(from);
    expect(lines).toContain('010150-****'); // the URL was logged, masked
    expect(lines).toContain('241284-****');
    expect(lines).not.toMatch(LEAK);
  });

  // react-admin's filter={"q":"0101501234"} arrives percent-encoded; the URL is decoded before masking.
  it('a CPR number in a URL-encoded query (react-admin filter) is masked in the log', async () => {
    const from = p.logs.length;
    await p.app.inject({
      url: `/api/v1/municipalities/101/decisions?filter=${encodeURIComponent(JSON.stringify({ q: CPR }))}`,
      headers: m.headers('caseworker'),
    });
    expect(since(from)).toContain('/decisions');
    expect(since(from)).not.toMatch(LEAK);
  });

  it('a CPR number in an error, with its stack, and anywhere in a log call is masked', async () => {
    const from = p.logs.length;
    // Through the app's logger, as any feature would log: message, object fields, nested, an Error.
    p.app.log.error(
      {
        err: new Error(`failed for ${CPR}`),
        cpr: CPR,
        nested: { deeper: [`${CPR2.slice(0, 6)} ${CPR2.slice(6)}`] },
      },
      `could not process the document of ${CPR}`,
    );
    p.app.log.warn(`plain message with ${CPR2}`);
    p.app.log.info({ document: { cprNumbers: [CPR, CPR2] } }, 'document received');
    expect(since(from)).toContain('could not process the document of 010150-****');
    expect(since(from)).toContain('"message":"failed for 010150-****"');
    expect(since(from)).not.toMatch(LEAK);
  });

  it('secrets stay out: passwords, session cookies, API keys', async () => {
    const from = p.logs.length;
    const login = await p.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: m.users.admin, password: USER_PASSWORD },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const token = cookie.split('=')[1]!;
    await p.app.inject({ url: '/api/v1/auth/me', headers: { cookie } });
    const key = await p.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities/101/api-keys',
      headers: { cookie },
      payload: { name: 'log test', role: 'auditor' },
    });
    const apiKey = key.json().key as string;
    await p.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${apiKey}` } });
    await p.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities/101/users',
      headers: { cookie },
      payload: { username: 'log.user', password: 'very-secret-password-42', role: 'auditor' },
    });
    p.app.log.info(
      { user: { password: 'very-secret-password-42' }, auth: { key: apiKey, token } },
      'credentials in an object',
    );
    const text = since(from);
    for (const secret of [USER_PASSWORD, token, apiKey, 'very-secret-password-42']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
  });

  it('secrets logged as top-level fields are redacted too', async () => {
    const from = p.logs.length;
    p.app.log.info({ password: 'top-level-secret-password' }, 'a careless log call');
    expect(since(from)).toContain('a careless log call');
    expect(since(from)).not.toContain('top-level-secret-password');
  });
});

describe('an unhandled error carrying a CPR number', () => {
  it('is logged with its message and stack masked, and answered with a generic 500', async () => {
    const { startPlatform } = await import('../../server/src/platform.js');
    const { freshDatabase } = await import('../support/platform.js');
    const { loadConfig } = await import('../../server/src/config.js');
    const { Writable } = await import('node:stream');
    const logs: string[] = [];
    const database = await freshDatabase('pglite');
    const { app } = await startPlatform(
      loadConfig({ ADMIN_PASSWORD: 'platform-admin-password-1', SESSION_SECRET: 'x'.repeat(40) }),
      {
        database,
        logger: { level: 'info' },
        logStream: new Writable({
          write(chunk: Buffer, _enc, cb) {
            logs.push(chunk.toString());
            cb();
          },
        }),
      },
    );
    try {
      // A route that fails the way a bug would, registered before the app is ready (test only).
      app.get('/test/boom/:x', async (request) => {
        throw new Error(`lookup failed for ${(request.params as { x: string }).x} and ${CPR2}`);
      });
      await app.ready();
      const res = await app.inject(`/test/boom/${CPR}`);
      expect(res.statusCode).toBe(500);
      expect(res.json().detail).toBe('Something went wrong on our side; it has been logged.');
      const text = logs.join('');
      expect(text).toContain('unhandled error');
      expect(text).toContain('lookup failed for 010150-****');
      expect(text).not.toMatch(LEAK);
    } finally {
      await app.close();
      await database.close();
    }
  });
});
