/**
 * What the console reads to build its menu and its condition builder: `GET /auth/me` names the
 * role's permissions (from ROLE_PERMISSIONS), `GET /facts` the fact catalogue and the operators
 * (from the engine's own tables — the console keeps no copy).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACT_CATALOGUE } from '../../server/src/engine/fact-catalogue.js';
import { DECORATOR_NAMES, OPERATOR_NAMES } from '../../server/src/engine/operators.js';
import { ROLE_PERMISSIONS } from '../../server/src/features/auth/permissions.js';
import { createTestPlatform, testDatabases, type TestPlatform } from '../support/platform.js';
import { seedMunicipality, type SeededMunicipality } from '../support/seed.js';

describe.each(await testDatabases())('me and the fact catalogue on %s', (kind) => {
  let p: TestPlatform;
  let a: SeededMunicipality;
  beforeAll(async () => {
    p = await createTestPlatform(kind);
    a = await seedMunicipality(p, '101');
  });
  afterAll(async () => p?.close());

  it("GET /auth/me reports the role's permissions, sorted, besides username, role and municipality", async () => {
    for (const role of ['admin', 'caseworker', 'auditor'] as const) {
      const res = await p.app.inject({ url: '/api/v1/auth/me', headers: a.headers(role) });
      expect(res.statusCode).toBe(200);
      const me = res.json();
      expect(me).toMatchObject({ role, municipality: '101' });
      expect(typeof me.username).toBe('string');
      expect(me.permissions).toEqual([...ROLE_PERMISSIONS[role]].sort());
    }
    const admin = await p.app.inject({ url: '/api/v1/auth/me', headers: { cookie: await p.adminCookie() } });
    expect(admin.json()).toMatchObject({ username: 'admin', role: 'platform-admin', municipality: null });
    expect(admin.json().permissions).toContain('municipalities:manage');
    expect(admin.json().permissions).not.toContain('apikeys:manage');
  });

  it('GET /facts answers every fact of the catalogue and every operator and decorator, with labels', async () => {
    const res = await p.app.inject({ url: '/api/v1/facts', headers: a.headers('caseworker') });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.facts.map((f: { name: string }) => f.name)).toEqual(FACT_CATALOGUE.map((f) => f.name));
    const documentType = body.facts.find((f: { name: string }) => f.name === 'documentType');
    expect(documentType).toEqual({
      name: 'documentType',
      type: 'string',
      source: 'document',
      description: {
        da: expect.stringContaining('Dokumenttype'),
        en: expect.stringContaining('Document type'),
      },
      values: ['invoice', 'creditNote', 'reminder'],
    });
    expect(body.operators.map((o: { name: string }) => o.name)).toEqual(OPERATOR_NAMES);
    expect(body.decorators.map((d: { name: string }) => d.name)).toEqual(DECORATOR_NAMES);
    const money = body.operators.find((o: { name: string }) => o.name === 'moneyGreaterThan');
    expect(money).toEqual({
      name: 'moneyGreaterThan',
      factTypes: ['money', 'money?'],
      value: 'money',
      label: { da: 'beløb er større end', en: 'amount is greater than' },
    });
    for (const o of body.operators) {
      expect(o.label.da.length, o.name).toBeGreaterThan(0);
      expect(o.factTypes.length, o.name).toBeGreaterThan(0);
    }
  });

  it('GET /facts needs a role that reads rules: not an integration key, not anonymous', async () => {
    expect((await p.app.inject({ url: '/api/v1/facts' })).statusCode).toBe(401);
    const platformAdmin = await p.app.inject({
      url: '/api/v1/facts',
      headers: { cookie: await p.adminCookie() },
    });
    expect(platformAdmin.statusCode).toBe(200);
    const integration = await p.app.inject({ url: '/api/v1/facts', headers: a.headers('integration') });
    expect(integration.statusCode).toBe(403);
  });
});
