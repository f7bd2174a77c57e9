/**
 * Two server instances on one PostgreSQL (PRODUCT.md §9): each started with startPlatform on the
 * same DATABASE_URL — its own pool and its own LISTEN connection, as two processes behind a load
 * balancer would be. A version published through instance 1's API is used by instance 2's next
 * evaluation: instance 2 had cached the municipality's version list (it decided with version 1
 * before), and only the NOTIFY that instance 1's publish sends makes it drop that cache.
 * PostgreSQL only: the embedded database belongs to one process.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.js';
import { openDatabase } from '../../server/src/db/database.js';
import { RULESET_CHANNEL } from '../../server/src/features/rulesets/ruleset-resolver.js';
import { startPlatform } from '../../server/src/platform.js';
import { invoice, KP_EAN, line } from '../support/fixtures.js';
import { cookieOf, testDatabases } from '../support/platform.js';

const kinds = await testDatabases();
const PG_ADMIN_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

describe.runIf(kinds.includes('postgres'))('two server instances on one PostgreSQL', () => {
  const name = `rv_instances_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  let one: FastifyInstance;
  let two: FastifyInstance;
  type Headers = Record<string, string>;
  const h = {} as { platform: Headers; adminA: Headers; adminB: Headers; erp: Headers };
  let dbUrl = '';

  const call = async (
    app: FastifyInstance,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    headers: Record<string, string>,
    payload?: unknown,
  ) => {
    const res = await app.inject({
      method,
      url: `/api/v1${url}`,
      headers,
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });
    return { status: res.statusCode, body: res.json() as Record<string, unknown> & { [k: string]: unknown } };
  };

  beforeAll(async () => {
    const admin = await openDatabase({ databaseUrl: PG_ADMIN_URL, poolSize: 1 });
    await sql`create database ${sql.id(name)}`.execute(admin.db);
    await admin.close();
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
    dbUrl = url.toString();
    const config = loadConfig({
      DATABASE_URL: url.toString(),
      ADMIN_PASSWORD: 'platform-admin-password-1',
      SESSION_SECRET: 's'.repeat(40),
      LOGIN_RATE_LIMIT: '1000',
    });
    // Two independent starts on the same database (migrations, templates and admin are idempotent).
    one = (await startPlatform(config, { logger: false })).app;
    two = (await startPlatform(config, { logger: false })).app;
    await Promise.all([one.ready(), two.ready()]);

    // Set up through instance 1: a municipality, two administrators (four eyes) and an ERP key.
    const login = async (app: FastifyInstance, username: string, password: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password },
      });
      expect(res.statusCode, res.body).toBe(200);
      return { cookie: cookieOf(res) };
    };
    h.platform = await login(one, 'admin', 'platform-admin-password-1');
    expect(
      (await call(one, 'POST', '/municipalities', h.platform, { id: '101', name: 'K', eans: [KP_EAN] }))
        .status,
    ).toBe(201);
    for (const u of ['admin-a', 'admin-b']) {
      const r = await call(one, 'POST', '/municipalities/101/users', h.platform, {
        username: u,
        password: 'instance-password-1',
        role: 'admin',
      });
      expect(r.status).toBe(201);
    }
    // sessions live in the database: a login on one instance works on the other
    h.adminA = await login(one, 'admin-a', 'instance-password-1');
    h.adminB = await login(two, 'admin-b', 'instance-password-1');
    const key = await call(two, 'POST', '/municipalities/101/api-keys', h.adminA, {
      name: 'ERP',
      role: 'integration',
    });
    expect(key.status).toBe(201);
    h.erp = { authorization: `Bearer ${String(key.body.key)}` };
  });

  afterAll(async () => {
    await one?.close();
    await two?.close();
    const admin = await openDatabase({ databaseUrl: PG_ADMIN_URL, poolSize: 1 });
    await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
    await admin.close();
  });

  /** Publishes through instance 1: draft → save → publish request → approval by the other admin. */
  async function publish(
    from: { template: string } | { version: number },
    change?: (doc: Record<string, unknown>) => void,
  ) {
    const draft = await call(one, 'POST', '/municipalities/101/ruleset/draft', h.adminA, {
      from,
      replace: true,
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    let revision = draft.body.revision as number;
    if (change) {
      const doc = structuredClone(draft.body.document) as Record<string, unknown>;
      change(doc);
      const saved = await call(one, 'PUT', '/municipalities/101/ruleset/draft', h.adminA, {
        revision,
        document: doc,
      });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      revision = saved.body.revision as number;
    }
    const published = await call(one, 'POST', '/municipalities/101/ruleset/draft/publish', h.adminA, {
      comment: 'published on instance 1',
      revision,
    });
    if (published.status === 201) return published.body.version as number;
    expect(published.status, JSON.stringify(published.body)).toBe(202);
    const id = (published.body.request as { id: string }).id;
    const approved = await call(
      one,
      'POST',
      `/municipalities/101/ruleset/publish-requests/${id}/approve`,
      h.adminB,
      {},
    );
    expect(approved.status, JSON.stringify(approved.body)).toBe(201);
    return approved.body.version as number;
  }

  const evaluate = (app: FastifyInstance, id: string, query = '') =>
    call(
      app,
      'POST',
      `/municipalities/101/evaluate${query}`,
      query ? h.adminA : h.erp,
      invoice({ id, buyer: { ean: KP_EAN } }),
    );

  it('instance 2 decides with the version instance 1 publishes next — LISTEN/NOTIFY drops its cache', async () => {
    expect(await publish({ template: 'kp-standard' })).toBe(1);
    // instance 2 decides (and caches 101's version list: version 1)
    const first = await evaluate(two, 'INST-1');
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.ruleset).toMatchObject({ version: 1 });
    expect(first.body.outcome).toBe('approved');

    // instance 1 publishes version 2: automatic processing off, so the same kind of invoice is manual
    const v2 = await publish({ version: 1 }, (doc) => {
      (doc.settings as Record<string, unknown>).automaticProcessing = false;
    });
    expect(v2).toBe(2);

    // instance 2 sees it as soon as the notification arrives (dry runs store nothing); without the
    // NOTIFY its cached list would never change.
    const deadline = Date.now() + 5000;
    let seen: number | undefined;
    while (Date.now() < deadline) {
      const dry = await evaluate(two, 'INST-PROBE', '?dryRun=true');
      expect(dry.status, JSON.stringify(dry.body)).toBe(200);
      seen = (dry.body.ruleset as { version: number }).version;
      if (seen === 2) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(seen).toBe(2);
    const next = await evaluate(two, 'INST-2');
    expect(next.status, JSON.stringify(next.body)).toBe(201);
    expect(next.body.ruleset).toMatchObject({ version: 2 });
    expect(next.body.outcome).toBe('manual');
    expect((next.body.reasons as { code: string }[]).map((r) => r.code)).toContain('AUTOMATIK_FRA');

    // and both instances agree on what is in force
    for (const app of [one, two]) {
      const rs = await call(app, 'GET', '/municipalities/101/ruleset', h.adminB);
      expect((rs.body.active as { version: number }).version).toBe(2);
    }
  });

  it('the control: a version written without NOTIFY stays unseen until the notification comes', async () => {
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
    const direct = await openDatabase({ databaseUrl: url.toString(), poolSize: 1 });
    try {
      const v2 = await direct.db
        .selectFrom('ruleset_versions')
        .selectAll()
        .where('municipality_id', '=', '101')
        .where('version', '=', 2)
        .executeTakeFirstOrThrow();
      await direct.db
        .insertInto('ruleset_versions')
        .values({
          ...v2,
          version: 3,
          document: JSON.stringify(v2.document),
          comment: "written behind the servers' backs",
          effective_from: new Date(),
          created_at: new Date(),
        })
        .execute();
      // cached: instance 2 keeps deciding with version 2
      await new Promise((r) => setTimeout(r, 300));
      expect(
        ((await evaluate(two, 'INST-PROBE', '?dryRun=true')).body.ruleset as { version: number }).version,
      ).toBe(2);
      await direct.notify(RULESET_CHANNEL, '101');
      const deadline = Date.now() + 5000;
      let seen = 2;
      while (seen !== 3 && Date.now() < deadline) {
        seen = ((await evaluate(two, 'INST-PROBE', '?dryRun=true')).body.ruleset as { version: number })
          .version;
        if (seen !== 3) await new Promise((r) => setTimeout(r, 20));
      }
      expect(seen).toBe(3);
    } finally {
      await direct.close();
    }
  });

  it('what one instance changes, the other enforces at once: a revoked key, a disabled user', async () => {
    const key = await call(one, 'POST', '/municipalities/101/api-keys', h.adminA, {
      name: 'temp',
      role: 'auditor',
    });
    const bearer = { authorization: `Bearer ${String(key.body.key)}` };
    expect((await call(two, 'GET', '/auth/me', bearer)).status).toBe(200);
    expect(
      (await call(one, 'GET', `/municipalities/101/api-keys/${String(key.body.id)}`, h.adminA)).status,
    ).toBe(200);
    const revoke = await one.inject({
      method: 'DELETE',
      url: `/api/v1/municipalities/101/api-keys/${String(key.body.id)}`,
      headers: h.adminA,
    });
    expect(revoke.statusCode).toBe(200);
    expect((await call(two, 'GET', '/auth/me', bearer)).status).toBe(401);

    const users = await call(two, 'GET', '/municipalities/101/users', h.platform);
    const b = (users.body as unknown as { id: string; username: string }[]).find(
      (u) => u.username === 'admin-b',
    )!;
    expect((await call(one, 'GET', '/auth/me', h.adminB)).status).toBe(200);
    const disable = await two.inject({
      method: 'DELETE',
      url: `/api/v1/municipalities/101/users/${b.id}`,
      headers: h.platform,
    });
    expect(disable.statusCode).toBe(200);
    expect((await call(one, 'GET', '/auth/me', h.adminB)).status).toBe(401);
  });

  it('a new key sent to both instances at once is claimed once: one decision, the rest its answer or DUBLET', async () => {
    // The writers claim a new key (an advisory lock) before looking it up and insert its ledger
    // row only with the decision, so two servers' group commits must not both find it free.
    const same = invoice({ id: 'INST-RACE-1', buyer: { ean: KP_EAN } });
    const sends = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(i % 2 ? one : two, 'POST', '/municipalities/101/evaluate', h.erp, same),
      ),
    );
    expect(sends.map((r) => r.status).sort()).toEqual([...Array(19).fill(200), 201]);
    expect(new Set(sends.map((r) => r.body.id)).size).toBe(1);

    const other = invoice({ id: 'INST-RACE-2', buyer: { ean: KP_EAN } });
    const changed = invoice({
      id: 'INST-RACE-2',
      buyer: { ean: KP_EAN },
      lines: [line('1', '1001', '99.00')],
    });
    const [a, b] = await Promise.all([
      call(one, 'POST', '/municipalities/101/evaluate', h.erp, other),
      call(two, 'POST', '/municipalities/101/evaluate', h.erp, changed),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const dup = [a, b].filter((r) => r.body.duplicate === true);
    expect(dup).toHaveLength(1);
    expect((dup[0]!.body.reasons as { code: string }[])[0]!.code).toBe('DUBLET');
    expect(a.body.documentId).toBe(b.body.documentId);

    const db = await openDatabase({ databaseUrl: dbUrl, poolSize: 1 });
    try {
      const rows = await db.db
        .selectFrom('documents')
        .select(['number', 'status', 'first_decision_id'])
        .where('number', 'in', ['INST-RACE-1', 'INST-RACE-2'])
        .orderBy('number')
        .execute();
      expect(rows.map((r) => r.number)).toEqual(['INST-RACE-1', 'INST-RACE-2']);
      expect(rows[0]!.first_decision_id).toBe(sends[0]!.body.id);
      const original = [a, b].find((r) => r.body.duplicate !== true)!;
      expect(rows[1]).toMatchObject({ status: original.body.outcome, first_decision_id: original.body.id });
      const decisions = await db.db
        .selectFrom('decisions')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where(sql<string>`document_key->>'id'`, 'in', ['INST-RACE-1', 'INST-RACE-2'])
        .executeTakeFirstOrThrow();
      expect(Number(decisions.n)).toBe(3);
    } finally {
      await db.close();
    }
  });
});
