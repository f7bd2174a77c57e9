import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ruleset } from '../../server/src/engine/ruleset.js';
import { rulesetHash } from '../../server/src/engine/index.js';
import { invoice, municipalityRuleset } from '../support/fixtures.js';
import { createTestPlatform, testDatabases, type TestPlatform } from '../support/platform.js';
import { seedMunicipality, seedPublishedVersion, type SeededMunicipality } from '../support/seed.js';

type Who = 'admin' | 'admin2' | 'caseworker' | 'auditor' | 'integration' | 'adminKey';

/** kp-standard for a municipality, publishing without approval. */
const direct = (mutate?: (rs: Ruleset) => void): Ruleset =>
  municipalityRuleset((rs) => {
    rs.governance.requireApproval = false;
    mutate?.(rs);
  });

describe.each(await testDatabases())('rulesets on %s', (kind) => {
  let p: TestPlatform;
  const ms: Record<string, SeededMunicipality> = {};
  beforeAll(async () => {
    p = await createTestPlatform(kind);
    for (const id of ['851', '852', '853', '854', '855', '856', '857', '858', '859'])
      ms[id] = await seedMunicipality(p, id);
  });
  afterAll(async () => p?.close());

  const call = (
    m: string,
    who: Who,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    payload?: unknown,
  ) =>
    p.app.inject({
      method,
      url: `/api/v1/municipalities/${m}/ruleset${path}`,
      headers: ms[m]!.headers(who),
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });

  /** The version that decides a document now (a dry-run evaluation through the resolver). */
  const decidingVersion = async (m: string): Promise<number> => {
    const res = await p.app.inject({
      method: 'POST',
      url: `/api/v1/municipalities/${m}/evaluate?dryRun=true`,
      headers: ms[m]!.headers('admin'),
      payload: { ...invoice(), receivedAt: new Date().toISOString() },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().ruleset.version;
  };

  const auditOf = (m: string, entity: string) =>
    p.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('municipality_id', '=', m)
      .where('entity', '=', entity)
      .orderBy('id')
      .execute();

  it('an empty ruleset: no draft, nothing active, no versions; GET draft is 404', async () => {
    const res = await call('851', 'admin', 'GET', '');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ draft: null, active: null, versions: [], requireApproval: false });
    const draft = await call('851', 'admin', 'GET', '/draft');
    expect(draft.statusCode).toBe(404);
    expect(draft.headers['content-type']).toContain('application/problem+json');
  });

  it('draft lifecycle: create from a version, save against revisions, stale save 409, publish, draft consumed', async () => {
    await seedPublishedVersion(p, '851', direct(), { comment: 'first' });
    const created = await call('851', 'admin', 'POST', '/draft', { from: { version: 1 } });
    expect(created.statusCode).toBe(201);
    const draft = created.json();
    expect(draft).toMatchObject({ revision: 1, updatedBy: 'user:admin-851', basedOn: null });
    expect(draft.validation).toMatchObject({ valid: true, errors: [] });
    expect(draft.document.serviceNumbers[0]).toMatchObject({ code: '1001', maxAmount: '1500.00' });

    const again = await call('851', 'admin', 'POST', '/draft', { from: { version: 1 } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ status: 409, revision: 1 });

    const doc = draft.document as Ruleset;
    doc.serviceNumbers[0]!.maxAmount = '1750.00';
    const saved = await call('851', 'admin', 'PUT', '/draft', {
      revision: 1,
      document: doc,
      comment: 'raise 1001',
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ revision: 2, updatedBy: 'user:admin-851', voidedRequests: [] });
    expect(saved.json().validation.valid).toBe(true);

    const stale = await call('851', 'admin2', 'PUT', '/draft', { revision: 1, document: doc });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ status: 409, title: 'Conflict', revision: 2 });
    expect(stale.json().detail).toMatch(/revision 2, not 1/);

    const got = (await call('851', 'caseworker', 'GET', '/draft')).json();
    expect(got.revision).toBe(2);
    expect(got.document.serviceNumbers[0].maxAmount).toBe('1750.00');

    const published = await call('851', 'admin', 'POST', '/draft/publish', {
      comment: 'Højere grænse for 1001',
    });
    expect(published.statusCode).toBe(201);
    expect(published.json()).toMatchObject({
      version: 2,
      comment: 'Højere grænse for 1001',
      publishedBy: 'user:admin-851',
      approvedBy: null,
      scheduled: false,
      hash: rulesetHash(doc),
    });
    expect((await call('851', 'admin', 'GET', '/draft')).statusCode).toBe(404);

    const overview = (await call('851', 'auditor', 'GET', '')).json();
    expect(overview.draft).toBeNull();
    expect(overview.active).toMatchObject({ version: 2 });
    expect(overview.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(overview.versions[0]).toMatchObject({ comment: 'Højere grænse for 1001', scheduled: false });

    const v2 = await call('851', 'auditor', 'GET', '/versions/2');
    expect(v2.statusCode).toBe(200);
    expect(v2.json()).toMatchObject({
      version: 2,
      hash: rulesetHash(doc),
      comment: 'Højere grænse for 1001',
    });
    expect(v2.json().document).toEqual(doc);
    expect((await call('851', 'auditor', 'GET', '/versions/99')).statusCode).toBe(404);
  });

  it('the next draft continues the revision numbers, so a save meant for a discarded draft is a 409', async () => {
    const first = (await call('851', 'admin', 'POST', '/draft', { from: { version: 2 } })).json();
    expect(first.revision).toBeGreaterThan(2);
    const discarded = await call('851', 'admin', 'DELETE', '/draft');
    expect(discarded.statusCode).toBe(204);
    expect((await call('851', 'admin', 'DELETE', '/draft')).statusCode).toBe(404);
    const second = (await call('851', 'admin2', 'POST', '/draft', { from: { version: 1 } })).json();
    expect(second.revision).toBe(first.revision + 1);
    // the first author still holds first.revision and the old document: never a silent overwrite
    const late = await call('851', 'admin', 'PUT', '/draft', {
      revision: first.revision,
      document: first.document,
    });
    expect(late.statusCode).toBe(409);
    const replaced = await call('851', 'admin', 'POST', '/draft', { from: { version: 2 }, replace: true });
    expect(replaced.statusCode).toBe(201);
    expect(replaced.json().revision).toBe(second.revision + 1);
    expect((await call('851', 'admin', 'DELETE', `/draft?revision=${second.revision}`)).statusCode).toBe(409);
    expect((await call('851', 'admin', 'DELETE', `/draft?revision=${second.revision + 1}`)).statusCode).toBe(
      204,
    );
  });

  it('refuses to save an invalid document: 422 with pointers, nothing saved (PRODUCT.md §10)', async () => {
    await seedPublishedVersion(p, '852', direct());
    const d = (await call('852', 'admin', 'POST', '/draft', { from: { version: 1 } })).json();
    const doc = structuredClone(d.document);
    doc.serviceNumbers[1].maxAmount = 2600; // a JSON number where money is expected
    doc.serviceNumbers.push({ code: '1001', caseType: 'ALM_TANDLAEGE', automatic: true, vatAllowed: false });
    const refused = await call('852', 'admin', 'PUT', '/draft', { revision: d.revision, document: doc });
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          pointer: '/serviceNumbers/1/maxAmount',
          message: expect.any(String),
          messages: { da: expect.any(String), en: expect.any(String) },
        }),
      ]),
    );
    // nothing was saved: the draft is unchanged, at the same revision
    const after = (await call('852', 'caseworker', 'GET', '/draft')).json();
    expect(after.revision).toBe(d.revision);
    expect(after.document.serviceNumbers[1].maxAmount).toBe(d.document.serviceNumbers[1].maxAmount);
    // validate checks a document without saving it, with the same pointers
    const v = (await call('852', 'admin', 'POST', '/draft/validate', { document: doc })).json();
    expect(v.valid).toBe(false);
    expect(v.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ pointer: '/serviceNumbers/1/maxAmount' })]),
    );

    doc.serviceNumbers[1].maxAmount = '2600.00';
    doc.serviceNumbers.pop();
    const fixed = await call('852', 'admin', 'PUT', '/draft', {
      revision: d.revision,
      document: doc,
    });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json().validation.valid).toBe(true);
    // a duplicate service number is a cross-reference error, found by validate on a given document
    const dup = structuredClone(doc);
    dup.serviceNumbers.push({ ...dup.serviceNumbers[0] });
    const other = await call('852', 'admin', 'POST', '/draft/validate', { document: dup });
    expect(other.json().valid).toBe(false);
    expect(other.json().errors[0]).toMatchObject({
      pointer: `/serviceNumbers/${dup.serviceNumbers.length - 1}/code`,
      code: 'ruleset.duplicate',
    });
    expect((await call('852', 'admin', 'POST', '/draft/publish', { comment: 'ok' })).statusCode).toBe(201);
  });

  it('refuses bodies that are not drafts, an effectiveFrom in the past and an edited basedOn', async () => {
    await seedPublishedVersion(
      p,
      '853',
      direct((rs) => (rs.basedOn = { template: 'kp-standard', version: 1 })),
    );
    const d = (await call('853', 'admin', 'POST', '/draft', { from: { version: 1 } })).json();
    expect(d.basedOn).toEqual({ template: 'kp-standard', version: 1 });
    expect((await call('853', 'admin', 'POST', '/draft', { from: {} })).statusCode).toBe(400);
    expect(
      (await call('853', 'admin', 'PUT', '/draft', { revision: d.revision, document: [] })).statusCode,
    ).toBe(400);
    const typo = await call('853', 'admin', 'PUT', '/draft', { revison: 1, document: d.document });
    expect(typo.statusCode).toBe(400);
    expect(typo.json().errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ pointer: '/revison' })]),
    );

    const unforked = structuredClone(d.document);
    delete unforked.basedOn;
    const edited = await call('853', 'admin', 'PUT', '/draft', { revision: d.revision, document: unforked });
    expect(edited.statusCode).toBe(422);
    expect(edited.json().errors[0]).toMatchObject({
      pointer: '/document/basedOn',
      code: 'ruleset.basedOnManaged',
    });

    const past = await call('853', 'admin', 'POST', '/draft/publish', {
      comment: 'x',
      effectiveFrom: '2020-01-01T00:00:00Z',
    });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors[0].pointer).toBe('/effectiveFrom');
    const notATime = await call('853', 'admin', 'POST', '/draft/publish', {
      comment: 'x',
      effectiveFrom: 'tomorrow',
    });
    expect(notATime.statusCode).toBe(400);
    expect((await call('853', 'admin', 'POST', '/draft/publish', { comment: '' })).statusCode).toBe(400);
    expect(
      (await call('853', 'admin', 'POST', '/draft/publish', { comment: 'x', revision: 99 })).statusCode,
    ).toBe(409);
    expect(
      (await call('853', 'admin', 'POST', '/draft', { from: { version: 7 }, replace: true })).statusCode,
    ).toBe(404);
  });

  it('a version with a future effectiveFrom is scheduled: listed, not active; the resolver agrees', async () => {
    await seedPublishedVersion(p, '854', direct());
    await call('854', 'admin', 'POST', '/draft', { from: { version: 1 } });
    const at = new Date(Date.now() + 7 * 86400_000);
    const res = await call('854', 'admin', 'POST', '/draft/publish', {
      comment: 'Fra næste uge',
      effectiveFrom: at.toISOString(),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ version: 2, scheduled: true, effectiveFrom: at.toISOString() });
    const overview = (await call('854', 'admin', 'GET', '')).json();
    expect(overview.active.version).toBe(1);
    expect(overview.versions[0]).toMatchObject({ version: 2, scheduled: true });
    expect(overview.versions[1]).toMatchObject({ version: 1, scheduled: false });
    expect(await decidingVersion('854')).toBe(1);
    const list = await call('854', 'admin', 'GET', '/versions?sort=["version","ASC"]');
    expect(list.json().map((v: { version: number; scheduled: boolean }) => [v.version, v.scheduled])).toEqual(
      [
        [1, false],
        [2, true],
      ],
    );
  });

  it('rollback: a draft from an old version, published as a new version with the old content', async () => {
    await seedPublishedVersion(p, '855', direct());
    await seedPublishedVersion(
      p,
      '855',
      direct((rs) => (rs.settings.automaticProcessing = false)),
    );
    expect(await decidingVersion('855')).toBe(2);
    const d = await call('855', 'admin', 'POST', '/draft', {
      from: { version: 1 },
      comment: 'tilbage til v1',
    });
    expect(d.statusCode).toBe(201);
    const res = await call('855', 'admin', 'POST', '/draft/publish', { comment: 'Rollback til version 1' });
    expect(res.statusCode).toBe(201);
    expect(res.json().version).toBe(3);
    const [v1, v3] = await Promise.all([
      call('855', 'admin', 'GET', '/versions/1'),
      call('855', 'admin', 'GET', '/versions/3'),
    ]);
    expect(v3.json().hash).toBe(v1.json().hash);
    expect(v3.json().document).toEqual(v1.json().document);
    expect((await call('855', 'admin', 'GET', '')).json().active.version).toBe(3);
    // every server instance drops its cached version list on the publish (NOTIFY)
    await expect.poll(() => decidingVersion('855')).toBe(3);
  });

  it('diff between versions and against the draft, per JSON path', async () => {
    const diff = await call('855', 'auditor', 'GET', '/diff?from=1&to=2');
    expect(diff.statusCode).toBe(200);
    expect(diff.json()).toEqual([
      {
        path: '/settings/automaticProcessing',
        op: 'replace',
        before: true,
        after: false,
        text: { da: 'Automatisk behandling ja → nej', en: 'Automatic processing yes → no' },
      },
    ]);
    expect((await call('855', 'auditor', 'GET', '/diff?from=1&to=3')).json()).toEqual([]);
    const d = (await call('855', 'admin', 'POST', '/draft', { from: { version: 3 } })).json();
    d.document.serviceNumbers[2].maxAmount = '4100.00';
    await call('855', 'admin', 'PUT', '/draft', { revision: d.revision, document: d.document });
    expect((await call('855', 'auditor', 'GET', '/diff?from=3&to=draft')).json()).toEqual([
      {
        path: '/serviceNumbers/2/maxAmount',
        op: 'replace',
        before: '4000.00',
        after: '4100.00',
        text: {
          da: expect.stringMatching(
            /^Ydelsesnummer \d+ \(.+\): beløbsgrænse 4\.000,00 kr\. → 4\.100,00 kr\.$/,
          ),
          en: expect.stringMatching(
            /^Service number \d+ \(.+\): amount limit DKK 4,000\.00 → DKK 4,100\.00$/,
          ),
        },
      },
    ]);
    expect((await call('855', 'auditor', 'GET', '/diff?from=1&to=9')).statusCode).toBe(404);
    expect((await call('855', 'auditor', 'GET', '/diff?from=1&to=latest')).statusCode).toBe(400);
    expect((await call('855', 'auditor', 'GET', '/diff?from=1')).statusCode).toBe(400);
  });

  it('lists versions with react-admin sort, range, filter and Content-Range', async () => {
    const res = await call('855', 'auditor', 'GET', '/versions?sort=["version","DESC"]&range=[0,1]');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-range']).toBe('versions 0-1/3');
    expect(res.json().map((v: { id: number }) => v.id)).toEqual([3, 2]);
    expect(res.json()[0]).not.toHaveProperty('document');
    const filtered = await call(
      '855',
      'auditor',
      'GET',
      `/versions?filter=${encodeURIComponent('{"id":[1,3]}')}`,
    );
    expect(filtered.json().map((v: { version: number }) => v.version)).toEqual([3, 1]);
    const by = await call(
      '855',
      'auditor',
      'GET',
      `/versions?filter=${encodeURIComponent('{"publishedBy":"user:admin-855"}')}`,
    );
    expect(by.json().map((v: { version: number }) => v.version)).toEqual([3]);
    expect((await call('855', 'auditor', 'GET', '/versions?sort=["hash","ASC"]')).statusCode).toBe(400);
  });

  it('two saves of one revision at once: exactly one succeeds, the other is a 409', async () => {
    await seedPublishedVersion(p, '856', direct());
    const d = (await call('856', 'admin', 'POST', '/draft', { from: { version: 1 } })).json();
    for (let round = 0; round < 3; round++) {
      const current = (await call('856', 'admin', 'GET', '/draft')).json();
      const a = structuredClone(current.document);
      const b = structuredClone(current.document);
      a.name = `A ${round}`;
      b.name = `B ${round}`;
      const results = await Promise.all([
        call('856', 'admin', 'PUT', '/draft', { revision: current.revision, document: a }),
        call('856', 'admin2', 'PUT', '/draft', { revision: current.revision, document: b }),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const winner = results.find((r) => r.statusCode === 200)!;
      const after = (await call('856', 'admin', 'GET', '/draft')).json();
      expect(after.revision).toBe(current.revision + 1);
      expect(after.document.name).toBe(winner === results[0] ? `A ${round}` : `B ${round}`);
    }
    expect(d.revision).toBe(1);
    const saves = (await auditOf('856', 'ruleset_draft')).filter((e) => e.action === 'update');
    expect(saves).toHaveLength(3);
  });

  it('publishes racing each other get versions 1, 2, 3… without gaps or duplicates', async () => {
    await seedPublishedVersion(p, '857', direct());
    // two publishes of one draft: one version, the other finds the draft consumed
    await call('857', 'admin', 'POST', '/draft', { from: { version: 1 } });
    const pair = await Promise.all([
      call('857', 'admin', 'POST', '/draft/publish', { comment: 'a' }),
      call('857', 'admin2', 'POST', '/draft/publish', { comment: 'b' }),
    ]);
    expect(pair.map((r) => r.statusCode).sort()).toEqual([201, 404]);
    // many create-and-publish sequences interleaved
    const runs = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const who = i % 2 === 0 ? 'admin' : 'admin2';
        await call('857', who, 'POST', '/draft', { from: { version: 1 }, replace: true });
        return call('857', who, 'POST', '/draft/publish', { comment: `run ${i}` });
      }),
    );
    const ok = runs.filter((r) => r.statusCode === 201);
    expect(ok.length).toBeGreaterThan(0);
    for (const r of runs) expect([201, 404]).toContain(r.statusCode);
    const versions = (
      await call('857', 'admin', 'GET', '/versions?sort=["version","ASC"]&range=[0,99]')
    ).json();
    expect(versions.map((v: { version: number }) => v.version)).toEqual(
      Array.from({ length: 2 + ok.length }, (_, i) => i + 1),
    );
    expect(ok.map((r) => r.json().version).sort((x: number, y: number) => x - y)).toEqual(
      Array.from({ length: ok.length }, (_, i) => i + 3),
    );
  });

  it('roles: caseworker and auditor read but do not write; integration keys and other municipalities get 403', async () => {
    const m = '858';
    await seedPublishedVersion(p, m, direct());
    for (const who of ['caseworker', 'auditor'] as const) {
      expect((await call(m, who, 'GET', '')).statusCode).toBe(200);
      expect((await call(m, who, 'GET', '/versions')).statusCode).toBe(200);
      expect((await call(m, who, 'GET', '/versions/1')).statusCode).toBe(200);
      const create = await call(m, who, 'POST', '/draft', { from: { version: 1 } });
      expect(create.statusCode).toBe(403);
      expect(create.json().detail).toMatch(/ruleset:write/);
    }
    expect((await call(m, 'adminKey', 'POST', '/draft', { from: { version: 1 } })).statusCode).toBe(201);
    const d = (await call(m, 'caseworker', 'GET', '/draft')).json();
    for (const who of ['caseworker', 'auditor', 'integration'] as const) {
      expect(
        (await call(m, who, 'PUT', '/draft', { revision: d.revision, document: d.document })).statusCode,
      ).toBe(403);
      expect((await call(m, who, 'DELETE', '/draft')).statusCode).toBe(403);
      expect((await call(m, who, 'POST', '/draft/publish', { comment: 'x' })).statusCode).toBe(403);
    }
    expect((await call(m, 'integration', 'GET', '')).statusCode).toBe(403);
    expect((await call(m, 'integration', 'GET', '/draft')).statusCode).toBe(403);
    // an administrator of another municipality
    const foreign = await p.app.inject({
      method: 'GET',
      url: `/api/v1/municipalities/${m}/ruleset/draft`,
      headers: ms['851']!.headers('admin'),
    });
    expect(foreign.statusCode).toBe(403);
    const foreignPublish = await p.app.inject({
      method: 'POST',
      url: `/api/v1/municipalities/${m}/ruleset/draft/publish`,
      headers: ms['851']!.headers('admin'),
      payload: { comment: 'x' },
    });
    expect(foreignPublish.statusCode).toBe(403);
    // the platform administrator does not read municipalities' rulesets
    const platform = await p.app.inject({
      url: `/api/v1/municipalities/${m}/ruleset`,
      headers: { cookie: await p.adminCookie() },
    });
    expect(platform.statusCode).toBe(403);
    expect((await p.app.inject({ url: `/api/v1/municipalities/${m}/ruleset` })).statusCode).toBe(401);
  });

  it('records an audit event with before/after for every change, in the same transaction', async () => {
    const drafts = await auditOf('851', 'ruleset_draft');
    const create = drafts.find((e) => e.action === 'create')!;
    expect(create).toMatchObject({ actor: 'user:admin-851', entity_id: '851', before: null });
    expect(create.after).toMatchObject({ revision: 1, from: { version: 1 } });
    const update = drafts.find((e) => e.action === 'update')!;
    expect(update).toMatchObject({ comment: 'raise 1001', before: { revision: 1 }, after: { revision: 2 } });
    expect((update.after as { changes: unknown[] }).changes).toEqual([
      { path: '/serviceNumbers/0/maxAmount', op: 'replace', before: '1500.00', after: '1750.00' },
    ]);
    const del = drafts.find((e) => e.action === 'delete')!;
    expect(del.before).toMatchObject({ revision: expect.any(Number), document: expect.any(Object) });
    expect(drafts.some((e) => e.action === 'replace')).toBe(true);

    const publishes = await auditOf('851', 'ruleset_version');
    expect(publishes).toHaveLength(1);
    expect(publishes[0]).toMatchObject({
      action: 'publish',
      entity_id: '2',
      comment: 'Højere grænse for 1001',
      before: { version: 1 },
      after: { version: 2, publishedBy: 'user:admin-851', approvedBy: null },
    });
    expect((publishes[0]!.after as { changes: unknown[] }).changes).toEqual([
      { path: '/serviceNumbers/0/maxAmount', op: 'replace', before: '1500.00', after: '1750.00' },
    ]);
    // a refused change records nothing
    const before = (await auditOf('853', 'ruleset_version')).length;
    expect(before).toBe(0);
  });

  it('a ruleset with 10,000 service numbers saves, validates, publishes and diffs', async () => {
    const m = '859';
    const big = direct((rs) => {
      for (let i = 0; i < 10_000; i++) {
        rs.serviceNumbers.push({
          code: `S${String(i).padStart(5, '0')}`,
          description: `Ydelse nummer ${i}`,
          caseType: 'ALM_TANDLAEGE',
          maxAmount: '1000.00',
          automatic: true,
          vatAllowed: false,
        });
      }
    });
    await seedPublishedVersion(p, m, direct());
    const d = (await call(m, 'admin', 'POST', '/draft', { from: { version: 1 } })).json();
    const saved = await call(m, 'admin', 'PUT', '/draft', { revision: d.revision, document: big });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().validation.valid).toBe(true);
    big.serviceNumbers[5000]!.maxAmount = '1200.00';
    big.serviceNumbers.reverse(); // reordering is not a change for the audit diff
    const again = await call(m, 'admin', 'PUT', '/draft', { revision: saved.json().revision, document: big });
    expect(again.statusCode).toBe(200);
    const [update] = (await auditOf(m, 'ruleset_draft')).filter((e) => e.action === 'update').slice(-1);
    expect((update!.after as { changes: { path: string }[] }).changes).toHaveLength(1);
    const published = await call(m, 'admin', 'POST', '/draft/publish', { comment: '10.000 ydelsesnumre' });
    expect(published.statusCode).toBe(201);
    const v = await call(m, 'admin', 'GET', '/versions/2');
    expect(v.json().document.serviceNumbers).toHaveLength(10_014);
  });
});
