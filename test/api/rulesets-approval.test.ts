import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKey, sha256 } from '../../server/src/features/auth/credentials.js';
import { saveDraftIfRevision } from '../../server/src/features/rulesets/ruleset-repository.js';
import { municipalityRuleset } from '../support/fixtures.js';
import { createTestPlatform, testDatabases, type TestPlatform } from '../support/platform.js';
import { seedMunicipality, seedPublishedVersion, type SeededMunicipality } from '../support/seed.js';

type Who = 'admin' | 'admin2' | 'caseworker' | 'auditor' | 'integration' | 'adminKey';

describe.each(await testDatabases())('publishing with four-eyes approval on %s', (kind) => {
  let p: TestPlatform;
  const ms: Record<string, SeededMunicipality> = {};
  beforeAll(async () => {
    p = await createTestPlatform(kind);
    for (const id of ['461', '462', '463', '464', '465']) ms[id] = await seedMunicipality(p, id);
  });
  afterAll(async () => p?.close());

  const call = (
    m: string,
    who: Who | Record<string, string>,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    payload?: unknown,
  ) =>
    p.app.inject({
      method,
      url: `/api/v1/municipalities/${m}/ruleset${path}`,
      headers: typeof who === 'string' ? ms[m]!.headers(who) : who,
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });

  /** A draft from version 1 with `edit` applied, saved; returns its revision. */
  async function draftWith(m: string, edit: (doc: Record<string, unknown>) => void): Promise<number> {
    const existing = await call(m, 'admin', 'GET', '/draft');
    const d =
      existing.statusCode === 200
        ? existing.json()
        : (await call(m, 'admin', 'POST', '/draft', { from: { version: 1 } })).json();
    edit(d.document);
    const saved = await call(m, 'admin', 'PUT', '/draft', { revision: d.revision, document: d.document });
    expect(saved.statusCode).toBe(200);
    return saved.json().revision;
  }

  it('the setting in force counts: a draft turning approval off still needs approval; the author cannot approve', async () => {
    const m = '461';
    await seedPublishedVersion(p, m, municipalityRuleset()); // requireApproval: true
    expect((await call(m, 'admin', 'GET', '')).json().requireApproval).toBe(true);
    const revision = await draftWith(m, (doc) => {
      (doc.governance as { requireApproval: boolean }).requireApproval = false;
    });
    const res = await call(m, 'admin', 'POST', '/draft/publish', { comment: 'Slå godkendelse fra' });
    expect(res.statusCode).toBe(202);
    const request = res.json().request;
    expect(request).toMatchObject({
      status: 'pending',
      draftRevision: revision,
      requestedBy: 'user:admin-461',
      comment: 'Slå godkendelse fra',
      effectiveFrom: null,
    });
    const overview = (await call(m, 'caseworker', 'GET', '')).json();
    expect(overview.pendingRequest).toMatchObject({ id: request.id, status: 'pending' });
    expect(overview.versions).toHaveLength(1);

    const twice = await call(m, 'admin2', 'POST', '/draft/publish', { comment: 'igen' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().request).toBe(request.id);

    const own = await call(m, 'admin', 'POST', `/publish-requests/${request.id}/approve`, {});
    expect(own.statusCode).toBe(403);
    expect(own.json().detail).toMatch(/four-eyes/);
    for (const who of ['caseworker', 'auditor', 'integration'] as const)
      expect((await call(m, who, 'POST', `/publish-requests/${request.id}/approve`, {})).statusCode).toBe(
        403,
      );
    const foreign = await call(
      m,
      ms['462']!.headers('admin'),
      'POST',
      `/publish-requests/${request.id}/approve`,
      {},
    );
    expect(foreign.statusCode).toBe(403);

    const approved = await call(m, 'admin2', 'POST', `/publish-requests/${request.id}/approve`, {
      comment: 'OK',
    });
    expect(approved.statusCode).toBe(201);
    expect(approved.json()).toMatchObject({
      version: 2,
      publishedBy: 'user:admin-461',
      approvedBy: 'user:admin2-461',
      comment: 'Slå godkendelse fra',
      request: { id: request.id, status: 'approved', version: 2, decidedBy: 'user:admin2-461' },
    });
    expect((await call(m, 'admin', 'GET', '/draft')).statusCode).toBe(404);
    const again = await call(m, 'admin2', 'POST', `/publish-requests/${request.id}/approve`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().status).toBe(409);

    // version 2 no longer requires approval: the next publish is direct
    expect((await call(m, 'admin', 'GET', '')).json()).toMatchObject({
      requireApproval: false,
      active: { version: 2 },
    });
    await call(m, 'admin', 'POST', '/draft', { from: { version: 2 } });
    expect((await call(m, 'admin', 'POST', '/draft/publish', { comment: 'direkte' })).statusCode).toBe(201);

    const events = await p.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('municipality_id', '=', m)
      .where('entity', 'in', ['publish_request', 'ruleset_version'])
      .orderBy('id')
      .execute();
    expect(events.map((e) => `${e.entity}:${e.action}`)).toEqual([
      'publish_request:request',
      'ruleset_version:publish',
      'publish_request:approve',
      'ruleset_version:publish',
    ]);
    expect(events[0]).toMatchObject({ actor: 'user:admin-461', after: { status: 'pending' } });
    expect(events[1]).toMatchObject({
      actor: 'user:admin2-461',
      after: {
        version: 2,
        publishedBy: 'user:admin-461',
        approvedBy: 'user:admin2-461',
        request: request.id,
      },
    });
    expect(events[2]).toMatchObject({
      before: { status: 'pending' },
      after: { status: 'approved', version: 2 },
      comment: 'OK',
    });
  });

  it('editing or discarding the draft voids a pending request; a void request cannot be approved', async () => {
    const m = '462';
    await seedPublishedVersion(p, m, municipalityRuleset());
    await draftWith(m, (doc) => (doc.name = 'Ny version'));
    const first = (await call(m, 'admin', 'POST', '/draft/publish', { comment: 'v2' })).json().request;
    const d = (await call(m, 'admin', 'GET', '/draft')).json();
    d.document.name = 'Rettet';
    const saved = await call(m, 'admin2', 'PUT', '/draft', { revision: d.revision, document: d.document });
    expect(saved.json().voidedRequests).toEqual([first.id]);
    const voided = (await call(m, 'auditor', 'GET', `/publish-requests/${first.id}`)).json();
    expect(voided).toMatchObject({ status: 'void', decidedBy: 'user:admin2-462' });
    expect(voided.document.name).toBe('Ny version');
    const late = await call(m, 'admin2', 'POST', `/publish-requests/${first.id}/approve`, {});
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toMatch(/void/);
    expect((await call(m, 'admin', 'GET', '')).json()).not.toHaveProperty('pendingRequest');

    const second = (await call(m, 'admin2', 'POST', '/draft/publish', { comment: 'v2 rettet' })).json()
      .request;
    expect(second.status).toBe('pending');
    expect((await call(m, 'admin2', 'DELETE', '/draft')).statusCode).toBe(204);
    expect((await call(m, 'admin', 'GET', `/publish-requests/${second.id}`)).json().status).toBe('void');
    expect((await call(m, 'admin', 'POST', `/publish-requests/${second.id}/approve`, {})).statusCode).toBe(
      409,
    );

    const voids = await p.database.db
      .selectFrom('audit_events')
      .select(['entity_id', 'before', 'after'])
      .where('municipality_id', '=', m)
      .where('action', '=', 'void')
      .execute();
    expect(voids.map((v) => v.entity_id).sort()).toEqual([first.id, second.id].sort());
  });

  it('reject with a comment: the request is rejected, the draft stays; deciding it again is a 409', async () => {
    const m = '463';
    await seedPublishedVersion(p, m, municipalityRuleset());
    await draftWith(m, (doc) => (doc.name = 'Forslag'));
    const r = (
      await call(m, 'admin', 'POST', '/draft/publish', {
        comment: 'forslag',
        effectiveFrom: new Date(Date.now() + 86400_000).toISOString(),
      })
    ).json().request;
    expect(r.effectiveFrom).not.toBeNull();
    expect((await call(m, 'admin2', 'POST', `/publish-requests/${r.id}/reject`, {})).statusCode).toBe(400);
    const rejected = await call(m, 'admin2', 'POST', `/publish-requests/${r.id}/reject`, {
      comment: 'Beløbsgrænsen er for høj',
    });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({
      status: 'rejected',
      decidedBy: 'user:admin2-463',
      decisionComment: 'Beløbsgrænsen er for høj',
      version: null,
    });
    expect((await call(m, 'admin', 'GET', '/draft')).statusCode).toBe(200);
    expect(
      (await call(m, 'admin2', 'POST', `/publish-requests/${r.id}/reject`, { comment: 'x' })).statusCode,
    ).toBe(409);
    expect((await call(m, 'admin2', 'POST', `/publish-requests/${r.id}/approve`, {})).statusCode).toBe(409);
    expect(
      (await call(m, 'admin2', 'POST', `/publish-requests/${randomUUID()}/approve`, {})).statusCode,
    ).toBe(404);
    expect((await call(m, 'admin2', 'POST', '/publish-requests/not-a-uuid/approve', {})).statusCode).toBe(
      400,
    );

    // the author may withdraw their own request
    const mine = (await call(m, 'admin', 'POST', '/draft/publish', { comment: 'nyt forsøg' })).json().request;
    const withdrawn = await call(m, 'admin', 'POST', `/publish-requests/${mine.id}/reject`, {
      comment: 'trækker tilbage',
    });
    expect(withdrawn.json().status).toBe('rejected');

    const list = await call(m, 'auditor', 'GET', '/publish-requests?sort=["createdAt","ASC"]');
    expect(list.headers['content-range']).toBe('publish-requests 0-1/2');
    expect(list.json().map((x: { id: string }) => x.id)).toEqual([r.id, mine.id]);
    const filtered = await call(
      m,
      'auditor',
      'GET',
      `/publish-requests?filter=${encodeURIComponent('{"status":["pending","approved"]}')}`,
    );
    expect(filtered.json()).toEqual([]);
    expect(
      (await call(m, 'auditor', 'GET', `/publish-requests?filter=${encodeURIComponent('{"status":"nope"}')}`))
        .statusCode,
    ).toBe(400);
    const actions = await p.database.db
      .selectFrom('audit_events')
      .select(['action', 'comment'])
      .where('municipality_id', '=', m)
      .where('entity', '=', 'publish_request')
      .where('action', 'in', ['reject', 'withdraw'])
      .orderBy('id')
      .execute();
    expect(actions).toEqual([
      { action: 'reject', comment: 'Beløbsgrænsen er for høj' },
      { action: 'withdraw', comment: 'trækker tilbage' },
    ]);
  });

  it('before anything is published the draft’s own setting counts; an API key its author created cannot approve', async () => {
    const m = '464';
    const created = await call(m, 'admin', 'POST', '/draft', { from: { template: 'kp-standard' } });
    expect(created.statusCode).toBe(201);
    expect(created.json().document.governance.requireApproval).toBe(true);
    expect((await call(m, 'admin', 'GET', '')).json().requireApproval).toBe(true);
    const r = (await call(m, 'admin', 'POST', '/draft/publish', { comment: 'første version' })).json()
      .request;
    expect(r.status).toBe('pending');

    const { key, prefix } = newApiKey();
    await p.database.db
      .insertInto('api_keys')
      .values({
        id: randomUUID(),
        municipality_id: m,
        name: 'admin-own-key',
        role: 'admin',
        prefix,
        key_hash: sha256(key),
        created_by: 'user:admin-464',
      })
      .execute();
    const viaKey = await call(
      m,
      { authorization: `Bearer ${key}` },
      'POST',
      `/publish-requests/${r.id}/approve`,
      {},
    );
    expect(viaKey.statusCode).toBe(403);
    expect(viaKey.json().detail).toMatch(/created by the requester/);
    const byOtherKey = await call(m, 'adminKey', 'POST', `/publish-requests/${r.id}/approve`, {});
    expect(byOtherKey.statusCode).toBe(201);
    expect(byOtherKey.json()).toMatchObject({ version: 1, approvedBy: 'api-key:admin-key-464' });
    expect((await call(m, 'admin', 'GET', '')).json().active.version).toBe(1);
  });

  it('the draft save guard is one conditional UPDATE: concurrent transactions at one revision, one wins', async () => {
    const m = '465';
    await seedPublishedVersion(p, m, municipalityRuleset());
    const d = (await call(m, 'admin', 'POST', '/draft', { from: { version: 1 } })).json();
    const results = await Promise.all(
      ['a', 'b', 'c'].map((name) =>
        p.database.db
          .transaction()
          .execute((trx) =>
            saveDraftIfRevision(trx, m, d.revision, { ...d.document, name }, 'test', new Date()),
          ),
      ),
    );
    expect(results.filter((r) => r === d.revision + 1)).toHaveLength(1);
    expect(results.filter((r) => r === null)).toHaveLength(2);
  });
});
