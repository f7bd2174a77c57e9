/**
 * Every rule of the national standard template, with a document that fires it and a near miss
 * that does not — including the limit boundaries (exactly at maxAmount approves, 0.01 over is
 * manual), the opt-out from/until boundaries, and every row of the seed's credit-note/reminder
 * table.
 */
import { describe, expect, it } from 'vitest';
import type { CanonicalDocument } from '../../server/src/domain/document.js';
import { compileRuleset } from '../../server/src/engine/compile.js';
import { decide, type EngineDecision } from '../../server/src/engine/decide.js';
import {
  documentContentHash,
  EMPTY_SNAPSHOT,
  type LedgerSnapshot,
  type MatchedInvoice,
} from '../../server/src/engine/ledger.js';
import type { Ruleset } from '../../server/src/engine/ruleset.js';
import { validateRuleset } from '../../server/src/engine/validate.js';
import { invoice, kpStandard, line, municipalityRuleset, totalsOf } from '../support/fixtures.js';

const tested = new Set<string>();

function run(
  doc: CanonicalDocument,
  opts: { ledger?: Partial<LedgerSnapshot>; ruleset?: (rs: Ruleset) => void } = {},
): EngineDecision {
  const rs = municipalityRuleset(opts.ruleset);
  const v = validateRuleset(rs, { today: '2026-01-01' });
  expect(v.errors).toEqual([]);
  return decide(compileRuleset(rs), doc, { ...EMPTY_SNAPSHOT, ...opts.ledger });
}

const fired = (d: EngineDecision): string[] => d.trace.filter((t) => t.fired).map((t) => t.rule);

function fires(rule: string, d: EngineDecision): void {
  tested.add(rule);
  expect(fired(d), `${rule} should fire`).toContain(rule);
}
function misses(rule: string, d: EngineDecision): void {
  expect(fired(d), `${rule} should not fire`).not.toContain(rule);
}

function withTotals(doc: CanonicalDocument): CanonicalDocument {
  doc.totals = totalsOf(doc);
  return doc;
}

const creditNote = (payable = '300.00', extra: Partial<CanonicalDocument> = {}): CanonicalDocument =>
  withTotals(
    invoice({
      documentType: 'creditNote',
      id: 'K-1',
      lines: [line('1', '1001', payable)],
      billingReference: { id: 'F-1001' },
      ...extra,
    }),
  );

const reminder = (fee: string): CanonicalDocument =>
  withTotals(
    invoice({
      documentType: 'reminder',
      id: 'R-1',
      lines: [line('1', null, '0.00')],
      billingReference: { id: 'F-1001' },
      reminder: { fee, sequence: 1 },
    }),
  );

const matched = (status: MatchedInvoice['status'], payable = '300.00'): Partial<LedgerSnapshot> => ({
  matchingInvoice: {
    id: 'F-1001',
    status,
    payable,
    postings: [
      { account: '5.32.32.001', amount: '200.00' },
      { account: '5.32.32.003', amount: '100.00' },
    ],
  },
});

