/**
 * The seed's rules, exactly (issue 8): automatic approvals a municipality would not accept, read
 * against the seed's sections "Automatisk behandling af eFaktura" and "Kreditnotaer og rykkere"
 * (the table, cell by cell), with the committed example ruleset of Aalborg and the template.
 */
import { describe, expect, it } from 'vitest';
import type { CanonicalDocument } from '../../server/src/domain/document.js';
import { compileRuleset } from '../../server/src/engine/compile.js';
import { decide, type EngineDecision } from '../../server/src/engine/decide.js';
import {
  EMPTY_SNAPSHOT,
  InMemoryLedger,
  type LedgerSnapshot,
  type MatchedInvoice,
} from '../../server/src/engine/ledger.js';
import type { Ruleset } from '../../server/src/engine/ruleset.js';
import { validateRuleset } from '../../server/src/engine/validate.js';
import {
  invoice,
  kpStandard,
  line,
  loadRuleset,
  municipalityRuleset,
  totalsOf,
} from '../support/fixtures.js';

const AALBORG_EAN = '5798000420434';
const aalborg = (): Ruleset => loadRuleset('rulesets/examples/aalborg-851.json');

function decideWith(
  rs: Ruleset,
  doc: CanonicalDocument,
  ledger: Partial<LedgerSnapshot> = {},
): EngineDecision {
  expect(validateRuleset(rs, { today: '2026-01-01', template: kpStandard() }).errors).toEqual([]);
  return decide(compileRuleset(rs), doc, { ...EMPTY_SNAPSHOT, ...ledger });
}

function withTotals(doc: CanonicalDocument): CanonicalDocument {
  doc.totals = totalsOf(doc);
  return doc;
}

const OPTED_OUT = 'DK29876543'; // Aalborg's opt-out 2025-06-01 … 2026-12-31

const creditNote = (payable: string, supplier = 'DK16356706'): CanonicalDocument =>
  withTotals(
    invoice({
      documentType: 'creditNote',
      id: 'K-2',
      buyer: { ean: AALBORG_EAN },
      supplier: { id: supplier, scheme: 'DK:CVR', name: 'Tandlæge' },
      lines: [line('1', '1001', payable)],
      billingReference: { id: 'F-1001' },
    }),
  );

const reminder = (fee: string, supplier = 'DK16356706'): CanonicalDocument =>
  withTotals(
    invoice({
      documentType: 'reminder',
      id: 'R-1',
      buyer: { ean: AALBORG_EAN },
      supplier: { id: supplier, scheme: 'DK:CVR', name: 'Tandlæge' },
      lines: [line('1', null, '0.00')],
      billingReference: { id: 'F-1001' },
      reminder: { fee, sequence: 1 },
    }),
  );

const matched = (
  status: MatchedInvoice['status'],
  extra: Partial<MatchedInvoice> = {},
): Partial<LedgerSnapshot> => ({
  matchingInvoice: {
    id: 'F-1001',
    status,
    payable: '300.00',
    postings: [{ account: '5.32.32.001', amount: '300.00' }],
    ...extra,
  },
});

