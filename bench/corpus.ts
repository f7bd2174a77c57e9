/**
 * The benchmark's documents, ledger snapshots and rulesets: the three measured 3-line invoices
 * (approved, manual, rejected), a varied verification corpus that every contender must decide
 * identically before anything is timed, and the generated big rulesets for the scaling rows.
 */
import type { CanonicalDocument } from '../server/src/domain/document.js';
import type { Ruleset } from '../server/src/engine/ruleset.js';
import { EMPTY_SNAPSHOT, type LedgerSnapshot } from '../server/src/engine/ledger.js';
import { invoice, line, municipalityRuleset, totalsOf } from '../test/support/fixtures.js';

export type Outcome = 'approved' | 'manual' | 'rejected';

export interface Case {
  name: string;
  doc: CanonicalDocument;
  ledger: LedgerSnapshot;
}

/** kp-standard with a KP EAN (what a municipality runs after forking the template). */
export const baseRuleset = (): Ruleset => municipalityRuleset();

/**
 * A variant exercising the ruleset's settings: automatic processing off, VAT not accepted, the
 * fixture supplier opted out, credit notes auto-approved, reminder fees up to 100.00 accepted.
 */
export const variantRuleset = (): Ruleset =>
  municipalityRuleset((rs) => {
    rs.settings.automaticProcessing = false;
    rs.settings.acceptVat = false;
    rs.supplierOptOuts = [{ supplier: '16356706', from: '2026-01-01', until: null }];
    rs.creditNotes.autoApproveWhenInvoiceApproved = true;
    rs.reminders.autoAcceptFeeUpTo = '100.00';
  });

/** Recomputes totals after changing lines or the reminder fee. */
function withTotals(doc: CanonicalDocument): CanonicalDocument {
  doc.totals = totalsOf(doc);
  return doc;
}

const approvedInvoiceLedger = (
  payable: string,
  status: 'approved' | 'manual' | 'rejected',
): LedgerSnapshot => ({
  matchingInvoice: {
    id: 'F-1001',
    status,
    payable,
    issueDate: '2026-02-02',
    postings: [{ account: '5.32.32.001', amount: payable }],
  },
  openCaseThisYear: false,
  previous: null,
});

/** The measured documents: 3-line dentist invoices, empty ledger. */
export const approvedDoc = (): CanonicalDocument => invoice();
/** Line 1 over its limit (1001: max 1500.00) → manual OVER_BELOEBSGRAENSE. */
export const manualDoc = (): CanonicalDocument =>
  invoice({
    lines: [line('1', '1001', '1600.00'), line('2', '1002', '780.50'), line('3', '1004', '300.00')],
  });
/** Two CPR numbers (a samleregning) → rejected SAMLEREGNING. */
export const rejectedDoc = (): CanonicalDocument => invoice({ cprNumbers: ['0101501234', '0202601234'] });

