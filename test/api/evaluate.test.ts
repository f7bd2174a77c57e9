/**
 * POST /municipalities/:m/evaluate, the decision log and the business responses: stored and dry
 * runs, idempotency under concurrency, duplicates, credit-note and reminder matching, validation
 * errors that store nothing, roles and tenants, XML intake, the database going away mid-way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { CanonicalDocument } from '../../server/src/domain/document.js';
import { createTestPlatform, testDatabases, type TestPlatform } from '../support/platform.js';
import { seedMunicipality, seedPublishedVersion, type SeededMunicipality } from '../support/seed.js';
import { invoice, line, municipalityRuleset, totalsOf, KP_EAN } from '../support/fixtures.js';
import { dentistInvoice } from '../intake/helpers.js';

const CPR = '0101501234';
const CPR2 = '0202602345';

async function counts(p: TestPlatform): Promise<{ documents: number; decisions: number }> {
  const d = await p.database.db
    .selectFrom('documents')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const e = await p.database.db
    .selectFrom('decisions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return { documents: Number(d.n), decisions: Number(e.n) };
}

function creditNote(o: Partial<CanonicalDocument> & { ref: string; amount?: string }): CanonicalDocument {
  const { ref, amount = '100.00', ...rest } = o;
  const doc: CanonicalDocument = {
    ...invoice({ lines: [line('1', '1001', amount)] }),
    documentType: 'creditNote',
    id: `KN-${ref}`,
    billingReference: { id: ref },
    ...rest,
  };
  doc.totals = totalsOf(doc);
  return doc;
}

function reminder(o: Partial<CanonicalDocument> & { ref: string; fee?: string }): CanonicalDocument {
  const { ref, fee = '100.00', ...rest } = o;
  const doc: CanonicalDocument = {
    ...invoice({ lines: [] }),
    documentType: 'reminder',
    id: `R-${ref}`,
    billingReference: { id: ref },
    reminder: { fee, sequence: 1 },
    ...rest,
  };
  doc.totals = totalsOf(doc);
  return doc;
}

describe.each(await testDatabases())('evaluate on %s', (kind) => {
  let p: TestPlatform;
  let m: SeededMunicipality;
  let other: SeededMunicipality;
  let seq = 0;
  const nextId = (prefix = 'F'): string => `${prefix}-${kind}-${++seq}`;

  const evaluate = (
    body: unknown,
    opts: { query?: string; role?: Parameters<SeededMunicipality['headers']>[0]; muni?: string } = {},
  ) =>
    p.app.inject({
      method: 'POST',
      url: `/api/v1/municipalities/${opts.muni ?? m.id}/evaluate${opts.query ? `?${opts.query}` : ''}`,
      headers: m.headers(opts.role ?? 'integration'),
      payload: body as object,
    });

  beforeAll(async () => {
    p = await createTestPlatform(kind);
    m = await seedMunicipality(p, '851');
    other = await seedMunicipality(p, '101', 'Kommune 101', ['5798000012349']);
    await seedPublishedVersion(p, '851', municipalityRuleset(), { effectiveFrom: '2000-01-01T00:00:00Z' });
    // From mid-2026 the limit of service number 1001 is lower.
    await seedPublishedVersion(
      p,
      '851',
      municipalityRuleset((rs) => {
        rs.serviceNumbers.find((s) => s.code === '1001')!.maxAmount = '400.00';
      }),
      { effectiveFrom: '2026-06-01T00:00:00Z' },
    );
  });
  afterAll(async () => p?.close());

  it('stores a new decision (201, Location) in the §10 shape and updates the ledger', async () => {
    const doc = invoice({ id: nextId(), receivedAt: '2026-03-02T10:00:00Z' });
    const res = await evaluate(doc);
    expect(res.statusCode).toBe(201);
    const d = res.json();
    expect(res.headers.location).toBe(`/api/v1/municipalities/851/decisions/${d.id}`);
    for (const key of [
      'id',
      'documentId',
      'municipality',
      'documentKey',
      'outcome',
      'reasons',
      'actions',
      'paymentGroups',
      'ruleset',
      'engineVersion',
      'explanation',
      'trace',
      'document',
      'receivedAt',
      'createdAt',
      'postings',
      'facts',
      'duplicate',
    ]) {
      expect(d).toHaveProperty(key);
    }
    expect(d).toMatchObject({
      municipality: '851',
      documentKey: { supplier: 'DK16356706', documentType: 'invoice', id: doc.id },
      outcome: 'approved',
      reasons: [],
      ruleset: { version: 1, hash: expect.stringMatching(/^sha256:/) },
      receivedAt: '2026-03-02T10:00:00.000Z',
      duplicate: false,
      payable: '1530.50',
      paymentGroups: [
        { caseType: 'ALM_TANDLAEGE', account: '5.32.32.001', lines: ['1', '2', '3'], amount: '1530.50' },
      ],
      postings: [{ account: '5.32.32.001', amount: '1530.50' }],
    });
    expect(d.document.cprNumbers).toEqual([CPR]);
    expect(d.explanation.da).toMatch(/\S/);
    // issue 8, finding 10: KP's name for each action beside its code (additive: `actions` is unchanged)
    expect(d.actions).toEqual(['OPRET_ALM_HELBREDSTILLAEGSSAG']);
    expect(d.actionDetails).toEqual([
      {
        code: 'OPRET_ALM_HELBREDSTILLAEGSSAG',
        text: { da: 'Opret ny alm. helbredstillægssag', en: 'Create new ordinary health supplement case' },
      },
    ]);
    expect(d.trace.length).toBeGreaterThan(10);
    expect(d.dryRun).toBeUndefined();

    const row = await p.database.db
      .selectFrom('documents')
      .selectAll()
      .where('id', '=', d.documentId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'approved',
      stage: null,
      supplier_key: '16356706',
      number: doc.id,
      first_decision_id: d.id,
      latest_decision_id: d.id,
      case_kinds: ['almindelig'],
    });
    // The ledger keeps a keyed hash of the CPR number, never the number itself.
    expect(JSON.stringify(row)).not.toContain(CPR);
    expect(row.cpr_hashes).toHaveLength(1);

    const got = await p.app.inject({
      url: `/api/v1/municipalities/851/decisions/${d.id}`,
      headers: m.headers('auditor'),
    });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual(d);
  });

  it('is idempotent: the same document again returns the stored decision (200, same id), even with another receivedAt', async () => {
    const doc = invoice({ id: nextId(), receivedAt: '2026-03-02T10:00:00Z' });
    const first = await evaluate(doc);
    expect(first.statusCode).toBe(201);
    const before = await counts(p);
    const again = await evaluate({ ...doc, receivedAt: '2026-03-03T09:00:00Z' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    // Key order and whitespace do not make a different document.
    const reordered = Object.fromEntries(Object.entries(doc).reverse());
    const third = await evaluate(reordered);
    expect(third.statusCode).toBe(200);
    expect(third.json().id).toBe(first.json().id);
    expect(await counts(p)).toEqual(before);
  });

  it('stores exactly one decision for 50 concurrent sends of one document', async () => {
    const doc = invoice({ id: nextId(), receivedAt: '2026-03-02T10:00:00Z' });
    const responses = await Promise.all(Array.from({ length: 50 }, () => evaluate(doc)));
    const codes = responses.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 200)).toHaveLength(49);
    expect(new Set(responses.map((r) => r.json().id)).size).toBe(1);
    const rows = await p.database.db
      .selectFrom('decisions')
      .select('id')
      .where(sql<string>`document_key->>'id'`, '=', doc.id)
      .execute();
    expect(rows).toHaveLength(1);
    const ledger = await p.database.db
      .selectFrom('documents')
      .select('id')
      .where('number', '=', doc.id)
      .execute();
    expect(ledger).toHaveLength(1);
  });

  it('rejects a different document under the same key as DUBLET and leaves the original status alone', async () => {
    const doc = invoice({ id: nextId(), receivedAt: '2026-03-02T10:00:00Z' });
    const original = (await evaluate(doc)).json();
    expect(original.outcome).toBe('approved');
    const changed = invoice({ id: doc.id, lines: [line('1', '1001', '999.00')] });
    const dup = await evaluate(changed);
    expect(dup.statusCode).toBe(201);
    const d = dup.json();
    expect(d).toMatchObject({ outcome: 'rejected', duplicate: true, documentId: original.documentId });
    expect(d.reasons[0].code).toBe('DUBLET');
    expect(d.ledgerSnapshot.previous).toEqual({ contentHash: expect.any(String), decisionId: original.id });
    const row = await p.database.db
      .selectFrom('documents')
      .selectAll()
      .where('id', '=', original.documentId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'approved', latest_decision_id: original.id, payable: '1530.50' });
    // Sending the duplicate again is itself idempotent; the original again is too.
    const dupAgain = await evaluate(changed);
    expect(dupAgain.statusCode).toBe(200);
    expect(dupAgain.json().id).toBe(d.id);
    const originalAgain = await evaluate(doc);
    expect(originalAgain.statusCode).toBe(200);
    expect(originalAgain.json().id).toBe(original.id);
  });

  it('decides with the version in force at receivedAt', async () => {
    const early = await evaluate(
      invoice({ id: nextId(), receivedAt: '2026-05-31T23:59:59Z', lines: [line('1', '1001', '450.00')] }),
    );
    expect(early.json()).toMatchObject({ outcome: 'approved', ruleset: { version: 1 } });
    const late = await evaluate(
      invoice({ id: nextId(), receivedAt: '2026-06-01T00:00:00Z', lines: [line('1', '1001', '450.00')] }),
    );
    expect(late.json()).toMatchObject({ outcome: 'manual', ruleset: { version: 2 } });
    expect(late.json().reasons.map((r: { code: string }) => r.code)).toEqual(['OVER_BELOEBSGRAENSE']);
    // Without receivedAt: now, which is after June 2026 only if the clock says so.
    const now = await evaluate(invoice({ id: nextId() }));
    expect(now.statusCode).toBe(201);
    expect(Date.parse(now.json().receivedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  describe('credit notes and reminders match the stored invoice', () => {
    it('credit note for an approved invoice → KREDITNOTA_ANNULLERING, posted to the invoice accounts', async () => {
      const inv = invoice({ id: nextId(), receivedAt: '2026-03-02T10:00:00Z' });
      expect((await evaluate(inv)).json().outcome).toBe('approved');
      // The supplier written without DK is the same supplier.
      const kn = creditNote({ ref: inv.id, supplier: { id: '16356706', scheme: 'DK:CVR' } });
      const d = (await evaluate(kn)).json();
      expect(d.outcome).toBe('manual');
      expect(d.reasons.map((r: { code: string }) => r.code)).toEqual(['KREDITNOTA_ANNULLERING']);
      expect(d.ledgerSnapshot.matchingInvoice).toMatchObject({
        id: inv.id,
        status: 'approved',
        payable: '1530.50',
      });
      expect(d.postings).toEqual([{ account: '5.32.32.001', amount: '-100.00' }]);
    });

    it('an invoice and its credit note sent at once (one group commit) are decided in order', async () => {
      const inv = invoice({ id: nextId(), receivedAt: '2026-03-02T10:00:00Z' });
      const kn = creditNote({ ref: inv.id });
      const again = creditNote({ ref: inv.id, id: nextId('KN') });
      // the API key cached first: otherwise each request looks it up, and they may reach the
      // writer in another order than they were sent (run alone, this test is the first to use it)
      await evaluate(inv, { query: 'dryRun=true' });
      const [a, b, c] = await Promise.all([evaluate(inv), evaluate(kn), evaluate(again)]);
      expect([a.statusCode, b.statusCode, c.statusCode]).toEqual([201, 201, 201]);
      expect(a.json().outcome).toBe('approved');
      expect(b.json().ledgerSnapshot.matchingInvoice).toMatchObject({
        id: inv.id,
        status: 'approved',
        credited: '0.00',
      });
      expect(b.json().reasons.map((r: { code: string }) => r.code)).toEqual(['KREDITNOTA_ANNULLERING']);
      // the second credit note sees the first one's amount as credited already
      expect(c.json().ledgerSnapshot.matchingInvoice).toMatchObject({ id: inv.id, credited: '100.00' });
    });

    it('credit note without an invoice → KREDITNOTA_UDEN_FAKTURA; for a pending one → KREDITNOTA_AFVENTER_FAKTURA', async () => {
      const none = (await evaluate(creditNote({ ref: 'NO-SUCH-INVOICE' }))).json();
      expect(none.reasons.map((r: { code: string }) => r.code)).toEqual(['KREDITNOTA_UDEN_FAKTURA']);
      const inv = invoice({
        id: nextId(),
        receivedAt: '2026-03-02T10:00:00Z',
        lines: [line('1', '1001', '2000.00')],
      });
      expect((await evaluate(inv)).json().outcome).toBe('manual');
      const d = (await evaluate(creditNote({ ref: inv.id }))).json();
      expect(d.reasons.map((r: { code: string }) => r.code)).toEqual(['KREDITNOTA_AFVENTER_FAKTURA']);
    });

    it('credit note and reminder for a rejected invoice are rejected', async () => {
      const inv = invoice({ id: nextId(), receivedAt: '2026-03-02T10:00:00Z', cprNumbers: [CPR, CPR2] });
      expect((await evaluate(inv)).json().reasons[0].code).toBe('SAMLEREGNING');
      const kn = (await evaluate(creditNote({ ref: inv.id, cprNumbers: [CPR] }))).json();
      expect(kn.reasons[0].code).toBe('KREDITNOTA_FAKTURA_AFVIST');
      const r = (await evaluate(reminder({ ref: inv.id }))).json();
      expect(r.reasons[0].code).toBe('RYKKER_FAKTURA_AFVIST');
    });

    it('reminders: with a fee for an approved invoice → RYKKERGEBYR; without an invoice → RYKKER_UDEN_FAKTURA', async () => {
      const inv = invoice({ id: nextId(), receivedAt: '2026-03-02T10:00:00Z' });
      await evaluate(inv);
      const r = (await evaluate(reminder({ ref: inv.id }))).json();
      expect(r.outcome).toBe('manual');
      expect(r.reasons.map((x: { code: string }) => x.code)).toEqual(['RYKKERGEBYR']);
      expect(r.postings).toEqual([{ account: '5.32.32.099', amount: '100.00' }]);
      const orphan = (await evaluate(reminder({ ref: 'NOPE' }))).json();
      expect(orphan.reasons.map((x: { code: string }) => x.code)).toEqual(['RYKKER_UDEN_FAKTURA']);
    });

    it('openCaseThisYear: an approved ordinary invoice for the same CPR in the same calendar year', async () => {
      const cpr = '1505701234';
      await evaluate(
        invoice({
          id: nextId(),
          issueDate: '2025-02-01',
          cprNumbers: [cpr],
          receivedAt: '2026-03-02T10:00:00Z',
        }),
      );
      const otherYear = (
        await evaluate(
          invoice({
            id: nextId(),
            issueDate: '2026-02-01',
            cprNumbers: [cpr],
            receivedAt: '2026-03-02T10:00:00Z',
          }),
        )
      ).json();
      expect(otherYear.facts.openCaseThisYear).toBe(false);
      expect(otherYear.actions).toEqual(['OPRET_ALM_HELBREDSTILLAEGSSAG']);
      const sameYear = (
        await evaluate(
          invoice({
            id: nextId(),
            issueDate: '2026-03-01',
            cprNumbers: [cpr],
            receivedAt: '2026-03-02T10:00:00Z',
          }),
        )
      ).json();
      expect(sameYear.facts.openCaseThisYear).toBe(true);
      expect(sameYear.actions).toEqual(['TILFOEJ_YDELSE_TIL_BEVILLING']);
      expect(sameYear.ledgerSnapshot.openCaseThisYear).toBe(true);
    });
  });

  describe('bad input is a 400 naming the field, and nothing is stored', () => {
    it('money as a JSON number', async () => {
      const before = await counts(p);
      const doc = invoice({ id: nextId() }) as unknown as Record<string, unknown>;
      (doc.lines as Record<string, unknown>[])[0]!.netAmount = 450;
      const res = await evaluate(doc);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            pointer: '/lines/0/netAmount',
            message: expect.stringMatching(/decimal string/),
          }),
        ]),
      );
      expect(await counts(p)).toEqual(before);
    });

    it('missing and unknown fields, bad JSON, wrong media type, NUL characters', async () => {
      const before = await counts(p);
      const { supplier: _s, ...noSupplier } = invoice({ id: nextId() });
      const missing = await evaluate({ ...noSupplier, suplier: { id: 'x' } });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().errors.map((e: { pointer: string }) => e.pointer)).toEqual(
        expect.arrayContaining(['/supplier', '/suplier']),
      );
      const notJson = await p.app.inject({
        method: 'POST',
        url: '/api/v1/municipalities/851/evaluate',
        headers: { ...m.headers('integration'), 'content-type': 'application/json' },
        payload: '{"documentType": "invoice",',
      });
      expect(notJson.statusCode).toBe(400);
      expect(notJson.json().detail).toMatch(/not valid JSON/);
      const text = await p.app.inject({
        method: 'POST',
        url: '/api/v1/municipalities/851/evaluate',
        headers: { ...m.headers('integration'), 'content-type': 'text/plain' },
        payload: 'hello',
      });
      expect(text.statusCode).toBe(415);
      expect(text.json().detail).toMatch(/application\/json/);
      const nul = await evaluate(invoice({ id: nextId(), supplier: { id: 'DK16356706', name: 'A\u0000B' } }));
      expect(nul.statusCode).toBe(400);
      expect(nul.json().errors[0].pointer).toBe('/supplier/name');
      const empty = await p.app.inject({
        method: 'POST',
        url: '/api/v1/municipalities/851/evaluate',
        headers: m.headers('integration'),
      });
      expect(empty.statusCode).toBe(400);
      expect(await counts(p)).toEqual(before);
    });

    it('a body that is not JSON is answered with where it breaks, in Danish and English; nothing is stored', async () => {
      const before = await counts(p);
      const send = (payload: string) =>
        p.app.inject({
          method: 'POST',
          url: '/api/v1/municipalities/851/evaluate',
          headers: { ...m.headers('integration'), 'content-type': 'application/json; charset=utf-8' },
          payload,
        });
      const broken = await send('{\n  "documentType": "invoice",\n  "id": "F-1",,\n}');
      expect(broken.statusCode).toBe(400);
      expect(broken.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(broken.json().detail).toMatch(/^The body is not valid JSON \(line 3, column 15\): /);
      expect(broken.json().errors).toEqual([
        expect.objectContaining({
          pointer: '/',
          code: 'body.invalidJson',
          messages: {
            da: 'Indholdet er ikke gyldig JSON (linje 3, kolonne 15).',
            en: 'The body is not valid JSON (line 3, column 15).',
          },
        }),
      ]);
      const cut = await send('{"documentType": "invoice"');
      expect(cut.json().errors[0].messages.en).toBe('The body is not valid JSON (line 1, column 27).');
      const poisoned = await send('{"documentType": "invoice", "__proto__": {"admin": true}}');
      expect(poisoned.statusCode).toBe(400);
      expect(poisoned.json().errors[0].code).toBe('body.forbiddenKey');
      const empty = await send('');
      expect(empty.statusCode).toBe(400);
      expect(empty.json().errors[0]).toMatchObject({
        code: 'body.empty',
        messages: { da: 'Forespørgslen har intet indhold; send JSON.' },
      });
      expect(await counts(p)).toEqual(before);
    });

    it('receivedAt in the future (beyond clock skew), bad query parameters', async () => {
      const before = await counts(p);
      const future = await evaluate(
        invoice({ id: nextId(), receivedAt: new Date(Date.now() + 3600_000).toISOString() }),
      );
      expect(future.statusCode).toBe(400);
      expect(future.json().errors[0].pointer).toBe('/receivedAt');
      const skew = await evaluate(
        invoice({ id: nextId(), receivedAt: new Date(Date.now() + 60_000).toISOString() }),
      );
      expect(skew.statusCode).toBe(201);
      const badQuery = await evaluate(invoice({ id: nextId() }), { query: 'dryRun=yes' });
      expect(badQuery.statusCode).toBe(400);
      expect(badQuery.json().errors[0].pointer).toBe('/querystring/dryRun');
      const conflicting = await evaluate(invoice({ id: nextId() }), { query: 'dryRun=false&version=1' });
      expect(conflicting.statusCode).toBe(400);
      const both = await evaluate(invoice({ id: nextId() }), { query: 'version=1&draft=true' });
      expect(both.statusCode).toBe(400);
      expect(await counts(p)).toEqual({
        ...before,
        documents: before.documents + 1,
        decisions: before.decisions + 1,
      });
    });
  });

  describe('rulesets that do not exist', () => {
    it('unknown version → 404; no published version in force → 409 with a clear detail', async () => {
      const unknown = await evaluate(invoice({ id: nextId() }), { query: 'version=99' });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().detail).toMatch(/Version 99/);
      const before = await counts(p);
      const none = await p.app.inject({
        method: 'POST',
        url: '/api/v1/municipalities/101/evaluate',
        headers: other.headers('integration'),
        payload: invoice({ id: nextId() }),
      });
      expect(none.statusCode).toBe(409);
      expect(none.json().detail).toMatch(/no published ruleset version in force/);
      // Before the first version took effect there is nothing in force either.
      const tooEarly = await evaluate(invoice({ id: nextId(), receivedAt: '1999-12-31T00:00:00Z' }));
      expect(tooEarly.statusCode).toBe(409);
      expect(await counts(p)).toEqual(before);
    });
  });

  describe('dry runs', () => {
    it('compute without storing, marked dryRun: true; version=N picks the version', async () => {
      const before = await counts(p);
      const doc = invoice({
        id: nextId(),
        lines: [line('1', '1001', '450.00')],
        receivedAt: '2026-03-02T10:00:00Z',
      });
      const dry = await evaluate(doc, { query: 'dryRun=true' });
      expect(dry.statusCode).toBe(200);
      expect(dry.json()).toMatchObject({
        id: null,
        documentId: null,
        dryRun: true,
        outcome: 'approved',
        ruleset: { version: 1 },
      });
      const v2 = await evaluate(doc, { query: 'version=2' });
      expect(v2.json()).toMatchObject({ dryRun: true, outcome: 'manual', ruleset: { version: 2 } });
      expect(await counts(p)).toEqual(before);
    });

    it('see the ledger without changing it (a dry run of a changed document shows the DUBLET)', async () => {
      const doc = invoice({ id: nextId(), receivedAt: '2026-03-02T10:00:00Z' });
      const stored = (await evaluate(doc)).json();
      const before = await counts(p);
      const same = (await evaluate(doc, { query: 'dryRun=true' })).json();
      expect(same).toMatchObject({ outcome: 'approved', documentId: stored.documentId, duplicate: false });
      const changed = (await evaluate({ ...doc, note: 'changed' }, { query: 'dryRun=true' })).json();
      expect(changed).toMatchObject({ outcome: 'rejected', duplicate: true });
      expect(await counts(p)).toEqual(before);
    });

    it('sent at once (their ledger reads are one statement), each sees its own ledger facts', async () => {
      const inv = invoice({ id: nextId(), receivedAt: '2026-03-02T10:00:00Z' });
      const stored = (await evaluate(inv)).json();
      const before = await counts(p);
      const unknown = invoice({ id: nextId(), receivedAt: '2026-03-02T10:00:00Z', cprNumbers: [CPR2] });
      const docs = [
        inv, // the stored document itself
        { ...inv, note: 'changed' }, // another document under its key
        creditNote({ ref: inv.id, id: nextId('KN') }), // refers to it
        creditNote({ ref: 'NO-SUCH-INVOICE', id: nextId('KN') }),
        unknown, // a key the ledger does not know
        reminder({ ref: inv.id, id: nextId('R') }),
      ];
      const all = (await Promise.all(docs.map((d) => evaluate(d, { query: 'dryRun=true' })))).map((r) => {
        expect(r.statusCode).toBe(200);
        return r.json();
      });
      const codes = (d: { reasons: { code: string }[] }): string[] => d.reasons.map((r) => r.code);
      expect(all[0]).toMatchObject({ outcome: 'approved', documentId: stored.documentId, duplicate: false });
      expect(all[1]).toMatchObject({ outcome: 'rejected', documentId: stored.documentId, duplicate: true });
      expect(codes(all[2])).toEqual(['KREDITNOTA_ANNULLERING']);
      expect(all[2].ledgerSnapshot.matchingInvoice).toMatchObject({ id: inv.id, status: 'approved' });
      expect(codes(all[3])).toEqual(['KREDITNOTA_UDEN_FAKTURA']);
      expect(all[3].ledgerSnapshot.matchingInvoice).toBeNull();
      expect(all[4]).toMatchObject({ outcome: 'approved', documentId: null, duplicate: false });
      expect(all[5].ledgerSnapshot.matchingInvoice).toMatchObject({ id: inv.id, status: 'approved' });
      // each is what the same dry run sent alone gives
      for (const [i, d] of docs.entries()) {
        const alone = (await evaluate(d, { query: 'dryRun=true' })).json();
        const same = { timingMs: 0, createdAt: '', receivedAt: '' };
        expect({ ...all[i], ...same }).toEqual({ ...alone, ...same });
      }
      expect(await counts(p)).toEqual(before);
    });

    it('against the draft: 404 without one, 422 when invalid, the draft otherwise', async () => {
      const doc = invoice({ id: nextId(), lines: [line('1', '1001', '450.00')] });
      expect((await evaluate(doc, { query: 'draft=true' })).statusCode).toBe(404);
      const draft = municipalityRuleset((rs) => {
        rs.serviceNumbers.find((s) => s.code === '1001')!.maxAmount = '100.00';
      });
      await p.database.db
        .insertInto('ruleset_drafts')
        .values({ municipality_id: '851', revision: 3, document: JSON.stringify(draft), updated_by: 'test' })
        .execute();
      const res = await evaluate(doc, { query: 'draft=true', role: 'admin' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        dryRun: true,
        outcome: 'manual',
        ruleset: { version: null, draft: { revision: 3 }, hash: expect.stringMatching(/^sha256:/) },
      });
      await p.database.db
        .updateTable('ruleset_drafts')
        .set({
          document: JSON.stringify({ ...draft, settings: { ...draft.settings, acceptVat: 'yes' } }),
          revision: 4,
        })
        .where('municipality_id', '=', '851')
        .execute();
      const invalid = await evaluate(doc, { query: 'draft=true' });
      expect(invalid.statusCode).toBe(422);
      expect(invalid.json().errors[0].pointer).toBe('/draft/settings/acceptVat');
      // a draft based on kp-standard that dropped a locked rule is refused like at publishing
      await p.database.db
        .updateTable('ruleset_drafts')
        .set({
          document: JSON.stringify({
            ...draft,
            basedOn: { template: 'kp-standard', version: 1 },
            rules: draft.rules.filter((r) => r.name !== 'samleregning'),
          }),
          revision: 5,
        })
        .where('municipality_id', '=', '851')
        .execute();
      const unlocked = await evaluate(doc, { query: 'draft=true' });
      expect(unlocked.statusCode).toBe(422);
      expect(unlocked.json().errors).toContainEqual(
        expect.objectContaining({ pointer: '/draft/rules', code: 'ruleset.lockedRuleRemoved' }),
      );
      await p.database.db.deleteFrom('ruleset_drafts').where('municipality_id', '=', '851').execute();
    });
  });

  describe('roles and tenants', () => {
    it('integration evaluates; an administrator only simulates; caseworker and auditor do neither', async () => {
      const doc = invoice({ id: nextId() });
      expect((await evaluate(doc, { role: 'admin' })).statusCode).toBe(403);
      expect((await evaluate(doc, { role: 'adminKey' })).statusCode).toBe(403);
      expect((await evaluate(doc, { role: 'admin', query: 'dryRun=true' })).statusCode).toBe(200);
      expect((await evaluate(doc, { role: 'integration', query: 'dryRun=true' })).statusCode).toBe(200);
      for (const role of ['caseworker', 'auditor'] as const) {
        expect((await evaluate(doc, { role })).statusCode).toBe(403);
        expect((await evaluate(doc, { role, query: 'dryRun=true' })).statusCode).toBe(403);
      }
      const anonymous = await p.app.inject({
        method: 'POST',
        url: '/api/v1/municipalities/851/evaluate',
        payload: doc,
      });
      expect(anonymous.statusCode).toBe(401);
    });

    it('a key of one municipality cannot evaluate for, or read the decisions of, another', async () => {
      const res = await evaluate(invoice({ id: nextId() }), { muni: '101' });
      expect(res.statusCode).toBe(403);
      const d = (await evaluate(invoice({ id: nextId() }))).json();
      for (const url of [
        `/api/v1/municipalities/851/decisions/${d.id}`,
        `/api/v1/municipalities/851/decisions`,
        `/api/v1/municipalities/851/decisions/${d.id}/response`,
      ]) {
        expect((await p.app.inject({ url, headers: other.headers('integration') })).statusCode).toBe(403);
        expect((await p.app.inject({ url, headers: other.headers('auditor') })).statusCode).toBe(403);
      }
      // Asking 101 for 851's decision id finds nothing there.
      const cross = await p.app.inject({
        url: `/api/v1/municipalities/101/decisions/${d.id}`,
        headers: other.headers('auditor'),
      });
      expect(cross.statusCode).toBe(404);
    });
  });

  it('reads OIOUBL XML with the deciding version’s intake settings', async () => {
    const xml = dentistInvoice({ id: nextId('X'), buyerEan: KP_EAN, orderReference: CPR });
    const res = await p.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities/851/evaluate?receivedAt=2026-03-02T10:00:00Z',
      headers: { ...m.headers('integration'), 'content-type': 'application/xml' },
      payload: xml,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      outcome: 'approved',
      receivedAt: '2026-03-02T10:00:00.000Z',
      document: { format: 'oioubl21', cprNumbers: [CPR], lines: [{ serviceNumber: '1001' }] },
    });
    const again = await p.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities/851/evaluate',
      headers: { ...m.headers('integration'), 'content-type': 'application/xml' },
      payload: xml,
    });
    expect(again.statusCode).toBe(200);
    const before = await counts(p);
    const doctype = await p.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities/851/evaluate',
      headers: { ...m.headers('integration'), 'content-type': 'application/xml' },
      payload: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><Invoice/>',
    });
    expect(doctype.statusCode).toBe(400);
    expect(doctype.json().errors.length).toBeGreaterThan(0);
    const notXml = await p.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities/851/evaluate',
      headers: { ...m.headers('integration'), 'content-type': 'application/xml' },
      payload: 'not xml at all',
    });
    expect(notXml.statusCode).toBe(400);
    expect(await counts(p)).toEqual(before);
  });

  describe('the decision log', () => {
    it('lists decisions without trace, facts or document, CPR masked, with filters, sort and Content-Range', async () => {
      const res = await p.app.inject({
        url: '/api/v1/municipalities/851/decisions?range=[0,4]',
        headers: m.headers('caseworker'),
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-range']).toMatch(/^decisions 0-4\/\d+$/);
      const items = res.json();
      expect(items).toHaveLength(5);
      for (const item of items) {
        expect(item).not.toHaveProperty('trace');
        expect(item).not.toHaveProperty('facts');
        expect(item).not.toHaveProperty('document');
        for (const c of item.cpr) expect(c).toMatch(/^\d{6}-\*{4}$/);
        expect(item.actionDetails.map((a: { code: string }) => a.code)).toEqual(item.actions);
      }
      // the supplier's name from the document it was made from (the fixtures' dentist)
      expect(
        items
          .filter((i: { documentKey: { supplier: string } }) => i.documentKey.supplier === 'DK16356706')
          .map((i: { supplierName: string | null }) => i.supplierName),
      ).toContain('Tandlæge Hansen');
      for (const item of items) expect(item).toHaveProperty('supplierName');
      expect(res.body).not.toContain(CPR);
      const list = async (filter: object, sort?: [string, string]) =>
        (
          await p.app.inject({
            url: `/api/v1/municipalities/851/decisions?filter=${encodeURIComponent(JSON.stringify(filter))}${
              sort ? `&sort=${encodeURIComponent(JSON.stringify(sort))}` : ''
            }&range=[0,999]`,
            headers: m.headers('auditor'),
          })
        ).json();
      const rejected = await list({ outcome: 'rejected' });
      expect(rejected.length).toBeGreaterThan(0);
      expect(rejected.every((d: { outcome: string }) => d.outcome === 'rejected')).toBe(true);
      const dublet = await list({ reason: 'DUBLET' });
      expect(dublet.length).toBeGreaterThan(0);
      expect(dublet.every((d: { duplicate: boolean }) => d.duplicate)).toBe(true);
      const credit = await list({ documentType: 'creditNote' });
      expect(
        credit.every(
          (d: { documentKey: { documentType: string } }) => d.documentKey.documentType === 'creditNote',
        ),
      ).toBe(true);
      expect((await list({ supplier: '16356706' })).length).toBeGreaterThan(0);
      expect(await list({ supplier: 'DK99999999' })).toEqual([]);
      const june = await list({ from: '2026-06-01', to: '2026-06-01' });
      expect(june.every((d: { receivedAt: string }) => d.receivedAt.startsWith('2026-06-01'))).toBe(true);
      expect(june.length).toBeGreaterThan(0);
      const byPayable = await list({}, ['payable', 'ASC']);
      const amounts = byPayable.map((d: { payable: string }) => Number(d.payable));
      expect([...amounts].sort((a, b) => a - b)).toEqual(amounts);
      const one = byPayable[0];
      expect((await list({ documentId: one.documentId })).map((d: { id: string }) => d.id)).toContain(one.id);
      const badFilter = await p.app.inject({
        url: `/api/v1/municipalities/851/decisions?filter=${encodeURIComponent('{"cpr":"x"}')}`,
        headers: m.headers('auditor'),
      });
      expect(badFilter.statusCode).toBe(400);
      const badSort = await p.app.inject({
        url: `/api/v1/municipalities/851/decisions?sort=${encodeURIComponent('["trace","ASC"]')}`,
        headers: m.headers('auditor'),
      });
      expect(badSort.statusCode).toBe(400);
    });

    it('GET …/decisions/:id: 404 for an unknown or malformed id', async () => {
      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
        const res = await p.app.inject({
          url: `/api/v1/municipalities/851/decisions/${id}`,
          headers: m.headers('auditor'),
        });
        expect(res.statusCode).toBe(404);
      }
    });

    it('renders the business response as OIOUBL ApplicationResponse or Peppol InvoiceResponse', async () => {
      const at = '2026-03-02T10:00:00Z';
      const ok = (await evaluate(invoice({ id: nextId(), receivedAt: at }))).json();
      expect(ok.outcome).toBe('approved');
      const rejected = (await evaluate(invoice({ id: nextId(), cprNumbers: [], receivedAt: at }))).json();
      const oioubl = await p.app.inject({
        url: `/api/v1/municipalities/851/decisions/${ok.id}/response?format=oioubl`,
        headers: m.headers('integration'),
      });
      expect(oioubl.statusCode).toBe(200);
      expect(oioubl.headers['content-type']).toContain('application/xml');
      expect(oioubl.body).toContain('BusinessAccept');
      expect(oioubl.body).toContain(KP_EAN);
      const peppol = await p.app.inject({
        url: `/api/v1/municipalities/851/decisions/${rejected.id}/response?format=peppol`,
        headers: m.headers('integration'),
      });
      expect(peppol.body).toContain('>RE<');
      expect(peppol.body).toContain('MANGLER_CPR');
      const byDefault = await p.app.inject({
        url: `/api/v1/municipalities/851/decisions/${rejected.id}/response`,
        headers: m.headers('caseworker'),
      });
      expect(byDefault.body).toContain('BusinessReject');
      const bad = await p.app.inject({
        url: `/api/v1/municipalities/851/decisions/${ok.id}/response?format=edifact`,
        headers: m.headers('integration'),
      });
      expect(bad.statusCode).toBe(400);
    });
  });

  it('counts decisions in /metrics', async () => {
    const res = await p.app.inject('/metrics');
    expect(res.body).toMatch(/regelvaerk_decisions_total\{municipality="851",outcome="approved"\} \d+/);
    expect(res.body).toMatch(/regelvaerk_evaluate_seconds_count\{stored="true"\} \d+/);
    expect(res.body).toMatch(/regelvaerk_evaluate_seconds_count\{stored="false"\} \d+/);
  });

  it('never writes a CPR number to the logs', () => {
    const logs = p.logs.join('');
    expect(logs.length).toBeGreaterThan(0);
    for (const cpr of [CPR, CPR2, '1505701234']) {
      expect(logs).not.toContain(cpr);
      expect(logs).not.toContain(`${cpr.slice(0, 6)}-${cpr.slice(6)}`);
    }
  });

  it('replays every decision this suite stored, as recorded, identically', async () => {
    const ids = await p.database.db
      .selectFrom('decisions')
      .select('id')
      .where('municipality_id', '=', '851')
      .execute();
    expect(ids.length).toBeGreaterThan(20);
    for (const { id } of ids) {
      const res = await p.app.inject({
        method: 'POST',
        url: `/api/v1/municipalities/851/decisions/${id}/replay`,
        headers: m.headers('auditor'),
        payload: { mode: 'recorded' },
      });
      expect(res.statusCode).toBe(200);
      expect({ id, identical: res.json().identical, differences: res.json().differences }).toEqual({
        id,
        identical: true,
        differences: [],
      });
    }
  });
});

describe.each(await testDatabases())('evaluate with the database failing on %s', (kind) => {
  let p: TestPlatform;
  let m: SeededMunicipality;
  beforeAll(async () => {
    p = await createTestPlatform(kind);
    m = await seedMunicipality(p, '851');
    await seedPublishedVersion(p, '851', municipalityRuleset());
  });
  afterAll(async () => p?.close());

  it('a connection failure mid-transaction answers 503 with Retry-After and rolls everything back', async () => {
    // The decision insert fails as a dropped connection would; the ledger row inserted before it
    // in the same transaction must not survive.
    await sql`
      create function fail_decision() returns trigger language plpgsql as $$
      begin
        if new.document_key->>'id' like 'FAIL-%' then
          raise exception 'simulated connection failure' using errcode = '08006';
        end if;
        return new;
      end $$`.execute(p.database.db);
    await sql`create trigger fail_decision before insert on decisions for each row execute function fail_decision()`.execute(
      p.database.db,
    );
    const res = await p.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities/851/evaluate',
      headers: m.headers('integration'),
      payload: invoice({ id: 'FAIL-1' }),
    });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json().detail).toMatch(/nothing was stored/);
    const ledger = await p.database.db
      .selectFrom('documents')
      .select('id')
      .where('number', '=', 'FAIL-1')
      .execute();
    expect(ledger).toEqual([]);
    // The next document goes through: the failed transaction left nothing behind.
    const ok = await p.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities/851/evaluate',
      headers: m.headers('integration'),
      payload: invoice({ id: 'OK-1' }),
    });
    expect(ok.statusCode).toBe(201);
  });

  it('group commit: a batch that cannot commit answers every request 503 and stores none; one bad row fails only itself', async () => {
    const send = (id: string) =>
      p.app.inject({
        method: 'POST',
        url: '/api/v1/municipalities/851/evaluate',
        headers: m.headers('integration'),
        payload: invoice({ id }),
      });
    const stored = async (ids: string[]) =>
      (await p.database.db.selectFrom('documents').select('number').where('number', 'in', ids).execute()).map(
        (r) => r.number,
      );
    // sent together, they are written together: the failing connection fails the whole batch
    const ids = ['FAIL-2', 'B-1', 'B-2', 'B-3', 'B-4'];
    const batch = await Promise.all(ids.map(send));
    const unavailable = ids.filter((_, i) => batch[i]!.statusCode === 503);
    expect(unavailable).toContain('FAIL-2');
    expect(unavailable.length).toBeGreaterThan(1); // its batch-mates too
    for (const r of batch) {
      expect([201, 503]).toContain(r.statusCode);
      if (r.statusCode === 503) expect(r.headers['retry-after']).toBe('5');
    }
    expect((await stored(ids)).sort()).toEqual(ids.filter((id) => !unavailable.includes(id)).sort());

    // a row the database refuses for its own reason: only that request fails
    await sql`
      create function bad_decision() returns trigger language plpgsql as $$
      begin
        if new.document_key->>'id' like 'BAD-%' then raise exception 'bad row' using errcode = 'P0001'; end if;
        return new;
      end $$`.execute(p.database.db);
    await sql`create trigger bad_decision before insert on decisions for each row execute function bad_decision()`.execute(
      p.database.db,
    );
    const ids2 = ['G-1', 'BAD-1', 'G-2', 'G-3'];
    const second = await Promise.all(ids2.map(send));
    expect(second.map((r) => r.statusCode)).toEqual([201, 500, 201, 201]);
    expect((await stored(ids2)).sort()).toEqual(['G-1', 'G-2', 'G-3']);
  });
});