describe('1. automatic approvals that should not happen (aalborg-851)', () => {
  it('a credit note is compared with what is left of the invoice after the credit notes approved or pending for it', () => {
    // today's behaviour the example allows: the first full credit is approved automatically
    expect(decideWith(aalborg(), creditNote('300.00'), matched('approved')).outcome).toBe('approved');
    // a second credit note on an invoice already credited in full is not
    const second = decideWith(aalborg(), creditNote('300.00'), matched('approved', { credited: '300.00' }));
    expect(second.outcome).toBe('manual');
    expect(second.reasons.map((r) => r.code)).toEqual(['KREDITNOTA_OVERSTIGER_FAKTURA']);
    expect(second.facts.invoiceRemainingAmount).toBe('0.00');
    // within what is left: approved; 0.01 over: manual
    expect(
      decideWith(aalborg(), creditNote('150.00'), matched('approved', { credited: '150.00' })).outcome,
    ).toBe('approved');
    expect(
      decideWith(aalborg(), creditNote('150.01'), matched('approved', { credited: '150.00' })).outcome,
    ).toBe('manual');
  });

  it('the in-memory ledger (the CLI) sums the earlier credit notes of the invoice', () => {
    const ledger = new InMemoryLedger([
      {
        documentType: 'invoice',
        supplier: 'DK16356706',
        id: 'F-1001',
        status: 'approved',
        issueDate: '2026-03-01',
        payable: '300.00',
      },
      {
        documentType: 'creditNote',
        supplier: 'DK16356706',
        id: 'K-1',
        status: 'approved',
        issueDate: '2026-03-02',
        payable: '200.00',
        billingReference: 'F-1001',
      },
      {
        documentType: 'creditNote',
        supplier: 'DK16356706',
        id: 'K-0',
        status: 'manual',
        issueDate: '2026-03-02',
        payable: '50.00',
        billingReference: 'F-1001',
      },
      {
        documentType: 'creditNote',
        supplier: 'DK16356706',
        id: 'K-9',
        status: 'rejected',
        issueDate: '2026-03-02',
        payable: '300.00',
        billingReference: 'F-1001',
      },
    ]);
    const snap = ledger.snapshotSync(creditNote('100.00'));
    expect(snap.matchingInvoice?.credited).toBe('250.00');
    expect(decide(compileRuleset(aalborg()), creditNote('100.00'), snap).outcome).toBe('manual');
    expect(decide(compileRuleset(aalborg()), creditNote('50.00'), snap).outcome).toBe('approved');
  });

  it("an opted-out supplier's credit notes and reminders are not approved automatically", () => {
    const cn = decideWith(aalborg(), creditNote('100.00', OPTED_OUT), matched('approved'));
    expect(cn.outcome).toBe('manual');
    expect(cn.reasons.map((r) => r.code)).toContain('LEVERANDOER_FRAVALGT');
    const r = decideWith(aalborg(), reminder('50.00', OPTED_OUT), matched('approved'));
    expect(r.outcome).toBe('manual');
    expect(r.reasons.map((x) => x.code)).toContain('LEVERANDOER_FRAVALGT');
    // the same documents of a supplier that is not opted out are approved (the example's settings)
    expect(decideWith(aalborg(), creditNote('100.00'), matched('approved')).outcome).toBe('approved');
    expect(decideWith(aalborg(), reminder('50.00'), matched('approved')).outcome).toBe('approved');
  });

  it('a reminder fee is accepted automatically only when the invoice was approved, not while it is pending', () => {
    const pending = decideWith(aalborg(), reminder('50.00'), matched('manual'));
    expect(pending.outcome).toBe('manual');
    expect(pending.reasons.map((r) => r.code)).toEqual(['RYKKER_AFVENTER_FAKTURA']);
    expect(decideWith(aalborg(), reminder('50.00'), matched('approved')).outcome).toBe('approved');
  });
});

describe("2. a service number's limit is for the service on the document", () => {
  it('sums the lines of one service number (net + VAT) before comparing with maxAmount', () => {
    const two = withTotals(invoice({ lines: [line('1', '1001', '1000.00'), line('2', '1001', '1000.00')] }));
    const d = decideWith(municipalityRuleset(), two);
    expect(d.outcome).toBe('manual');
    expect(d.reasons.map((r) => r.code)).toEqual(['OVER_BELOEBSGRAENSE']);
    expect(d.facts.serviceNumbersOverLimit).toEqual(['1001']);
    expect(d.facts.serviceNumbersOverLimitCount).toBe(1);
    // exactly at the limit in sum is within it
    const at = withTotals(invoice({ lines: [line('1', '1001', '750.00'), line('2', '1001', '750.00')] }));
    expect(decideWith(municipalityRuleset(), at).outcome).toBe('approved');
  });
});

describe('3. an open case is one of the same CPR and the same case type this calendar year', () => {
  const physio = (): CanonicalDocument => withTotals(invoice({ lines: [line('1', '3001', '400.00')] }));
  it('a physiotherapy invoice is not told to add to a dentist case', () => {
    const d = decideWith(municipalityRuleset(), physio(), {
      openCaseThisYear: true,
      openCaseTypes: ['ALM_TANDLAEGE'],
    });
    expect(d.facts.openCaseThisYear).toBe(false);
    expect(d.actions).toEqual(['OPRET_ALM_HELBREDSTILLAEGSSAG']);
    const same = decideWith(municipalityRuleset(), physio(), {
      openCaseThisYear: true,
      openCaseTypes: ['ALM_TANDLAEGE', 'ALM_FYSIOTERAPI'],
    });
    expect(same.facts.openCaseThisYear).toBe(true);
    expect(same.actions).toEqual(['TILFOEJ_YDELSE_TIL_BEVILLING']);
  });
  it('the in-memory ledger keeps the case types of the approved invoices', () => {
    const ledger = new InMemoryLedger([
      {
        documentType: 'invoice',
        supplier: 'DK16356706',
        id: 'F-1',
        status: 'approved',
        issueDate: '2026-01-10',
        payable: '500.00',
        cprNumbers: ['0101501234'],
        caseKinds: ['almindelig'],
        caseTypes: ['ALM_TANDLAEGE'],
      },
    ]);
    const d = decide(compileRuleset(municipalityRuleset()), physio(), ledger.snapshotSync(physio()));
    expect(d.actions).toEqual(['OPRET_ALM_HELBREDSTILLAEGSSAG']);
  });
});