/** ~20 varied documents (with ledger snapshots where the rules need them). */
export function verificationCases(): Case[] {
  const e = EMPTY_SNAPSHOT;
  const creditNote = (payable: string): CanonicalDocument =>
    withTotals(
      invoice({
        documentType: 'creditNote',
        id: 'K-1',
        billingReference: { id: 'F-1001' },
        lines: [line('1', '1001', payable)],
      }),
    );
  const reminder = (fee: string): CanonicalDocument =>
    withTotals(
      invoice({
        documentType: 'reminder',
        id: 'R-1',
        billingReference: { id: 'F-1001' },
        reminder: { fee, sequence: 1 },
        lines: [],
      }),
    );
  return [
    { name: 'approved 3-line dentist invoice', doc: approvedDoc(), ledger: e },
    { name: 'over limit', doc: manualDoc(), ledger: e },
    { name: 'samleregning (2 CPR)', doc: rejectedDoc(), ledger: e },
    { name: 'no CPR', doc: invoice({ cprNumbers: [] }), ledger: e },
    { name: 'invalid CPR (31 Feb)', doc: invoice({ cprNumbers: ['3102501234'] }), ledger: e },
    {
      name: 'unknown + missing service number',
      doc: invoice({
        lines: [line('1', '9999', '100.00'), line('2', null, '50.00'), line('3', '1001', '10.00')],
      }),
      ledger: e,
    },
    {
      name: 'glasses with VAT (5001)',
      doc: invoice({ lines: [line('1', '5001', '1000.00', '250.00')] }),
      ledger: e,
    },
    {
      name: 'VAT on a dentist line',
      doc: invoice({ lines: [line('1', '1001', '400.00', '100.00'), line('2', '1002', '200.00')] }),
      ledger: e,
    },
    {
      name: 'two case types (dentist + physio)',
      doc: invoice({ lines: [line('1', '1001', '400.00'), line('2', '3001', '300.00')] }),
      ledger: e,
    },
    { name: 'wrong EAN', doc: invoice({ buyer: { ean: '5790000000005' } }), ledger: e },
    { name: 'currency EUR', doc: invoice({ currency: 'EUR' }), ledger: e },
    {
      name: 'totals do not add up',
      doc: invoice({ totals: { net: '1530.50', vat: '0.00', payable: '1530.00' } }),
      ledger: e,
    },
    {
      name: 'duplicate with different content',
      doc: approvedDoc(),
      ledger: { matchingInvoice: null, openCaseThisYear: false, previous: { contentHash: 'sha256:other' } },
    },
    { name: 'credit note without invoice', doc: creditNote('-100.00'), ledger: e },
    {
      name: 'credit note, invoice approved',
      doc: creditNote('-100.00'),
      ledger: approvedInvoiceLedger('450.00', 'approved'),
    },
    {
      name: 'credit note larger than invoice',
      doc: creditNote('-900.00'),
      ledger: approvedInvoiceLedger('450.00', 'approved'),
    },
    {
      name: 'credit note, invoice pending',
      doc: creditNote('-100.00'),
      ledger: approvedInvoiceLedger('450.00', 'manual'),
    },
    {
      name: 'credit note, invoice rejected',
      doc: creditNote('-100.00'),
      ledger: approvedInvoiceLedger('450.00', 'rejected'),
    },
    {
      name: 'reminder with fee, invoice approved',
      doc: reminder('100.00'),
      ledger: approvedInvoiceLedger('1530.50', 'approved'),
    },
    {
      name: 'reminder with fee over auto-accept',
      doc: reminder('100.01'),
      ledger: approvedInvoiceLedger('1530.50', 'manual'),
    },
    { name: 'reminder without fee, no invoice', doc: reminder('0.00'), ledger: e },
    {
      name: 'reminder, invoice rejected',
      doc: reminder('50.00'),
      ledger: approvedInvoiceLedger('1530.50', 'rejected'),
    },
  ];
}

// ---- Scaling: big generated tables ------------------------------------------------------------

const serviceCode = (i: number): string => `9${String(i).padStart(5, '0')}`;
/** 8-digit CVR numbers, none equal to the fixture supplier's. */
const optOutCvr = (i: number): string => String(20000000 + i * 7);

/**
 * kp-standard + `n` generated service numbers (case type ALM_TANDLAEGE, automatic, max 5000.00)
 * + `n` generated supplier opt-outs (each with a period that ended 2025-12-31).
 */
export function scaledRuleset(n: number): Ruleset {
  return municipalityRuleset((rs) => {
    for (let i = 0; i < n; i++) {
      rs.serviceNumbers.push({
        code: serviceCode(i),
        description: `Genereret ydelse ${i}`,
        caseType: 'ALM_TANDLAEGE',
        maxAmount: '5000.00',
        automatic: true,
        vatAllowed: false,
      });
      rs.supplierOptOuts.push({ supplier: optOutCvr(i), from: '2020-01-01', until: '2025-12-31' });
    }
  });
}

/**
 * The scaling document: a 3-line invoice (approved) whose lookups hit the big tables half of the
 * time — line 1's service number and the supplier (an opt-out whose period has ended) come from
 * the generated entries (the middle one), lines 2 and 3 use kp-standard's own service numbers.
 */
export function scaledDoc(n: number): CanonicalDocument {
  const mid = Math.floor(n / 2);
  return invoice({
    supplier: { id: `DK${optOutCvr(mid)}`, scheme: 'DK:CVR', name: 'Genereret leverandør' },
    lines: [line('1', serviceCode(mid), '450.00'), line('2', '1002', '780.50'), line('3', '1004', '300.00')],
  });
}
