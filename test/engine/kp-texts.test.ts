/**
 * Issue 8, findings 10 and 11: actions with KP's own names, and explanations that give the
 * figures — in the words of the seed (000_…, "Manuel behandling af eFaktura").
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CanonicalDocument } from '../../server/src/domain/document.js';
import { actionDetails, ACTION_TEXTS } from '../../server/src/engine/actions.js';
import { compileRuleset } from '../../server/src/engine/compile.js';
import { decide, type EngineDecision } from '../../server/src/engine/decide.js';
import { EMPTY_SNAPSHOT, type LedgerSnapshot } from '../../server/src/engine/ledger.js';
import type { Ruleset } from '../../server/src/engine/ruleset.js';
import { validateRuleset } from '../../server/src/engine/validate.js';
import { documentArb, ledgerArb, rulesetArb } from '../support/arbitraries.js';
import { invoice, line, municipalityRuleset, totalsOf } from '../support/fixtures.js';

function run(
  doc: CanonicalDocument,
  opts: { ledger?: Partial<LedgerSnapshot>; ruleset?: (rs: Ruleset) => void } = {},
): EngineDecision {
  const rs = municipalityRuleset(opts.ruleset);
  expect(validateRuleset(rs, { today: '2026-01-01' }).errors).toEqual([]);
  return decide(compileRuleset(rs), doc, { ...EMPTY_SNAPSHOT, ...opts.ledger });
}
const withTotals = (doc: CanonicalDocument): CanonicalDocument => ({ ...doc, totals: totalsOf(doc) });
const codes = (d: EngineDecision): string[] => d.reasons.map((r) => r.code);

describe('finding 10: actions with KP’s own names', () => {
  it('names the four actions of the seed in Danish and English', () => {
    expect(ACTION_TEXTS).toEqual({
      TILFOEJ_YDELSE_TIL_BEVILLING: { da: 'Tilføj ydelse til bevilling', en: 'Add service to grant' },
      OPRET_ALM_HELBREDSTILLAEGSSAG: {
        da: 'Opret ny alm. helbredstillægssag',
        en: 'Create new ordinary health supplement case',
      },
      VAELG_BEVILLING_AFVENTER_FAKTURA: {
        da: 'Vælg bevilling, som afventer faktura',
        en: 'Choose grant awaiting invoice',
      },
      BETALINGSGRUPPER: { da: 'Del op i betalingsgrupper', en: 'Split into payment groups' },
    });
    expect(actionDetails(['BETALINGSGRUPPER', 'KOMMUNENS_EGEN'])).toEqual([
      {
        code: 'BETALINGSGRUPPER',
        text: { da: 'Del op i betalingsgrupper', en: 'Split into payment groups' },
      },
      // a municipality's own action code has no catalogue text: the code is shown as it is
      { code: 'KOMMUNENS_EGEN', text: { da: 'KOMMUNENS_EGEN', en: 'KOMMUNENS_EGEN' } },
    ]);
  });

  it('the explanation of an approval names the action the system takes', () => {
    const d = run(invoice());
    expect(d.actions).toEqual(['OPRET_ALM_HELBREDSTILLAEGSSAG']);
    expect(d.explanation.da).toBe(
      'Godkendt automatisk: fakturaen opfylder alle regler (3 linjer, 1.530,50 kr. til betaling). ' +
        'Handling: ”Opret ny alm. helbredstillægssag”.',
    );
    expect(d.explanation.en).toBe(
      'Approved automatically: the invoice meets every rule (3 lines, DKK 1,530.50 payable). ' +
        'Action: “Create new ordinary health supplement case”.',
    );
  });

  it('a manual decision suggests the actions in the order the seed gives them', () => {
    const over = run(withTotals(invoice({ lines: [line('1', '1001', '1650.00')] })));
    expect(over.actions).toEqual(['TILFOEJ_YDELSE_TIL_BEVILLING', 'OPRET_ALM_HELBREDSTILLAEGSSAG']);
    expect(over.explanation.da).toMatch(
      / Foreslåede handlinger: ”Tilføj ydelse til bevilling”, derefter ”Opret ny alm\. helbredstillægssag”\.$/,
    );
    expect(over.explanation.en).toMatch(
      / Suggested actions: “Add service to grant”, then “Create new ordinary health supplement case”\.$/,
    );
    const glasses = run(withTotals(invoice({ lines: [line('1', '5001', '2000.00', '500.00')] })));
    expect(glasses.explanation.da).toMatch(/ Foreslået handling: ”Vælg bevilling, som afventer faktura”\.$/);
    const two = run(
      withTotals(invoice({ lines: [line('1', '1001', '400.00'), line('2', '3001', '350.00')] })),
    );
    expect(two.actions[0]).toBe('BETALINGSGRUPPER');
    expect(two.explanation.da).toContain('”Del op i betalingsgrupper”');
    expect(two.explanation.en).toContain('“Split into payment groups”');
  });

  it('a rejection suggests no action and names none', () => {
    const d = run(invoice({ currency: 'EUR' }));
    expect(d.actions).toEqual([]);
    expect(d.explanation.da).not.toMatch(/handling/i);
  });
});

describe('finding 11: explanations give the figures', () => {
  it('over the limit: the service, its description, the amount on the document and the limit', () => {
    const d = run(
      withTotals(invoice({ lines: [line('1', '1001', '1000.00'), line('2', '1001', '650.00')] })),
    );
    expect(codes(d)).toEqual(['OVER_BELOEBSGRAENSE']);
    expect(d.explanation.da).toMatch(
      /^Manuel behandling: ydelsesnummer 1001 \(Undersøgelse og tandrensning\): 1\.650,00 kr\. er over beløbsgrænsen på 1\.500,00 kr\. /,
    );
    expect(d.explanation.en).toMatch(
      /^Manual processing: service number 1001 \(Undersøgelse og tandrensning\): DKK 1,650\.00 is over the limit of DKK 1,500\.00\. /,
    );
    // as a later sentence it starts with a capital, as in the issue
    const both = run(
      withTotals(invoice({ lines: [line('1', '1001', '1650.00'), line('2', '9999', '10.00')] })),
    );
    expect(both.explanation.da).toContain(
      'Ydelsesnummer 1001 (Undersøgelse og tandrensning): 1.650,00 kr. er over beløbsgrænsen på 1.500,00 kr.',
    );
  });

  it('amounts that do not add up: what the lines give and what the document states', () => {
    const doc = invoice({ lines: [line('1', '1001', '500.00')] });
    doc.totals = { net: '600.00', vat: '0.00', payable: '600.00' };
    const d = run(doc);
    expect(codes(d)).toEqual(['BELOEB_UOVERENSSTEMMELSE']);
    expect(d.explanation.da).toBe(
      'Afvist: beløbene stemmer ikke: linjerne giver 500,00 kr., men fakturaen angiver 600,00 kr. til betaling.',
    );
    expect(d.explanation.en).toBe(
      'Rejected: the amounts do not add up: the lines come to DKK 500.00, but the invoice states DKK 600.00 payable.',
    );
    // the payable amount matches the lines, the net total does not
    const netOnly = invoice({ lines: [line('1', '1001', '500.00')] });
    netOnly.totals = { net: '600.00', vat: '0.00', payable: '500.00' };
    expect(run(netOnly).explanation.da).toBe(
      'Afvist: beløbene stemmer ikke: linjernes netto er 500,00 kr., men fakturaen angiver 600,00 kr. netto.',
    );
  });

  it('case types by name, not code', () => {
    const d = run(withTotals(invoice({ lines: [line('1', '1001', '400.00'), line('2', '3001', '350.00')] })));
    expect(d.explanation.da).toContain(
      'fakturaen vedrører 2 sagstyper (Alm. helbredstillæg — tandlæge og Alm. helbredstillæg — fysioterapi)',
    );
    expect(d.explanation.da).not.toContain('ALM_');
  });

  it('the "udvidet" text names only the case types that are extended or personal', () => {
    const d = run(
      withTotals(invoice({ lines: [line('1', '1001', '400.00'), line('2', '5001', '2000.00', '500.00')] })),
    );
    const named = /vedrører udvidet helbredstillæg eller personligt tillæg \(([^)]*)\)/.exec(
      d.explanation.da,
    );
    expect(named?.[1]).toBe('Udvidet helbredstillæg — briller');
  });

  it('singular and plural: "1 linje", "2 linjer"', () => {
    const one = run(withTotals(invoice({ lines: [line('1', '9999', '100.00')] })));
    expect(one.explanation.da).toContain('1 linje har et ukendt eller manglende ydelsesnummer');
    expect(one.explanation.en).toContain('1 line has an unknown or missing service number');
    const two = run(withTotals(invoice({ lines: [line('1', '9999', '100.00'), line('2', null, '50.00')] })));
    expect(two.explanation.da).toContain('2 linjer har et ukendt eller manglende ydelsesnummer');
    expect(two.explanation.da).not.toContain('linje(r)');
    const approvedOne = run(withTotals(invoice({ lines: [line('1', '1001', '100.00')] })));
    expect(approvedOne.explanation.da).toContain('(1 linje, 100,00 kr. til betaling)');
    const invalid = run(invoice({ cprNumbers: ['3002991234'] }));
    expect(invalid.explanation.da).toBe(
      'Afvist: fakturaen indeholder 1 ugyldigt CPR-nummer (de første seks cifre er ikke en dato).',
    );
    expect(invalid.explanation.en).not.toContain('(s)');
  });

  it('an approved reminder names the fee it accepts, not the reminded amount', () => {
    const reminder = withTotals(
      invoice({
        documentType: 'reminder',
        id: 'R-1',
        lines: [line('1', null, '1530.50')],
        billingReference: { id: 'F-1001' },
        reminder: { fee: '100.00', sequence: 1 },
      }),
    );
    const d = run(reminder, {
      ledger: { matchingInvoice: { id: 'F-1001', status: 'approved', payable: '1530.50', postings: [] } },
      ruleset: (rs) => (rs.reminders.autoAcceptFeeUpTo = '100.00'),
    });
    expect(d.outcome).toBe('approved');
    expect(d.explanation.da).toBe(
      'Godkendt automatisk: rykkergebyret på 100,00 kr. accepteres (gebyrer op til 100,00 kr. accepteres automatisk).',
    );
    expect(d.explanation.en).toBe(
      'Approved automatically: the reminder fee of DKK 100.00 is accepted (fees up to DKK 100.00 are accepted automatically).',
    );
    expect(d.explanation.da).not.toContain('1.630,50');
  });

  it('one reason per cause: a glasses invoice is routed by the extended-supplement rule alone', () => {
    const glasses = run(withTotals(invoice({ lines: [line('1', '5001', '2000.00', '500.00')] })));
    expect(codes(glasses)).toEqual(['UDVIDET_HELBREDSTILLAEG']);
    expect(glasses.explanation.da).not.toContain('må ikke behandles automatisk');
    const dentures = run(withTotals(invoice({ lines: [line('1', '5101', '3000.00')] })));
    expect(codes(dentures)).toEqual(['UDVIDET_HELBREDSTILLAEG']);
    // an ordinary service not set up for automatic processing still says so
    const manualOrdinary = run(withTotals(invoice({ lines: [line('1', '1003', '3000.00')] })), {
      ruleset: (rs) => (rs.serviceNumbers.find((s) => s.code === '1003')!.automatic = false),
    });
    expect(codes(manualOrdinary)).toEqual(['YDELSE_KRAEVER_MANUEL']);
    expect(manualOrdinary.explanation.da).toMatch(
      /^Manuel behandling: ydelsesnummer 1003 må ikke behandles automatisk\./,
    );
  });
});

describe('explanations of generated documents', () => {
  it('never leave a placeholder unfilled, nor a "(r)"/"(s)" plural, in either language', () => {
    fc.assert(
      fc.property(rulesetArb, documentArb, ledgerArb, (rs, doc, ledger) => {
        let d: EngineDecision;
        try {
          d = decide(compileRuleset(rs), doc, ledger, { trace: false });
        } catch {
          return; // a random rule json-rules-engine would refuse too (differential.test.ts)
        }
        for (const text of [d.explanation.da, d.explanation.en, ...d.reasons.map((r) => r.text)]) {
          expect(text).not.toMatch(/[{}]|\((r|s|er)\)/);
        }
      }),
      { numRuns: 500 },
    );
  });
});
