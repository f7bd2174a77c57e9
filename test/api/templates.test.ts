import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rulesetHash } from '../../server/src/engine/index.js';
import type { Ruleset } from '../../server/src/engine/ruleset.js';
import { loadBundledTemplates } from '../../server/src/features/templates/template-service.js';
import { kpStandard } from '../support/fixtures.js';
import { createTestPlatform, testDatabases, type TestPlatform } from '../support/platform.js';
import { seedMunicipality, type SeededMunicipality } from '../support/seed.js';

type Who = 'admin' | 'admin2' | 'caseworker' | 'auditor' | 'integration' | 'adminKey';

describe.each(await testDatabases())('templates on %s', (kind) => {
  let p: TestPlatform;
  let platformAdmin: string;
  const ms: Record<string, SeededMunicipality> = {};
  beforeAll(async () => {
    p = await createTestPlatform(kind);
    platformAdmin = await p.adminCookie();
    for (const [id, ean] of [
      ['701', '5798000012349'],
      ['702', '5790000000005'],
      ['703', '5798000012349'],
      ['704', '5798000012349'],
    ] as const)
      ms[id] = await seedMunicipality(p, id, `Kommune ${id}`, [ean]);
  });
  afterAll(async () => p?.close());

  const api = (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    headers: Record<string, string>,
    payload?: unknown,
  ) =>
    p.app.inject({
      method,
      url: `/api/v1${url}`,
      headers,
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });
  const as = (m: string, who: Who) => ms[m]!.headers(who);
  const ruleset = (
    m: string,
    who: Who,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    sub: string,
    payload?: unknown,
  ) => api(method, `/municipalities/${m}/ruleset${sub}`, as(m, who), payload);

  /** Edits the draft (creating it from the given source when there is none) and saves it. */
  async function edit(m: string, from: unknown, change: (doc: Ruleset) => void): Promise<Ruleset> {
    let d = await ruleset(m, 'admin', 'GET', '/draft');
    if (d.statusCode === 404) d = await ruleset(m, 'admin', 'POST', '/draft', { from });
    const { revision, document } = d.json();
    change(document);
    const saved = await ruleset(m, 'admin', 'PUT', '/draft', { revision, document });
    expect(saved.statusCode).toBe(200);
    return document;
  }

  async function publish(m: string, comment: string): Promise<number> {
    const res = await ruleset(m, 'admin', 'POST', '/draft/publish', { comment });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().version;
  }

  it('loads the bundled kp-standard as national template version 1 on start, audited', async () => {
    const list = await api('GET', '/templates', as('701', 'caseworker'));
    expect(list.statusCode).toBe(200);
    expect(list.headers['content-range']).toMatch(/^templates 0-0\/1$/);
    expect(list.json()).toEqual([
      expect.objectContaining({
        id: 'kp-standard',
        name: kpStandard().name,
        municipality: null,
        national: true,
        latestVersion: 1,
        createdBy: 'system',
      }),
    ]);
    const v1 = await api('GET', '/templates/kp-standard/versions/1', as('701', 'auditor'));
    expect(v1.statusCode).toBe(200);
    expect(v1.json()).toMatchObject({ template: 'kp-standard', version: 1, hash: rulesetHash(kpStandard()) });
    expect(v1.json().document).toEqual(kpStandard());
    const detail = (await api('GET', '/templates/kp-standard', as('701', 'caseworker'))).json();
    expect(detail.versions.map((v: { version: number }) => v.version)).toEqual([1]);
    expect((await api('GET', '/templates/nope', as('701', 'caseworker'))).statusCode).toBe(404);
    expect((await api('GET', '/templates/kp-standard/versions/9', as('701', 'caseworker'))).statusCode).toBe(
      404,
    );
    expect((await api('GET', '/templates/kp-standard/versions/x', as('701', 'caseworker'))).statusCode).toBe(
      400,
    );
    expect((await api('GET', '/templates', as('701', 'integration'))).statusCode).toBe(403);
    expect((await api('GET', '/templates', { cookie: platformAdmin })).statusCode).toBe(200);
    const events = await p.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity', '=', 'template_version')
      .where('entity_id', '=', 'kp-standard/1')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor: 'system',
      action: 'create',
      municipality_id: null,
      before: null,
    });
    expect(events[0]!.after).toMatchObject({
      template: 'kp-standard',
      version: 1,
      hash: rulesetHash(kpStandard()),
    });
  });

  it('loading the bundled templates again is idempotent; a changed file becomes a new version', async () => {
    expect(await loadBundledTemplates(p.database)).toEqual([]);
    const dir = mkdtempSync(path.join(tmpdir(), 'rv-templates-'));
    const doc = kpStandard();
    writeFileSync(path.join(dir, 'test-bundle.json'), JSON.stringify(doc));
    expect(await loadBundledTemplates(p.database, dir)).toEqual([{ id: 'test-bundle', version: 1 }]);
    // the same content, formatted differently, is the same content
    writeFileSync(path.join(dir, 'test-bundle.json'), JSON.stringify(doc, null, 2));
    expect(await loadBundledTemplates(p.database, dir)).toEqual([]);
    doc.serviceNumbers[0]!.maxAmount = '1600.00';
    writeFileSync(path.join(dir, 'test-bundle.json'), JSON.stringify(doc));
    expect(await loadBundledTemplates(p.database, dir)).toEqual([{ id: 'test-bundle', version: 2 }]);
    const versions = await api('GET', '/templates/test-bundle/versions', as('701', 'caseworker'));
    expect(versions.headers['content-range']).toBe('template-versions 0-1/2');
    expect(versions.json().map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const audit = await p.database.db
      .selectFrom('audit_events')
      .select(['action', 'after'])
      .where('entity_id', '=', 'test-bundle/2')
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe('publish');
    expect((audit.after as { changes: unknown[] }).changes).toEqual([
      { path: '/serviceNumbers/0/maxAmount', op: 'replace', before: '1500.00', after: '1600.00' },
    ]);
    writeFileSync(path.join(dir, 'broken.json'), JSON.stringify({ ...doc, rules: 'nope' }));
    await expect(loadBundledTemplates(p.database, dir)).rejects.toThrow(/broken.json is not a valid ruleset/);
  });

  it('forking a template sets basedOn and the municipality’s own EANs; locked rules cannot be removed', async () => {
    const m = '703';
    const res = await ruleset(m, 'admin', 'POST', '/draft', {
      from: { template: 'kp-standard', version: 1 },
    });
    expect(res.statusCode).toBe(201);
    const draft = res.json();
    expect(draft.basedOn).toEqual({ template: 'kp-standard', version: 1 });
    expect(draft.document.basedOn).toEqual({ template: 'kp-standard', version: 1 });
    expect(draft.document.settings.kpEans).toEqual(['5798000012349']);
    expect(draft.validation.valid).toBe(true);
    expect(
      (await ruleset(m, 'admin', 'POST', '/draft', { from: { template: 'nope' }, replace: true })).statusCode,
    ).toBe(404);

    const doc = draft.document as Ruleset;
    doc.rules = doc.rules.filter((r) => r.name !== 'samleregning');
    const kreditnota = doc.rules.findIndex((r) => r.name === 'kreditnota-uden-faktura');
    doc.rules[kreditnota]!.priority = 1;
    const saved = await ruleset(m, 'admin', 'PUT', '/draft', { revision: draft.revision, document: doc });
    expect(saved.statusCode).toBe(422);
    expect(saved.json().errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          pointer: '/rules',
          code: 'ruleset.lockedRuleRemoved',
          messages: expect.objectContaining({ da: expect.stringMatching(/samleregning/) }),
        }),
        expect.objectContaining({ pointer: `/rules/${kreditnota}`, code: 'ruleset.lockedRuleChanged' }),
      ]),
    );
    const validate = (await ruleset(m, 'admin', 'POST', '/draft/validate', { document: doc })).json();
    expect(validate.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ pointer: '/rules', code: 'ruleset.lockedRuleRemoved' }),
      ]),
    );
    // the saved draft is still the valid fork, so publishing it publishes the locked rules intact
    expect((await ruleset(m, 'admin', 'GET', '')).json().versions).toEqual([]);
  });

  it('sharing: an admin shares their published version (without EANs); other roles, municipalities and forms are refused', async () => {
    // 701 forks kp-standard, turns approval off and publishes version 1 directly
    await edit('701', { template: 'kp-standard' }, (doc) => {
      doc.governance.requireApproval = false;
    });
    // nothing published yet: the draft's own setting (now off) counts
    expect(await publish('701', 'første version')).toBe(1);

    const body = { id: 'kommune-701', name: 'Kommune 701s regelsæt', municipality: '701', version: 1 };
    for (const who of ['caseworker', 'auditor'] as const) {
      const res = await api('POST', '/templates', as('701', who), body);
      expect(res.statusCode).toBe(403);
    }
    expect((await api('POST', '/templates', as('701', 'integration'), body)).statusCode).toBe(403);
    expect((await api('POST', '/templates', as('702', 'admin'), body)).statusCode).toBe(403); // not their municipality
    expect((await api('POST', '/templates', { cookie: platformAdmin }, body)).statusCode).toBe(403);
    expect((await api('POST', '/templates', as('701', 'admin'), { ...body, version: 5 })).statusCode).toBe(
      404,
    );
    expect((await api('POST', '/templates', as('701', 'admin'), { ...body, id: 'Bad Id' })).statusCode).toBe(
      400,
    );
    expect(
      (await api('POST', '/templates', as('701', 'admin'), { id: 'x', name: 'x', document: kpStandard() }))
        .statusCode,
    ).toBe(403); // national templates are the platform administrator's

    const shared = await api('POST', '/templates', as('701', 'admin'), { ...body, comment: 'Del med andre' });
    expect(shared.statusCode).toBe(201);
    expect(shared.json()).toMatchObject({
      id: 'kommune-701',
      name: 'Kommune 701s regelsæt',
      municipality: '701',
      national: false,
      latestVersion: 1,
      version: { version: 1, sourceMunicipality: '701', sourceVersion: 1, createdBy: 'user:admin-701' },
    });
    const doc = (await api('GET', '/templates/kommune-701/versions/1', as('702', 'caseworker'))).json()
      .document;
    expect(doc.settings.kpEans).toEqual([]);
    expect(doc.governance.requireApproval).toBe(false);
    expect((await api('POST', '/templates', as('701', 'admin'), body)).statusCode).toBe(409); // identical content
    expect(
      (await api('POST', '/templates', as('701', 'admin'), { ...body, id: 'kp-standard' })).statusCode,
    ).toBe(403); // a national template is not theirs

    const filtered = await api(
      'GET',
      `/templates?filter=${encodeURIComponent('{"municipality":"701"}')}`,
      as('702', 'caseworker'),
    );
    expect(filtered.json().map((t: { id: string }) => t.id)).toEqual(['kommune-701']);
    const national = await api(
      'GET',
      `/templates?filter=${encodeURIComponent('{"national":true}')}&sort=["id","DESC"]`,
      as('702', 'caseworker'),
    );
    expect(national.json().map((t: { id: string }) => t.id)).toEqual(['test-bundle', 'kp-standard']);

    const audit = await p.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_id', '=', 'kommune-701/1')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      municipality_id: '701',
      actor: 'user:admin-701',
      comment: 'Del med andre',
    });
    expect(audit.after).toMatchObject({
      template: 'kommune-701',
      version: 1,
      source: { municipality: '701', version: 1 },
    });
  });

  it('the platform administrator publishes a national template from a document; invalid is a 422', async () => {
    const doc = kpStandard();
    doc.name = 'Regionalt udkast';
    const bad = await api(
      'POST',
      '/templates',
      { cookie: platformAdmin },
      {
        id: 'regional',
        name: 'Regional',
        document: { ...doc, rules: [{ name: 'x' }] },
      },
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].pointer).toMatch(/^\/document\/rules\/0/);
    const ok = await api(
      'POST',
      '/templates',
      { cookie: platformAdmin },
      { id: 'regional', name: 'Regional', document: doc },
    );
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ id: 'regional', national: true, municipality: null, latestVersion: 1 });
    doc.settings.acceptVat = false;
    const v2 = await api(
      'POST',
      '/templates',
      { cookie: platformAdmin },
      { id: 'regional', name: 'Regional 2', document: doc },
    );
    expect(v2.json()).toMatchObject({ name: 'Regional 2', latestVersion: 2, version: { version: 2 } });
    expect(
      (
        await api(
          'POST',
          '/templates',
          { cookie: platformAdmin },
          { id: 'kommune-701', name: 'x', document: doc },
        )
      ).statusCode,
    ).toBe(403); // a municipality's template is theirs
  });

  it('upstream: a three-way comparison; apply takes the non-conflicting changes and keeps the municipality’s own', async () => {
    // 702 forks 701's template and raises service 1001's limit
    await edit('702', { template: 'kommune-701' }, (doc) => {
      expect(doc.basedOn).toEqual({ template: 'kommune-701', version: 1 });
      doc.serviceNumbers.find((s) => s.code === '1001')!.maxAmount = '1800.00';
    });
    await publish('702', 'egen grænse for 1001');
    const current = (await ruleset('702', 'admin', 'GET', '/upstream')).json();
    expect(current).toMatchObject({
      template: 'kommune-701',
      baseVersion: 1,
      latestVersion: 1,
      upToDate: true,
    });
    expect(current.upstreamChanges).toEqual([]);
    expect(current.ownChanges).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: '/serviceNumbers/0/maxAmount',
          op: 'replace',
          before: '1500.00',
          after: '1800.00',
        }),
        {
          path: '/settings/kpEans',
          op: 'replace',
          before: [],
          after: ['5790000000005'],
          text: { da: 'KP-EAN-numre (ingen) → 5790000000005', en: 'KP EAN numbers (none) → 5790000000005' },
        },
      ]),
    );

    // 701 changes 1002's limit, adds a reason and changes 1001's limit, and shares version 2
    await edit('701', { version: 1 }, (doc) => {
      doc.serviceNumbers.find((s) => s.code === '1002')!.maxAmount = '2600.00';
      doc.rejectionReasons.push({ code: 'NY_AARSAG', text: 'En ny afvisningsårsag' });
      doc.serviceNumbers.find((s) => s.code === '1001')!.maxAmount = '1600.00';
    });
    expect(await publish('701', 'opdatering')).toBe(2);
    const v2 = await api('POST', '/templates', as('701', 'admin'), {
      id: 'kommune-701',
      name: 'Kommune 701s regelsæt',
      municipality: '701',
      version: 2,
    });
    expect(v2.statusCode).toBe(201);
    expect(v2.json().version.version).toBe(2);

    const res = await ruleset('702', 'caseworker', 'GET', '/upstream');
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view).toMatchObject({
      template: 'kommune-701',
      baseVersion: 1,
      latestVersion: 2,
      upToDate: false,
      ours: { version: 1 },
    });
    const reasonIndex = kpStandard().rejectionReasons.length;
    expect(view.upstreamChanges).toHaveLength(3);
    expect(view.upstreamChanges).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: '/serviceNumbers/1/maxAmount',
          op: 'replace',
          before: '2500.00',
          after: '2600.00',
          conflict: false,
        }),
        {
          path: `/rejectionReasons/${reasonIndex}`,
          op: 'add',
          after: { code: 'NY_AARSAG', text: 'En ny afvisningsårsag' },
          text: { da: 'Afvisningsårsag NY_AARSAG er tilføjet', en: 'Rejection reason NY_AARSAG was added' },
          conflict: false,
        },
        expect.objectContaining({
          path: '/serviceNumbers/0/maxAmount',
          op: 'replace',
          before: '1500.00',
          after: '1600.00',
          conflict: true,
        }),
      ]),
    );

    const applied = await ruleset('702', 'admin', 'POST', '/upstream/apply', {
      latestVersion: 2,
      comment: 'følg 701',
    });
    expect(applied.statusCode).toBe(200);
    const result = applied.json();
    expect(result).toMatchObject({ basedOn: { template: 'kommune-701', version: 2 }, createdDraft: true });
    expect(result.applied.map((c: { path: string }) => c.path).sort()).toEqual(
      ['/serviceNumbers/1/maxAmount', `/rejectionReasons/${reasonIndex}`].sort(),
    );
    expect(result.skipped).toEqual([{ path: '/serviceNumbers/0/maxAmount', reason: 'conflict' }]);
    expect(result.validation.valid).toBe(true);

    const draft = (await ruleset('702', 'admin', 'GET', '/draft')).json();
    expect(draft.revision).toBe(result.revision);
    const sn = (code: string) => draft.document.serviceNumbers.find((s: { code: string }) => s.code === code);
    expect(sn('1001').maxAmount).toBe('1800.00'); // the municipality's own edit is kept
    expect(sn('1002').maxAmount).toBe('2600.00');
    expect(draft.document.rejectionReasons.at(-1)).toEqual({
      code: 'NY_AARSAG',
      text: 'En ny afvisningsårsag',
    });
    expect(draft.document.basedOn).toEqual({ template: 'kommune-701', version: 2 });
    expect(draft.document.settings.kpEans).toEqual(['5790000000005']);

    const after = (await ruleset('702', 'admin', 'GET', '/upstream')).json();
    expect(after).toMatchObject({
      baseVersion: 2,
      latestVersion: 2,
      upToDate: true,
      ours: { draft: result.revision },
    });
    expect(after.upstreamChanges).toEqual([]);
    expect((await ruleset('702', 'admin', 'POST', '/upstream/apply', {})).statusCode).toBe(409); // up to date

    const audit = await p.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('municipality_id', '=', '702')
      .where('action', '=', 'upstream-apply')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      actor: 'user:admin-702',
      comment: 'følg 701',
      before: { fromVersion: 1, basedOn: { template: 'kommune-701', version: 1 } },
      after: { revision: result.revision, basedOn: { template: 'kommune-701', version: 2 } },
    });
    expect(await publish('702', 'skabelon version 2')).toBe(2);
  });

  it('apply with chosen paths: only those; a conflicting or unknown path is a 422; a stale latestVersion a 409', async () => {
    // 704 forks kommune-701 version 1 and edits 1001, then compares against version 2
    const forked = await ruleset('704', 'admin', 'POST', '/draft', {
      from: { template: 'kommune-701', version: 1 },
    });
    expect(forked.json().basedOn).toEqual({ template: 'kommune-701', version: 1 });
    await edit('704', null, (doc) => {
      doc.serviceNumbers.find((s) => s.code === '1001')!.maxAmount = '1900.00';
    });
    const view = (await ruleset('704', 'admin', 'GET', '/upstream')).json();
    expect(view.ours).toHaveProperty('draft');
    const conflicting = view.upstreamChanges.find((c: { conflict: boolean }) => c.conflict).path;
    const reason = view.upstreamChanges.find((c: { op: string }) => c.op === 'add').path;
    const bad = await ruleset('704', 'admin', 'POST', '/upstream/apply', {
      paths: [reason, conflicting, '/nope'],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code])).toEqual([
      ['/paths/1', 'upstream.conflict'],
      ['/paths/2', 'upstream.unknownPath'],
    ]);
    expect((await ruleset('704', 'admin', 'POST', '/upstream/apply', { latestVersion: 1 })).statusCode).toBe(
      409,
    );
    expect((await ruleset('704', 'caseworker', 'POST', '/upstream/apply', {})).statusCode).toBe(403);

    const ok = await ruleset('704', 'admin', 'POST', '/upstream/apply', { paths: [reason] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().applied.map((c: { path: string }) => c.path)).toEqual([reason]);
    expect(ok.json().skipped).toEqual(
      expect.arrayContaining([
        { path: conflicting, reason: 'conflict' },
        { path: '/serviceNumbers/1/maxAmount', reason: 'notSelected' },
      ]),
    );
    const draft = (await ruleset('704', 'admin', 'GET', '/draft')).json();
    const sn = (code: string) => draft.document.serviceNumbers.find((s: { code: string }) => s.code === code);
    expect(sn('1001').maxAmount).toBe('1900.00');
    expect(sn('1002').maxAmount).toBe('2500.00'); // not chosen
    expect(draft.document.rejectionReasons.some((r: { code: string }) => r.code === 'NY_AARSAG')).toBe(true);
    expect(draft.basedOn).toEqual({ template: 'kommune-701', version: 2 });
  });

  it('documents the ruleset and template routes in OpenAPI', async () => {
    const paths = (await p.app.inject('/docs/json')).json().paths;
    for (const route of [
      '/api/v1/municipalities/{m}/ruleset',
      '/api/v1/municipalities/{m}/ruleset/versions/{n}',
      '/api/v1/municipalities/{m}/ruleset/draft/publish',
      '/api/v1/municipalities/{m}/ruleset/publish-requests/{id}/approve',
      '/api/v1/municipalities/{m}/ruleset/upstream/apply',
      '/api/v1/templates',
      '/api/v1/templates/{id}/versions/{n}',
    ])
      expect(paths).toHaveProperty([route]);
  });

  it('upstream of a ruleset not based on a template is a 404', async () => {
    const { seedPublishedVersion } = await import('../support/seed.js');
    const plain = kpStandard();
    plain.settings.kpEans = ['5798000012349'];
    await seedPublishedVersion(p, '703', plain);
    await ruleset('703', 'admin', 'DELETE', '/draft');
    const res = await ruleset('703', 'admin', 'GET', '/upstream');
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toMatch(/basedOn/);
    expect((await ruleset('703', 'admin', 'POST', '/upstream/apply', {})).statusCode).toBe(404);
  });
});
