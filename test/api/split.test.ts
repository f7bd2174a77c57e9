/**
 * Distributing a manual invoice over parts (PUT/DELETE …/documents/:id/split, PRODUCT.md §7) and a
 * caseworker's payment groups (GET/PUT …/documents/:id/payment-groups), on both databases: the
 * setting of the deciding version, the stage rules, replacing and removing, refusals naming the
 * rule and the field, history and audit, postings following the groups.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CanonicalDocument } from '../../server/src/domain/document.js';
import { createTestPlatform, testDatabases, type TestPlatform } from '../support/platform.js';
import { seedMunicipality, seedPublishedVersion, type SeededMunicipality } from '../support/seed.js';
import { invoice, line, municipalityRuleset } from '../support/fixtures.js';
import { SplitService } from '../../server/src/features/split/split-service.js';
import { RulesetResolver } from '../../server/src/features/rulesets/ruleset-resolver.js';

type Role = Parameters<SeededMunicipality['headers']>[0];

describe.each(await testDatabases())('invoice split and payment groups on %s', (kind) => {
  let p: TestPlatform;
  let on: SeededMunicipality;
  let off: SeededMunicipality;
  let seq = 0;

  /** A glasses invoice with VAT (udvidet: manual) plus a dentist line — two case types. */
  const glasses = (): CanonicalDocument =>
    invoice({
      id: `S-${kind}-${++seq}`,
      lines: [line('1', '5001', '2000.00', '500.00'), line('2', '1001', '400.00', '0.00')],
    });

  const call = (
    m: SeededMunicipality,
    method: 'GET' | 'PUT' | 'POST' | 'DELETE',
    path: string,
    payload?: object,
    role: Role = 'caseworker',
  ) =>
    p.app.inject({
      method,
      url: `/api/v1/municipalities/${m.id}${path}`,
      headers: m.headers(role),
      ...(payload ? { payload } : {}),
    });

  const manualDocument = async (m: SeededMunicipality, doc = glasses()): Promise<string> => {
    const res = await call(
      m,
      'POST',
      '/evaluate',
      { ...doc, receivedAt: '2026-03-02T10:00:00Z' },
      'integration',
    );
    expect(res.statusCode).toBe(201);
    expect(res.json().outcome).toBe('manual');
    return res.json().documentId as string;
  };

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    on = await seedMunicipality(p, '851');
    off = await seedMunicipality(p, '101');
    await seedPublishedVersion(
      p,
      '851',
      municipalityRuleset((rs) => {
        rs.settings.invoiceSplit = { enabled: true };
      }),
    );
    await seedPublishedVersion(p, '101', municipalityRuleset());
  });
  afterAll(async () => p?.close());

  it('distributes a manual invoice: VAT computed at the document’s rate, saved, shown in the history, audited', async () => {
    const id = await manualDocument(on);
    const res = await call(on, 'PUT', `/documents/${id}/split`, {
      parts: [{ net: '1200.00', dueDate: '2026-04-01' }, { net: '1200.00' }],
      message: 'Aftalt delbetaling med optikeren',
    });
    expect(res.statusCode).toBe(200);
    // the document: net 2,400.00, VAT 500.00 → rate 500/2400
    expect(res.json()).toMatchObject({
      status: 'pending',
      message: 'Aftalt delbetaling med optikeren',
      totals: { net: '2400.00', vat: '500.00' },
      parts: [
        { net: '1200.00', vat: '250.00', vatComputed: true, dueDate: '2026-04-01' },
        { net: '1200.00', vat: '250.00', vatComputed: true, dueDate: null },
      ],
    });
    const doc = (await call(on, 'GET', `/documents/${id}`)).json();
    expect(doc.history.at(-1)).toMatchObject({
      kind: 'outcome',
      outcome: 'split',
      comment: 'Aftalt delbetaling med optikeren',
    });
    const audit = (
      await call(on, 'GET', `/audit-events?filter={"entityId":"${id}"}`, undefined, 'admin')
    ).json();
    expect(audit[0]).toMatchObject({ action: 'split', entity: 'document' });
    // saving again replaces it
    const again = await call(on, 'PUT', `/documents/${id}/split`, {
      parts: [
        { net: '800.00', vat: '100.00' },
        { net: '800.00', vat: '200.00' },
        { net: '800.00', vat: '200.00' },
      ],
      message: 'Tre rater',
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().parts.map((x: { vat: string }) => x.vat)).toEqual(['100.00', '200.00', '200.00']);
  });

  it('refuses a distribution that breaks a rule, naming the rule, the field and what remains — and stores nothing', async () => {
    const id = await manualDocument(on);
    const res = await call(on, 'PUT', `/documents/${id}/split`, {
      parts: [{ net: '1000.00' }, { net: '0.00', vat: '0.00' }],
      message: '',
    });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.remaining).toEqual({ net: '1400.00', vat: '291.67' });
    expect(body.errors.map((e: { code: string; pointer: string }) => [e.code, e.pointer])).toEqual([
      ['split.message', '/message'],
      ['split.emptyPart', '/parts/1'],
      ['split.remainingNet', '/parts'],
      ['split.remainingVat', '/parts'],
    ]);
    expect(body.errors[2].messages.da).toBe('Der mangler at blive fordelt 1.400,00 kr. af nettobeløbet.');
    expect(body.errors[1].message).toMatch(/net amount or a VAT amount/);
    // a JSON number where money is expected is a 400 naming the field
    const number = await call(on, 'PUT', `/documents/${id}/split`, {
      parts: [{ net: 1200 }, { net: '1200.00' }],
      message: 'x',
    });
    expect(number.statusCode).toBe(400);
    expect(number.json().errors[0].pointer).toBe('/parts/0/net');
    const doc = (await call(on, 'GET', `/documents/${id}`)).json();
    expect(doc.history.filter((h: { outcome: string }) => h.outcome === 'split')).toEqual([]);
  });

  it('is allowed in review, approval and investigation; refused once the document is decided', async () => {
    const id = await manualDocument(on);
    const body = { parts: [{ net: '1200.00' }, { net: '1200.00' }], message: 'Deling' };
    for (const stage of ['approval', 'investigation', 'review']) {
      expect((await call(on, 'POST', `/documents/${id}/stage`, { stage })).statusCode).toBe(200);
      expect((await call(on, 'PUT', `/documents/${id}/split`, body)).statusCode).toBe(200);
    }
    expect((await call(on, 'POST', `/documents/${id}/outcome`, { outcome: 'approved' })).statusCode).toBe(
      200,
    );
    const refused = await call(on, 'PUT', `/documents/${id}/split`, body);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/approved/);
  });

  it('removes a pending split (Fjern deling); removing twice is a 404', async () => {
    const id = await manualDocument(on);
    await call(on, 'PUT', `/documents/${id}/split`, {
      parts: [{ net: '1200.00' }, { net: '1200.00' }],
      message: 'Deling',
    });
    expect((await call(on, 'DELETE', `/documents/${id}/split`)).statusCode).toBe(204);
    expect((await call(on, 'DELETE', `/documents/${id}/split`)).statusCode).toBe(404);
    const doc = (await call(on, 'GET', `/documents/${id}`)).json();
    expect(doc.history.map((h: { outcome: string }) => h.outcome)).toEqual([
      'manual',
      'split',
      'split-removed',
    ]);
  });

  it('refuses every split route when the deciding version has the setting off, saying so', async () => {
    const id = await manualDocument(off);
    const res = await call(off, 'PUT', `/documents/${id}/split`, {
      parts: [{ net: '1200.00' }, { net: '1200.00' }],
      message: 'x',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ setting: '/settings/invoiceSplit/enabled' });
    expect((await call(off, 'DELETE', `/documents/${id}/split`)).statusCode).toBe(409);
  });

  it('moves a line to another payment group: amounts and postings follow, audited; refused once decided', async () => {
    const id = await manualDocument(on);
    const proposed = (await call(on, 'GET', `/documents/${id}/payment-groups`)).json();
    expect(proposed.changed).toBe(false);
    expect(proposed.groups.map((g: { lines: string[] }) => g.lines)).toEqual([['1'], ['2']]);
    const glassesGroup = proposed.groups[0];
    // the dentist line joins the glasses group
    const res = await call(on, 'PUT', `/documents/${id}/payment-groups`, {
      groups: [{ caseType: glassesGroup.caseType, account: glassesGroup.account, lines: ['1', '2'] }],
      comment: 'Hele regningen hører til brillebevillingen',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      changed: true,
      groups: [
        {
          caseType: glassesGroup.caseType,
          account: glassesGroup.account,
          lines: ['1', '2'],
          amount: '2900.00',
        },
      ],
      postings: [{ account: glassesGroup.account, amount: '2900.00' }],
    });
    expect((await call(on, 'GET', `/documents/${id}/payment-groups`)).json().changed).toBe(true);
    // a line left out, or twice, is refused at its field
    const bad = await call(on, 'PUT', `/documents/${id}/payment-groups`, {
      groups: [
        { caseType: null, account: '5.32.32.001', lines: ['1'] },
        { caseType: null, account: '5.32.32.004', lines: ['1', '9'] },
      ],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { code: string; pointer: string }) => [e.code, e.pointer])).toEqual([
      ['paymentGroups.lineTwice', '/groups/1/lines/0'],
      ['paymentGroups.unknownLine', '/groups/1/lines/1'],
      ['paymentGroups.lineMissing', '/groups'],
    ]);
    const doc = (await call(on, 'GET', `/documents/${id}`)).json();
    expect(doc.history.at(-1)).toMatchObject({
      outcome: 'payment-groups',
      comment: 'Hele regningen hører til brillebevillingen',
    });
    await call(on, 'POST', `/documents/${id}/outcome`, { outcome: 'approved' });
    const after = await call(on, 'PUT', `/documents/${id}/payment-groups`, {
      groups: [{ caseType: null, account: '5.32.32.001', lines: ['1', '2'] }],
    });
    expect(after.statusCode).toBe(409);
  });

  const splitInTwo = async (id: string) => {
    const res = await call(on, 'PUT', `/documents/${id}/split`, {
      parts: [
        { net: '1200.00', dueDate: '2026-04-01' },
        { net: '1200.00', dueDate: '2026-05-01' },
      ],
      message: 'To rater efter aftale',
    });
    expect(res.statusCode).toBe(200);
  };

  it('completes only in investigation: annuls the original and creates _1 … _n, each decided, stored and replayable', async () => {
    const id = await manualDocument(on);
    const original = (await call(on, 'GET', `/documents/${id}`)).json();
    await splitInTwo(id);
    const early = await call(on, 'POST', `/documents/${id}/split/complete`, { message: 'Delt' });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toMatch(/investigation/);
    await call(on, 'POST', `/documents/${id}/stage`, { stage: 'investigation' });
    const res = await call(on, 'POST', `/documents/${id}/split/complete`, { message: 'Delt efter aftale' });
    expect(res.statusCode).toBe(200);
    const number = original.documentKey.id as string;
    const done = res.json();
    expect(done.split).toMatchObject({
      status: 'completed',
      partDocuments: done.parts.map((x: { documentId: string }) => x.documentId),
    });
    expect(done.parts.map((x: { number: string }) => x.number)).toEqual([`${number}_1`, `${number}_2`]);
    // the original: annulled, kept as it arrived, with a system message naming the parts
    const after = (await call(on, 'GET', `/documents/${id}`)).json();
    expect(after).toMatchObject({ status: 'annulled', stage: null, payable: original.payable });
    expect(after.history.at(-1)).toMatchObject({ outcome: 'split-completed' });
    expect(after.history.at(-1).comment).toContain(`${number}_1, ${number}_2`);
    // its business response tells the ERP it was annulled and split
    const xml = (await call(on, 'GET', `/documents/${id}/response?format=oioubl`)).body;
    expect(xml).toContain('BusinessReject');
    expect(xml).toContain(`annulleret og delt i 2 delfakturaer: ${number}_1, ${number}_2`);
    for (const [k, part] of done.parts.entries()) {
      const doc = (await call(on, 'GET', `/documents/${part.documentId}`)).json();
      expect(doc).toMatchObject({ parentId: id, payable: '1450.00' });
      const decision = (await call(on, 'GET', `/decisions/${part.decisionId}`, undefined, 'admin')).json();
      expect(decision.cause).toEqual({
        kind: 'split',
        documentId: id,
        originalNumber: number,
        part: k + 1,
        parts: 2,
      });
      expect(decision.document).toMatchObject({
        id: `${number}_${k + 1}`,
        cprNumbers: ['0101501234'],
        totals: { net: '1200.00', vat: '250.00', payable: '1450.00' },
        dueDate: k === 0 ? '2026-04-01' : '2026-05-01',
        note: `Delfaktura ${k + 1} af 2 af faktura ${number} (id ${id}).`,
      });
      // the lines are apportioned: service numbers kept, amounts adding up to the part
      expect(decision.document.lines.map((l: { serviceNumber: string }) => l.serviceNumber)).toEqual([
        '5001',
        '1001',
      ]);
      expect(decision.reasons.map((r: { code: string }) => r.code)).not.toContain('BELOEB_UOVERENSSTEMMELSE');
      const replay = await call(
        on,
        'POST',
        `/decisions/${part.decisionId}/replay`,
        { mode: 'recorded' },
        'auditor',
      );
      expect(replay.statusCode).toBe(200);
      expect(replay.json().identical).toBe(true);
    }
    // completing twice, or removing a completed split, is refused
    expect((await call(on, 'POST', `/documents/${id}/split/complete`, { message: 'igen' })).statusCode).toBe(
      409,
    );
    expect((await call(on, 'DELETE', `/documents/${id}/split`)).statusCode).toBe(409);
  });

  it('refuses to complete a removed split', async () => {
    const id = await manualDocument(on);
    await splitInTwo(id);
    await call(on, 'DELETE', `/documents/${id}/split`);
    await call(on, 'POST', `/documents/${id}/stage`, { stage: 'investigation' });
    const res = await call(on, 'POST', `/documents/${id}/split/complete`, { message: 'Delt' });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/no split/);
  });

  it('a failure in the middle of completing leaves nothing behind', async () => {
    const doc = glasses();
    const id = await manualDocument(on, doc);
    // the supplier already sent an invoice numbered like the second part: the transaction fails there
    await manualDocument(on, { ...glasses(), id: `${doc.id}_2` });
    await splitInTwo(id);
    await call(on, 'POST', `/documents/${id}/stage`, { stage: 'investigation' });
    const res = await call(on, 'POST', `/documents/${id}/split/complete`, { message: 'Delt' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ number: `${doc.id}_2` });
    const after = (await call(on, 'GET', `/documents/${id}`)).json();
    expect(after).toMatchObject({ status: 'manual', stage: 'investigation', split: { status: 'pending' } });
    const first = await call(on, 'GET', `/documents?filter={"number":"${doc.id}_1"}`);
    expect(first.json()).toEqual([]);
    const decisions = await call(
      on,
      'GET',
      `/decisions?filter={"documentId":"${doc.id}_1"}`,
      undefined,
      'admin',
    );
    expect(decisions.statusCode === 200 ? decisions.json() : []).toEqual([]);
  });

  it('works on a server that has read no ruleset version yet (the embedded database has one connection)', async () => {
    const id = await manualDocument(on);
    // a fresh resolver, as after a restart: the split reads the versions it needs before its
    // transaction (read inside it, the embedded database would wait for itself forever)
    const cold = new SplitService(
      p.database.db,
      new RulesetResolver({ db: p.database.db, now: () => new Date() }),
      () => new Date(),
      'k',
    );
    const saved = await cold.distribute(
      on.id,
      id,
      { parts: [{ net: '1200.00' }, { net: '1200.00' }], message: 'Efter genstart' },
      'user:test',
    );
    expect(saved.status).toBe('pending');
    await new SplitService(
      p.database.db,
      new RulesetResolver({ db: p.database.db, now: () => new Date() }),
      () => new Date(),
      'k',
    ).remove(on.id, id, 'user:test');
    await call(on, 'POST', `/documents/${id}/stage`, { stage: 'investigation' });
    await cold.distribute(
      on.id,
      id,
      { parts: [{ net: '1200.00' }, { net: '1200.00' }], message: 'Igen' },
      'user:test',
    );
    const done = await new SplitService(
      p.database.db,
      new RulesetResolver({ db: p.database.db, now: () => new Date() }),
      () => new Date(),
      'k',
    ).complete(on.id, id, 'Delt efter genstart', 'user:test');
    expect(done.decisions).toHaveLength(2);
  }, 20_000);
});