describe('4. hearing aids await an invoice under personal supplement (VAT-bearing, like glasses)', () => {
  it('a hearing-aid invoice goes to a caseworker to choose the grant awaiting the invoice', () => {
    const rs = kpStandard();
    const ct = rs.caseTypes.find(
      (c) => rs.serviceNumbers.find((s) => s.code === '4001')?.caseType === c.code,
    );
    expect(ct).toMatchObject({ kind: 'personligt', manualAction: 'VAELG_BEVILLING_AFVENTER_FAKTURA' });
    expect(rs.caseTypes.map((c) => c.code)).not.toContain('ALM_HOEREAPPARAT');
    const d = decideWith(
      municipalityRuleset(),
      withTotals(invoice({ lines: [line('1', '4001', '4000.00', '1000.00')] })),
    );
    expect(d.outcome).toBe('manual');
    expect(d.actions).toEqual(['VAELG_BEVILLING_AFVENTER_FAKTURA']);
    for (const example of ['aalborg-851', 'broenderslev-810']) {
      const ex = loadRuleset(`rulesets/examples/${example}.json`);
      expect(ex.caseTypes.map((c) => c.code)).not.toContain('ALM_HOEREAPPARAT');
    }
  });
});

describe("5. every automatic-rejection cell of the seed's table is locked", () => {
  it.each(['kreditnota-faktura-afvist', 'rykker-uden-gebyr', 'rykker-faktura-afvist'])(
    '%s cannot be removed by a municipality',
    (name) => {
      const rs = municipalityRuleset((r) => (r.rules = r.rules.filter((x) => x.name !== name)));
      const errors = validateRuleset(rs, { today: '2026-01-01', template: kpStandard() }).errors;
      expect(errors.map((e) => e.code)).toContain('ruleset.lockedRuleRemoved');
    },
  );
});

describe('6. rejection reasons a caseworker can choose', () => {
  const MANUAL_ONLY = [
    'KREDITNOTA_IKKE_GODKENDT',
    'RYKKERGEBYR_IKKE_ACCEPTERET',
    'YDELSE_IKKE_BEVILGET',
    'FORKERT_BELOEB',
  ];
  it('the template has them, marked for manual use, with a text for the ERP', () => {
    const rs = kpStandard();
    for (const code of MANUAL_ONLY) {
      const r = rs.rejectionReasons.find((x) => x.code === code);
      expect(r, code).toMatchObject({ manualOnly: true });
      expect(r!.text.length).toBeGreaterThan(10);
    }
    // the automatic ones are not
    expect(rs.rejectionReasons.find((x) => x.code === 'SAMLEREGNING')?.manualOnly).toBeUndefined();
  });
  it('a rule event may not use a reason for manual use (pointer to the rule)', () => {
    const rs = municipalityRuleset((r) => (r.rules[0]!.event.params.reason = 'KREDITNOTA_IKKE_GODKENDT'));
    const errors = validateRuleset(rs, { today: '2026-01-01' }).errors;
    expect(errors).toContainEqual(
      expect.objectContaining({ pointer: '/rules/0/event/params/reason', code: 'ruleset.manualOnlyReason' }),
    );
  });
  it('they are not reported as unused', () => {
    const warnings = validateRuleset(municipalityRuleset(), { today: '2026-01-01' }).warnings;
    expect(warnings.map((w) => w.code)).not.toContain('lint.unusedReason');
  });
});

describe('9 and 12. texts to the ERP name the document type; the samleregning text is for the ERP', () => {
  it('a credit note without CPR is "Kreditnotaen …", a reminder "Rykkeren …"', () => {
    const cn = decideWith(
      municipalityRuleset(),
      { ...creditNote('100.00'), buyer: { ean: '5798000012349' }, cprNumbers: [] },
      matched('approved'),
    );
    expect(cn.reasons[0]).toMatchObject({
      code: 'MANGLER_CPR',
      text: 'Kreditnotaen indeholder intet CPR-nummer.',
    });
    const r = decideWith(
      municipalityRuleset(),
      { ...reminder('50.00'), buyer: { ean: '5798000012349' }, cprNumbers: [] },
      matched('approved'),
    );
    expect(r.reasons[0]!.text).toBe('Rykkeren indeholder intet CPR-nummer.');
    expect(decideWith(municipalityRuleset(), invoice({ cprNumbers: [] })).reasons[0]!.text).toBe(
      'Fakturaen indeholder intet CPR-nummer.',
    );
  });
  it('the samleregning text is written to the municipality’s ERP, not to the supplier', () => {
    const text = kpStandard().rejectionReasons.find((r) => r.code === 'SAMLEREGNING')!.text;
    expect(text).not.toMatch(/^.*\bsend\b/i);
    expect(text).toMatch(/økonomisystemet/);
  });
});
