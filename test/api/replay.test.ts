/**
 * POST /municipalities/:m/decisions/:id/replay: as recorded (identical, byte for byte), as of a
 * time, under a version, under the draft — and the cause when the result differs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ENGINE_VERSION } from '../../server/src/engine/index.js';
import { createTestPlatform, testDatabases, type TestPlatform } from '../support/platform.js';
import { seedMunicipality, seedPublishedVersion, type SeededMunicipality } from '../support/seed.js';
import { invoice, line, municipalityRuleset } from '../support/fixtures.js';

type Role = Parameters<SeededMunicipality['headers']>[0];

describe.each(await testDatabases())('replay on %s', (kind) => {
  let p: TestPlatform;
  let m: SeededMunicipality;
  let other: SeededMunicipality;
  let seq = 0;
  const nextId = (): string => `RP-${kind}-${++seq}`;
  /** A decision made by version 1 (limit 1500.00 on 1001), approved. */
  let approved: { id: string; documentId: string };
  /** Decisions the tests insert by hand (not made by evaluation). */
  const handMade: string[] = [];

  const replay = (id: string, body: object, role: Role = 'auditor', muni = '851') =>
    p.app.inject({
      method: 'POST',
      url: `/api/v1/municipalities/${muni}/decisions/${id}/replay`,
      headers: (muni === '851' ? m : other).headers(role),
      payload: body,
    });

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    m = await seedMunicipality(p, '851');
    other = await seedMunicipality(p, '101');
    await seedPublishedVersion(p, '851', municipalityRuleset(), { effectiveFrom: '2000-01-01T00:00:00Z' });
    await seedPublishedVersion(
      p,
      '851',
      municipalityRuleset((rs) => {
        rs.serviceNumbers.find((s) => s.code === '1001')!.maxAmount = '400.00';
      }),
      { effectiveFrom: '2026-06-01T00:00:00Z' },
    );
    const res = await p.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities/851/evaluate',
      headers: m.headers('integration'),
      payload: invoice({ id: nextId(), receivedAt: '2026-03-02T10:00:00Z' }),
    });
    approved = res.json();
  });
  afterAll(async () => p?.close());

  const loadApproved = () =>
    p.database.db.selectFrom('decisions').selectAll().where('id', '=', approved.id).executeTakeFirstOrThrow();
  type Row = Awaited<ReturnType<typeof loadApproved>>;
  type Change = Partial<Pick<Row, 'outcome' | 'engine_version' | 'explanation' | 'facts'>>;
  /** Stores a copy of the approved decision with some columns changed (decisions are append-only: insert only). */
  async function storeCopy(change: (row: Row) => Change): Promise<string> {
    const row = await loadApproved();
    const c = change(row);
    const id = randomUUID();
    handMade.push(id);
    await p.database.db
      .insertInto('decisions')
      .values({
        ...row,
        id,
        outcome: c.outcome ?? row.outcome,
        engine_version: c.engine_version ?? row.engine_version,
        document_key: JSON.stringify(row.document_key),
        document: JSON.stringify(row.document),
        ledger_snapshot: JSON.stringify(row.ledger_snapshot),
        reasons: JSON.stringify(row.reasons),
        actions: JSON.stringify(row.actions),
        payment_groups: JSON.stringify(row.payment_groups),
        postings: JSON.stringify(row.postings),
        explanation: JSON.stringify(c.explanation ?? row.explanation),
        facts: JSON.stringify(c.facts ?? row.facts),
        trace: JSON.stringify(row.trace),
        cause: row.cause === null ? null : JSON.stringify(row.cause),
      })
      .execute();
    return id;
  }

  it('as recorded: identical, no differences, no cause', async () => {
    const res = await replay(approved.id, { mode: 'recorded' });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ mode: 'recorded', identical: true, differences: [] });
    expect(r.cause).toBeUndefined();
    expect(r.original.id).toBe(approved.id);
    expect(r.replayed).toMatchObject({
      outcome: 'approved',
      ruleset: { version: 1 },
      engineVersion: ENGINE_VERSION,
    });
    expect(r.replayed.trace).toEqual(r.original.trace);
    expect(r.replayed.facts).toEqual(r.original.facts);
  });

  it('under another version: the difference and its cause', async () => {
    const res = await replay(approved.id, { mode: 'version', version: 2 });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.identical).toBe(false);
    expect(r.replayed).toMatchObject({ outcome: 'manual', ruleset: { version: 2 } });
    expect(r.differences).toEqual(
      expect.arrayContaining([
        { path: '/outcome', op: 'replace', before: 'approved', after: 'manual' },
        expect.objectContaining({ path: '/rulesetHash', op: 'replace' }),
      ]),
    );
    expect(r.cause).toMatch(/Replayed under version 2 .* made by version 1/);
  });

  it('as of a time: the version in force then', async () => {
    const later = (await replay(approved.id, { mode: 'asOf', asOf: '2026-07-01T00:00:00Z' })).json();
    expect(later.replayed.ruleset.version).toBe(2);
    expect(later.identical).toBe(false);
    const earlier = (await replay(approved.id, { mode: 'asOf', asOf: '2026-01-01T00:00:00Z' })).json();
    expect(earlier.replayed.ruleset.version).toBe(1);
    expect(earlier.identical).toBe(true);
    const never = await replay(approved.id, { mode: 'asOf', asOf: '1990-01-01T00:00:00Z' });
    expect(never.statusCode).toBe(409);
  });

  it('under the draft: 404 without one; the draft’s result otherwise', async () => {
    expect((await replay(approved.id, { mode: 'draft' })).statusCode).toBe(404);
    await p.database.db
      .insertInto('ruleset_drafts')
      .values({
        municipality_id: '851',
        revision: 7,
        document: JSON.stringify(municipalityRuleset((rs) => (rs.settings.automaticProcessing = false))),
        updated_by: 'test',
      })
      .execute();
    const r = (await replay(approved.id, { mode: 'draft' })).json();
    expect(r.replayed).toMatchObject({
      outcome: 'manual',
      ruleset: { version: null, draft: { revision: 7 } },
    });
    expect(r.replayed.reasons.map((x: { code: string }) => x.code)).toEqual(['AUTOMATIK_FRA']);
    expect(r.cause).toMatch(/current draft \(revision 7/);
    // The draft identical to version 1 decides identically except for nothing: same hash.
    await p.database.db
      .updateTable('ruleset_drafts')
      .set({ document: JSON.stringify(municipalityRuleset()), revision: 8 })
      .where('municipality_id', '=', '851')
      .execute();
    const same = (await replay(approved.id, { mode: 'draft' })).json();
    expect(same.identical).toBe(true);
    expect(same.cause).toMatch(/identical nonetheless/);
  });

  it('a decision stored by another engine version reports that as the cause', async () => {
    // as if an older engine had made it
    const id = await storeCopy(() => ({ engine_version: '0.0.1-old' }));
    const r = (await replay(id, { mode: 'recorded' })).json();
    expect(r.identical).toBe(false);
    expect(r.differences).toEqual([
      { path: '/engineVersion', op: 'replace', before: '0.0.1-old', after: ENGINE_VERSION },
    ]);
    expect(r.cause).toBe(`Engine version changed: stored with 0.0.1-old, replayed with ${ENGINE_VERSION}.`);
  });

  it('a decision of engine 1.0.0 (before issue 8’s texts and facts) reports the engine version as the cause', async () => {
    const oldEngine = 'regelvaerk-engine/1.0.0 facts/2 json-rules-engine/7.3.1';
    const oldExplanation = {
      da: 'Godkendt automatisk: fakturaen opfylder alle regler (3 linjer, 1.530,50 kr. til betaling).',
      en: 'Approved automatically: the invoice meets every rule (3 lines, DKK 1,530.50 payable).',
    };
    const id = await storeCopy((row) => {
      expect(row.explanation).not.toEqual(oldExplanation); // the explanation now names the action
      const facts: Record<string, unknown> = { ...row.facts };
      for (const f of [
        'linesNetAmount',
        'linesPayableAmount',
        'ordinaryManualServiceNumbers',
        'ordinaryManualServiceNumberCount',
        'nonOrdinaryCaseTypes',
      ])
        delete facts[f];
      return {
        engine_version: oldEngine,
        explanation: oldExplanation,
        facts: facts as unknown as Row['facts'],
      };
    });
    const r = (await replay(id, { mode: 'recorded' })).json();
    expect(r.identical).toBe(false);
    const paths = r.differences.map((d: { path: string }) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/engineVersion',
        '/explanation/da',
        '/explanation/en',
        '/facts/linesNetAmount',
      ]),
    );
    expect(r.cause).toBe(
      `Engine version changed: stored with ${oldEngine}, replayed with ${ENGINE_VERSION}.`,
    );
    expect(ENGINE_VERSION).toBe('regelvaerk-engine/1.1.0 facts/3 json-rules-engine/7.3.1');
  });

  it('a stored result the same version cannot reproduce is reported as a defect', async () => {
    const id = await storeCopy(() => ({ outcome: 'manual' }));
    const r = (await replay(id, { mode: 'recorded' })).json();
    expect(r.identical).toBe(false);
    expect(r.differences).toEqual([{ path: '/outcome', op: 'replace', before: 'manual', after: 'approved' }]);
    expect(r.cause).toMatch(/cannot be reproduced/);
  });

  it('errors: unknown version 404, missing parameters 400, unknown decision 404, roles 403', async () => {
    expect((await replay(approved.id, { mode: 'version', version: 99 })).statusCode).toBe(404);
    const noVersion = await replay(approved.id, { mode: 'version' });
    expect(noVersion.statusCode).toBe(400);
    expect(noVersion.json().errors[0].pointer).toBe('/version');
    expect((await replay(approved.id, { mode: 'asOf' })).json().errors[0].pointer).toBe('/asOf');
    expect((await replay(approved.id, { mode: 'asOf', asOf: 'yesterday' })).statusCode).toBe(400);
    expect((await replay(approved.id, { mode: 'sometimes' })).statusCode).toBe(400);
    expect((await replay(approved.id, { mode: 'recorded', extra: 1 })).statusCode).toBe(400);
    expect((await replay(randomUUID(), { mode: 'recorded' })).statusCode).toBe(404);
    expect((await replay('nope', { mode: 'recorded' })).statusCode).toBe(404);
    expect((await replay(approved.id, { mode: 'recorded' }, 'admin')).statusCode).toBe(200);
    for (const role of ['caseworker', 'integration'] as const) {
      expect((await replay(approved.id, { mode: 'recorded' }, role)).statusCode).toBe(403);
    }
    expect((await replay(approved.id, { mode: 'recorded' }, 'auditor', '101')).statusCode).toBe(404);
  });

  it('replays every decision this suite stored by evaluation, as recorded, identically', async () => {
    // A spread of outcomes first: rejected, manual, credit note, reminder.
    const docs = [
      invoice({ id: nextId(), cprNumbers: [], receivedAt: '2026-03-02T10:00:00Z' }),
      invoice({ id: nextId(), lines: [line('1', '1001', '450.00')], receivedAt: '2026-07-02T10:00:00Z' }),
      {
        ...invoice({ id: nextId(), receivedAt: '2026-03-02T10:00:00Z' }),
        documentType: 'creditNote',
        billingReference: { id: 'X' },
      },
    ];
    for (const payload of docs) {
      const res = await p.app.inject({
        method: 'POST',
        url: '/api/v1/municipalities/851/evaluate',
        headers: m.headers('integration'),
        payload,
      });
      expect(res.statusCode).toBe(201);
    }
    const ids = await p.database.db
      .selectFrom('decisions')
      .select('id')
      .where('id', 'not in', handMade)
      .execute();
    expect(ids).toHaveLength(4);
    for (const { id } of ids) {
      const r = (await replay(id, { mode: 'recorded' })).json();
      expect({ id, identical: r.identical, cause: r.cause }).toEqual({
        id,
        identical: true,
        cause: undefined,
      });
    }
  });
});
