/**
 * OIOUBL 2.1 (and its predecessors 2.01/2.02, same semantics): LegalMonetaryTotal's
 * TaxExclusiveAmount holds the VAT total (not the net, as in Peppol); lines carry their own
 * TaxTotal; identifiers use `DK:CVR`/`GLN` schemes. It is also the only format with a Reminder.
 *
 * Reminders (rykkere) — what the canonical lines are: each ReminderLine is one reminded
 * invoice, and becomes one line whose netAmount is the amount the reminder claims for it
 * (DebitLineAmount − CreditLineAmount, i.e. the invoice's outstanding amount as stated, VAT
 * included) and whose vatAmount is 0.00, because the reminder does not charge VAT on it again.
 * The reminder's own charges — AllowanceCharge with reason code PenaltyFee or PenaltyRate
 * (interest) — become `reminder.fee`, not lines and not allowanceCharges, so the ruleset can
 * decide on the fee alone (RYKKERGEBYR). totals.vat is the reminder's TaxTotal (VAT on fees,
 * normally 0), so payable = net + vat + fee − prepaid + rounding. The billing reference is the
 * first ReminderLine/BillingReference (the reminded invoice); a reminder for several invoices
 * keeps them all as lines but only the first as `billingReference`.
 */
import type { DocumentLine } from '../domain/document.js';
import { formatMoney, type Ore } from '../domain/money.js';
import { extractServiceNumber } from './extract.js';
import type { FormatProfile } from './format-profile.js';
import type { CompiledIntake } from './intake-settings.js';
import type { ReadLine } from './lines.js';
import { CAC, CBC } from './ubl-ns.js';
import type { Reader } from './values.js';
import { child, children, textOf, type XmlElement } from './xml-tree.js';

export const OIOUBL21: FormatProfile = {
  format: 'oioubl21',
  vatFromMonetaryTotal: (lmt, r) => r.money(child(lmt, CBC, 'TaxExclusiveAmount')),
};

/** AllowanceChargeReasonCode values (OIOUBL reminder code list) that are the reminder's fee. */
export const REMINDER_FEE_CODES: ReadonlySet<string> = new Set(['penaltyfee', 'penaltyrate']);

export function readReminderLines(root: XmlElement, r: Reader, intake: CompiledIntake): ReadLine[] {
  return children(root, CAC, 'ReminderLine').map((el) => {
    const id = r.requiredText(el, CBC, 'ID', 100) ?? '';
    const debit = r.money(child(el, CBC, 'DebitLineAmount'));
    const credit = r.money(child(el, CBC, 'CreditLineAmount'));
    if (
      textOf(child(el, CBC, 'DebitLineAmount')) === undefined &&
      textOf(child(el, CBC, 'CreditLineAmount')) === undefined
    ) {
      r.missing(el, 'DebitLineAmount');
    }
    const net: Ore = r.sum([debit ?? 0, -(credit ?? 0)], el) ?? 0;
    const line: DocumentLine = {
      id,
      serviceNumber: extractServiceNumber(el, intake),
      netAmount: formatMoney(net),
      vatAmount: '0.00',
    };
    const note = textOf(child(el, CBC, 'Note'));
    if (note !== undefined) line.description = note.slice(0, 2000);
    return { line, net, vat: 0, el };
  });
}

/** The first reminded invoice: ReminderLine/BillingReference, else a document-level one. */
export function reminderBillingReference(root: XmlElement): XmlElement | undefined {
  for (const line of children(root, CAC, 'ReminderLine')) {
    const ref = child(line, CAC, 'BillingReference');
    if (ref !== undefined) return ref;
  }
  return child(root, CAC, 'BillingReference');
}
