import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FACT_CATALOGUE } from '../../server/src/engine/fact-catalogue.js';
import { computeFacts } from '../../server/src/engine/facts.js';
import { buildTables } from '../../server/src/engine/ruleset-tables.js';
import { EMPTY_SNAPSHOT, InMemoryLedger } from '../../server/src/engine/ledger.js';
import { invoice, line, municipalityRuleset, repoRoot, totalsOf } from '../support/fixtures.js';

const tables = buildTables(municipalityRuleset());

describe('facts', () => {
  it('computes every catalogue fact, and nothing else', () => {
    const facts = computeFacts(tables, invoice(), EMPTY_SNAPSHOT);
    expect(Object.keys(facts).sort()).toEqual(FACT_CATALOGUE.map((f) => f.name).sort());
  });

  it('counts money exactly and checks totals to the øre, with document-level charges and allowances', () => {
    const doc = invoice({ lines: [line('1', '1001', '0.10'), line('2', '1002', '0.20')] });
    doc.totals = totalsOf(doc);
    expect(doc.totals.net).toBe('0.30');
    expect(computeFacts(tables, doc, EMPTY_SNAPSHOT)).toMatchObject({
      totalsConsistent: true,
      netAmount: '0.30',
      payableAmount: '0.30',
    });
    const withCharges = {
      ...doc,
      allowanceCharges: [
        { chargeIndicator: true, amount: '10.00' },
        { chargeIndicator: false, amount: '5.00' },
      ],
      totals: { net: '5.30', vat: '0.00', payable: '5.30' },
    };
    expect(computeFacts(tables, withCharges, EMPTY_SNAPSHOT).totalsConsistent).toBe(true);
    const prepaid = {
      ...doc,
      totals: { net: '0.30', vat: '0.00', prepaid: '0.10', rounding: '-0.01', payable: '0.19' },
    };
    expect(computeFacts(tables, prepaid, EMPTY_SNAPSHOT).totalsConsistent).toBe(true);
  });

  it('includes the reminder fee in the payable amount of a reminder only', () => {
    const r = invoice({
      documentType: 'reminder',
      lines: [line('1', null, '500.00')],
      reminder: { fee: '43.00', sequence: 2 },
    });
    r.totals = totalsOf(r);
    expect(r.totals.payable).toBe('543.00');
    expect(computeFacts(tables, r, EMPTY_SNAPSHOT)).toMatchObject({
      totalsConsistent: true,
      reminderFee: '43.00',
      reminderSequence: 2,
    });
    expect(computeFacts(tables, invoice(), EMPTY_SNAPSHOT)).toMatchObject({
      reminderFee: '0.00',
      reminderSequence: 0,
    });
  });

  it('resolves service numbers against the tables in one pass', () => {
    const doc = invoice({
      lines: [
        line('1', '1001', '1600.00'),
        line('2', '1001', '100.00', '25.00'),
        line('3', '9999', '1.00'),
        line('4', null, '1.00'),
        line('5', '5001', '10.00'),
      ],
    });
    const f = computeFacts(tables, doc, EMPTY_SNAPSHOT);
    expect(f).toMatchObject({
      unknownServiceNumbers: ['9999'],
      unknownServiceNumberCount: 2,
      linesWithoutServiceNumberCount: 1,
      manualServiceNumbers: ['5001'],
      serviceNumbersOverLimit: ['1001'],
      serviceNumbersOverLimitCount: 1,
      serviceNumbersWithVatNotAllowed: ['1001'],
      caseTypes: ['ALM_TANDLAEGE', 'UDV_BRILLER'],
      caseTypeCount: 2,
      caseTypeKinds: ['almindelig', 'udvidet'],
      hasVat: true,
    });
  });

  it('reads the ledger snapshot: matching invoice status, credit larger than the invoice, duplicates, open case', async () => {
    const ledger = new InMemoryLedger([
      {
        documentType: 'invoice',
        supplier: 'DK16356706',
        id: 'F-1',
        status: 'manual',
        issueDate: '2026-01-05',
        payable: '300.00',
        cprNumbers: ['0101501234'],
        caseKinds: ['almindelig'],
      },
      {
        documentType: 'invoice',
        supplier: '16356706',
        id: 'F-2',
        status: 'approved',
        issueDate: '2026-02-01',
        payable: '100.00',
        cprNumbers: ['0101501234'],
        caseKinds: ['almindelig'],
      },
    ]);
    const credit = invoice({
      documentType: 'creditNote',
      id: 'K-1',
      billingReference: { id: 'F-1' },
      lines: [line('1', '1001', '300.01')],
    });
    credit.totals = totalsOf(credit);
    const f = computeFacts(tables, credit, await ledger.snapshot(credit));
    expect(f).toMatchObject({
      matchingInvoiceStatus: 'pending',
      creditExceedsOriginal: true,
      openCaseThisYear: true,
      hasBillingReference: true,
    });
    const nextYear = invoice({ issueDate: '2027-01-02' });
    expect(computeFacts(tables, nextYear, await ledger.snapshot(nextYear)).openCaseThisYear).toBe(false);
    const dup = invoice({ id: 'F-2' });
    expect(computeFacts(tables, dup, await ledger.snapshot(dup)).duplicateWithDifferentContent).toBe(true);
  });

  it('counts CPR numbers whose date is impossible', () => {
    expect(
      computeFacts(tables, invoice({ cprNumbers: ['3002991234', '0101501234'] }), EMPTY_SNAPSHOT),
    ).toMatchObject({ cprCount: 2, invalidCprCount: 1 });
  });

  it('is documented: the README lists every fact of the catalogue', () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    for (const f of FACT_CATALOGUE) expect(readme, f.name).toMatch(new RegExp(`\\|\\s*\`${f.name}\`\\s*\\|`));
    for (const f of FACT_CATALOGUE) {
      expect(f.da.length, f.name).toBeGreaterThan(10);
      expect(f.en.length, f.name).toBeGreaterThan(10);
    }
  });
});