describe('kp-standard template', () => {
  it('is valid, and the only lint warning is the KP EAN every municipality must fill in', () => {
    const r = validateRuleset(kpStandard(), { today: '2026-01-01' });
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => w.code)).toEqual(['lint.noKpEan']);
  });

  it('has every reason code of PRODUCT.md §10 with a Danish text, and locks the rules a municipality must keep', () => {
    const rs = kpStandard();
    expect(rs.rejectionReasons.map((r) => r.code)).toEqual([
      'FORKERT_EAN',
      'SAMLEREGNING',
      'MANGLER_CPR',
      'UGYLDIGT_CPR',
      'MOMS_IKKE_TILLADT',
      'VALUTA',
      'BELOEB_UOVERENSSTEMMELSE',
      'DUBLET',
      'KREDITNOTA_UDEN_FAKTURA',
      'KREDITNOTA_FAKTURA_AFVIST',
      'RYKKER_UDEN_GEBYR',
      'RYKKER_UDEN_FAKTURA',
      'RYKKER_FAKTURA_AFVIST',
      // for a caseworker's manual rejection only (manualOnly)
      'KREDITNOTA_IKKE_GODKENDT',
      'RYKKERGEBYR_IKKE_ACCEPTERET',
      'YDELSE_IKKE_BEVILGET',
      'FORKERT_BELOEB',
    ]);
    expect(rs.manualReasons.map((r) => r.code)).toEqual([
      'AUTOMATIK_FRA',
      'LEVERANDOER_FRAVALGT',
      'UKENDT_YDELSESNUMMER',
      'YDELSE_KRAEVER_MANUEL',
      'MOMS_PAA_YDELSE',
      'OVER_BELOEBSGRAENSE',
      'FLERE_SAGSTYPER',
      'UDVIDET_HELBREDSTILLAEG',
      'KREDITNOTA_AFVENTER_FAKTURA',
      'KREDITNOTA_ANNULLERING',
      'KREDITNOTA_OVERSTIGER_FAKTURA',
      'RYKKERGEBYR',
      'RYKKER_AFVENTER_FAKTURA',
    ]);
    for (const r of [...rs.rejectionReasons, ...rs.manualReasons]) expect(r.text.length).toBeGreaterThan(10);
    expect(rs.rules.filter((r) => r.locked).map((r) => r.name)).toEqual([
      'samleregning',
      'kreditnota-uden-faktura',
      'kreditnota-faktura-afvist',
      'rykker-uden-gebyr',
      'rykker-uden-faktura',
      'rykker-faktura-afvist',
      // only ordinary supplement runs automatically (seed: "hele den manuelle proces for almindeligt
      // helbredstillæg kunne gennemløbes automatisk"); ydelse-kraever-manuel leaves these to it
      'udvidet-helbredstillaeg',
    ]);
    const kinds = Object.fromEntries(rs.caseTypes.map((c) => [c.code, c.kind]));
    expect(kinds).toMatchObject({
      ALM_TANDLAEGE: 'almindelig',
      ALM_MEDICIN: 'almindelig',
      ALM_FYSIOTERAPI: 'almindelig',
      ALM_KIROPRAKTOR: 'almindelig',
      ALM_PSYKOLOG: 'almindelig',
      ALM_FODTERAPI: 'almindelig',
      PERSONLIGT_HOEREAPPARAT: 'personligt',
      UDV_BRILLER: 'udvidet',
      UDV_TANDPROTESE: 'udvidet',
      UDV_FODBEHANDLING: 'udvidet',
      PERSONLIGT_TILLAEG: 'personligt',
    });
  });

  it('approves a clean dentist invoice and suggests creating the ordinary-supplement case', () => {
    const d = run(invoice());
    expect(d.outcome).toBe('approved');
    expect(d.reasons).toEqual([]);
    expect(fired(d)).toEqual([]);
    expect(d.actions).toEqual(['OPRET_ALM_HELBREDSTILLAEGSSAG']);
    expect(d.paymentGroups).toEqual([
      { caseType: 'ALM_TANDLAEGE', account: '5.32.32.001', lines: ['1', '2', '3'], amount: '1530.50' },
    ]);
    expect(d.postings).toEqual([{ account: '5.32.32.001', amount: '1530.50' }]);
    expect(d.explanation.da).toBe(
      'Godkendt automatisk: fakturaen opfylder alle regler (3 linjer, 1.530,50 kr. til betaling). ' +
        'Handling: ”Opret ny alm. helbredstillægssag”.',
    );
    // with an approved ordinary case this year, the grant is extended instead
    expect(run(invoice(), { ledger: { openCaseThisYear: true } }).actions).toEqual([
      'TILFOEJ_YDELSE_TIL_BEVILLING',
    ]);
  });

  describe('rejections', () => {
    it('forkert-ean', () => {
      const d = run(invoice({ buyer: { ean: '5790000000005' } }));
      fires('forkert-ean', d);
      expect(d.outcome).toBe('rejected');
      expect(d.explanation.da).toBe(
        'Afvist: fakturaen er sendt til EAN 5790000000005, som ikke er et af kommunens KP-EAN-numre.',
      );
      const noEan = run(invoice({ buyer: { ean: null } }));
      fires('forkert-ean', noEan);
      expect(noEan.explanation.da).toBe(
        'Afvist: fakturaen er sendt til EAN (ikke angivet), som ikke er et af kommunens KP-EAN-numre.',
      );
      misses('forkert-ean', run(invoice()));
    });
    it('samleregning (single-case principle)', () => {
      const d = run(invoice({ cprNumbers: ['0101501234', '3112991234'] }));
      fires('samleregning', d);
      expect(d.outcome).toBe('rejected');
      expect(d.reasons[0]).toMatchObject({ code: 'SAMLEREGNING', kind: 'reject', rule: 'samleregning' });
      expect(d.explanation.da).toBe('Afvist: fakturaen indeholder 2 CPR-numre (enkeltsagsprincippet).');
      expect(d.explanation.en).toBe(
        'Rejected: the invoice contains 2 CPR numbers (the single-case principle).',
      );
      expect(d.paymentGroups).toEqual([]);
      expect(d.actions).toEqual([]);
      misses('samleregning', run(invoice()));
    });
    it('mangler-cpr', () => {
      fires('mangler-cpr', run(invoice({ cprNumbers: [] })));
      misses('mangler-cpr', run(invoice()));
    });
    it('ugyldigt-cpr (date, not modulus 11)', () => {
      fires('ugyldigt-cpr', run(invoice({ cprNumbers: ['3002991234'] })));
      misses('ugyldigt-cpr', run(invoice({ cprNumbers: ['2902961234'] }))); // 29 Feb 1996 exists
    });
    it('moms-ikke-tilladt', () => {
      const vatDoc = withTotals(invoice({ lines: [line('1', '4001', '4000.00', '1000.00')] }));
      fires('moms-ikke-tilladt', run(vatDoc, { ruleset: (rs) => (rs.settings.acceptVat = false) }));
      misses('moms-ikke-tilladt', run(vatDoc));
      misses('moms-ikke-tilladt', run(invoice(), { ruleset: (rs) => (rs.settings.acceptVat = false) }));
    });
    it('valuta', () => {
      fires('valuta', run(invoice({ currency: 'EUR' })));
      misses('valuta', run(invoice()));
    });
    it('beloeb-uoverensstemmelse: to the øre', () => {
      const off = invoice();
      off.totals = { ...off.totals, payable: '1530.51' };
      const d = run(off);
      fires('beloeb-uoverensstemmelse', d);
      const netOff = invoice();
      netOff.totals = { net: '1530.49', vat: '0.00', payable: '1530.49' };
      fires('beloeb-uoverensstemmelse', run(netOff));
      misses('beloeb-uoverensstemmelse', run(invoice()));
      misses('beloeb-uoverensstemmelse', run(reminder('43.00'), { ledger: matched('manual') })); // payable includes the fee
    });
    it('dublet', () => {
      const doc = invoice();
      fires('dublet', run(doc, { ledger: { previous: { contentHash: 'sha256:someone-else' } } }));
      misses(
        'dublet',
        run(doc, {
          ledger: {
            previous: { contentHash: documentContentHash({ ...doc, receivedAt: '2026-03-03T00:00:00Z' }) },
          },
        }),
      );
    });
  });

  describe("credit notes: the seed's table", () => {
    it('no matching invoice → rejected automatically (kreditnota-uden-faktura)', () => {
      const d = run(creditNote());
      fires('kreditnota-uden-faktura', d);
      expect(d.outcome).toBe('rejected');
      misses('kreditnota-uden-faktura', run(creditNote(), { ledger: matched('approved') }));
    });
    it('matching invoice rejected by KP → rejected automatically (kreditnota-faktura-afvist)', () => {
      fires('kreditnota-faktura-afvist', run(creditNote(), { ledger: matched('rejected') }));
      misses('kreditnota-faktura-afvist', run(creditNote(), { ledger: matched('approved') }));
    });
    it('matching invoice still pending → manual, processed together (kreditnota-afventer-faktura)', () => {
      const d = run(creditNote(), { ledger: matched('manual') });
      fires('kreditnota-afventer-faktura', d);
      expect(d.outcome).toBe('manual');
      misses('kreditnota-afventer-faktura', run(creditNote(), { ledger: matched('approved') }));
    });
    it('credit larger than the invoice → manual (kreditnota-overstiger-faktura)', () => {
      fires(
        'kreditnota-overstiger-faktura',
        run(creditNote('300.01'), { ledger: matched('approved', '300.00') }),
      );
      misses(
        'kreditnota-overstiger-faktura',
        run(creditNote('300.00'), { ledger: matched('approved', '300.00') }),
      );
    });
    it('matching invoice approved → manual annulment onto the same accounts (kreditnota-annullering), or automatic when configured', () => {
      const d = run(creditNote('300.00'), { ledger: matched('approved') });
      fires('kreditnota-annullering', d);
      expect(d.outcome).toBe('manual');
      expect(d.postings).toEqual([
        { account: '5.32.32.001', amount: '-200.00' },
        { account: '5.32.32.003', amount: '-100.00' },
      ]);
      const auto = run(creditNote('150.00'), {
        ledger: matched('approved'),
        ruleset: (rs) => (rs.creditNotes.autoApproveWhenInvoiceApproved = true),
      });
      misses('kreditnota-annullering', auto);
      expect(auto.outcome).toBe('approved');
      expect(auto.postings).toEqual([
        { account: '5.32.32.001', amount: '-100.00' },
        { account: '5.32.32.003', amount: '-50.00' },
      ]);
      const tooBig = run(creditNote('300.01'), {
        ledger: matched('approved'),
        ruleset: (rs) => (rs.creditNotes.autoApproveWhenInvoiceApproved = true),
      });
      expect(tooBig.outcome).toBe('manual');
    });
  });

  describe("reminders: the seed's table", () => {
    it('no fee → rejected automatically (rykker-uden-gebyr)', () => {
      fires('rykker-uden-gebyr', run(reminder('0.00'), { ledger: matched('approved') }));
      misses('rykker-uden-gebyr', run(reminder('0.01'), { ledger: matched('approved') }));
    });
    it('no matching invoice → rejected automatically (rykker-uden-faktura)', () => {
      fires('rykker-uden-faktura', run(reminder('43.00')));
      misses('rykker-uden-faktura', run(reminder('43.00'), { ledger: matched('manual') }));
    });
    it('matching invoice rejected → rejected automatically (rykker-faktura-afvist)', () => {
      fires('rykker-faktura-afvist', run(reminder('43.00'), { ledger: matched('rejected') }));
      misses('rykker-faktura-afvist', run(reminder('43.00'), { ledger: matched('approved') }));
    });
    it('matching invoice still pending → manual; a fee is accepted automatically only for an approved invoice (rykker-afventer-faktura)', () => {
      const d = run(reminder('43.00'), {
        ledger: matched('manual'),
        ruleset: (rs) => (rs.reminders.autoAcceptFeeUpTo = '100.00'),
      });
      fires('rykker-afventer-faktura', d);
      misses('rykkergebyr', d);
      expect(d.outcome).toBe('manual');
      misses('rykker-afventer-faktura', run(reminder('43.00'), { ledger: matched('approved') }));
    });
    it('otherwise manual to accept or reject the fee (rykkergebyr); approved up to autoAcceptFeeUpTo, posted to the fee account', () => {
      const d = run(reminder('43.00'), { ledger: matched('approved') });
      fires('rykkergebyr', d);
      expect(d.outcome).toBe('manual');
      expect(d.explanation.da).toBe(
        'Manuel behandling: rykkeren har et gebyr på 43,00 kr.; tag stilling til, om gebyret accepteres.',
      );
      const atLimit = run(reminder('43.00'), {
        ledger: matched('approved'),
        ruleset: (rs) => (rs.reminders.autoAcceptFeeUpTo = '43.00'),
      });
      misses('rykkergebyr', atLimit);
      expect(atLimit.outcome).toBe('approved');
      expect(atLimit.postings).toEqual([{ account: '5.32.32.099', amount: '43.00' }]);
      const over = run(reminder('43.01'), {
        ledger: matched('approved'),
        ruleset: (rs) => (rs.reminders.autoAcceptFeeUpTo = '43.00'),
      });
      fires('rykkergebyr', over);
    });
  });

  describe('invoices: automatic processing', () => {
    it('automatik-fra', () => {
      const d = run(invoice(), { ruleset: (rs) => (rs.settings.automaticProcessing = false) });
      fires('automatik-fra', d);
      expect(d.outcome).toBe('manual');
      expect(d.reasons.map((r) => r.code)).toEqual(['AUTOMATIK_FRA']);
      misses('automatik-fra', run(invoice()));
    });
    it('leverandoer-fravalgt, with from/until boundaries (both days included)', () => {
      const optOut = (from: string, until: string | null) => (rs: Ruleset) => {
        rs.supplierOptOuts = [{ supplier: '16356706', from, until }];
      };
      fires('leverandoer-fravalgt', run(invoice(), { ruleset: optOut('2026-03-02', null) })); // from = issue date
      // every document type of the supplier (the opt-out is from automatic processing, not from invoices)
      fires(
        'leverandoer-fravalgt',
        run(reminder('43.00'), { ledger: matched('approved'), ruleset: optOut('2026-01-01', null) }),
      );
      fires('leverandoer-fravalgt', run(invoice(), { ruleset: optOut('2026-01-01', '2026-03-02') })); // until = issue date
      misses('leverandoer-fravalgt', run(invoice(), { ruleset: optOut('2026-03-03', null) }));
      misses('leverandoer-fravalgt', run(invoice(), { ruleset: optOut('2026-01-01', '2026-03-01') }));
    });
    it('ukendt-ydelsesnummer (unknown or missing)', () => {
      const d = run(withTotals(invoice({ lines: [line('1', '9999', '100.00'), line('2', null, '50.00')] })));
      fires('ukendt-ydelsesnummer', d);
      expect(d.explanation.da).toBe(
        'Manuel behandling: 2 linjer har et ukendt eller manglende ydelsesnummer (ukendte: 9999).',
      );
      misses('ukendt-ydelsesnummer', run(invoice()));
    });
    it('ydelse-kraever-manuel: ordinary services not set up for automatic processing (udvidet/personligt have their own rule)', () => {
      const notAutomatic = (rs: Ruleset) =>
        (rs.serviceNumbers.find((s) => s.code === '1003')!.automatic = false);
      fires(
        'ydelse-kraever-manuel',
        run(withTotals(invoice({ lines: [line('1', '1003', '3000.00')] })), { ruleset: notAutomatic }),
      );
      misses('ydelse-kraever-manuel', run(invoice()));
      // dentures (udvidet, not automatic): one reason, UDVIDET_HELBREDSTILLAEG
      misses('ydelse-kraever-manuel', run(withTotals(invoice({ lines: [line('1', '5101', '3000.00')] }))));
    });
    it('moms-paa-ydelse', () => {
      fires('moms-paa-ydelse', run(withTotals(invoice({ lines: [line('1', '1001', '400.00', '100.00')] }))));
      misses(
        'moms-paa-ydelse',
        run(withTotals(invoice({ lines: [line('1', '4001', '4000.00', '1000.00')] }))),
      );
    });
    it('over-beloebsgraense: exactly at maxAmount approves, 0.01 over routes to manual', () => {
      const at = run(withTotals(invoice({ lines: [line('1', '1001', '1500.00')] })));
      misses('over-beloebsgraense', at);
      expect(at.outcome).toBe('approved');
      const over = run(withTotals(invoice({ lines: [line('1', '1001', '1500.01')] })));
      fires('over-beloebsgraense', over);
      expect(over.outcome).toBe('manual');
      expect(over.explanation.en).toBe(
        'Manual processing: service number 1001 (Undersøgelse og tandrensning): DKK 1,500.01 is over the limit of DKK 1,500.00. ' +
          'Suggested actions: “Add service to grant”, then “Create new ordinary health supplement case”.',
      );
    });
    it('flere-sagstyper proposes payment groups per case type and account', () => {
      const d = run(
        withTotals(
          invoice({
            lines: [line('1', '1001', '400.00'), line('2', '3001', '350.00'), line('3', '1002', '100.25')],
          }),
        ),
      );
      fires('flere-sagstyper', d);
      expect(d.actions[0]).toBe('BETALINGSGRUPPER');
      expect(d.paymentGroups).toEqual([
        { caseType: 'ALM_TANDLAEGE', account: '5.32.32.001', lines: ['1', '3'], amount: '500.25' },
        { caseType: 'ALM_FYSIOTERAPI', account: '5.32.32.003', lines: ['2'], amount: '350.00' },
      ]);
      misses('flere-sagstyper', run(invoice()));
    });
    it("udvidet-helbredstillaeg routes with the case type's manual action", () => {
      const glasses = run(withTotals(invoice({ lines: [line('1', '5001', '2000.00', '500.00')] })));
      fires('udvidet-helbredstillaeg', glasses);
      expect(glasses.actions).toContain('VAELG_BEVILLING_AFVENTER_FAKTURA');
      const personal = run(withTotals(invoice({ lines: [line('1', '6001', '800.00')] })));
      fires('udvidet-helbredstillaeg', personal);
      const footCare = run(withTotals(invoice({ lines: [line('1', '5201', '600.00')] })));
      expect(footCare.actions).toEqual(['TILFOEJ_YDELSE_TIL_BEVILLING']); // løbende bevilling
      misses('udvidet-helbredstillaeg', run(invoice()));
    });
  });

  it('lists every reject reason, highest priority first, and sends the first to the ERP', () => {
    const d = run(
      invoice({ cprNumbers: ['0101501234', '3002991234'], buyer: { ean: '5790000000005' }, currency: 'EUR' }),
    );
    expect(d.outcome).toBe('rejected');
    expect(d.reasons.map((r) => r.code)).toEqual(['FORKERT_EAN', 'SAMLEREGNING', 'UGYLDIGT_CPR', 'VALUTA']);
  });

  it('has a firing test for every rule of the template', () => {
    expect([...tested].sort()).toEqual(
      kpStandard()
        .rules.map((r) => r.name)
        .sort(),
    );
  });
});
