/**
 * From a detected UBL document (OIOUBL 2.1, OIOUBL 3, Peppol BIS 3) to the canonical model.
 *
 * Totals (canonical invariant, where the source itself is consistent):
 *   net     = LegalMonetaryTotal/LineExtensionAmount (else Σ lines) + document charges − allowances
 *   vat     = Σ document-level TaxTotal/TaxAmount in the document currency (several TaxTotals in
 *             OIOUBL 2.1 are several tax schemes and add up; a Peppol TaxTotal in the separate
 *             tax currency is skipped); without one, from LegalMonetaryTotal per format
 *             (format-profile.ts), else Σ line VAT
 *   payable = PayableAmount (required), as stated — never recomputed, so a document that does
 *             not add up reaches the ruleset (BELOEB_UOVERENSSTEMMELSE) instead of being "fixed"
 *   prepaid = PrepaidAmount, rounding = PayableRoundingAmount, when present.
 * Hence payable = net + vat (+ reminder fee) − prepaid + rounding holds for consistent sources.
 * Net is not taken from TaxExclusiveAmount, whose meaning differs between the formats.
 */
import type { AllowanceCharge, CanonicalDocument, DocumentType } from '../domain/document.js';
import { validateDocument } from '../domain/canonical.js';
import { issue, type Issue } from '../domain/issues.js';
import { formatMoney, type Ore } from '../domain/money.js';
import { IntakeError } from './errors.js';
import { extractCprNumbers } from './extract.js';
import type { FormatProfile } from './format-profile.js';
import type { CompiledIntake } from './intake-settings.js';
import { categoryPercent, readLines, type ReadLine } from './lines.js';
import { readReminderLines, reminderBillingReference, REMINDER_FEE_CODES } from './oioubl21.js';
import { readBuyer, readSupplier } from './parties.js';
import { CAC, CBC } from './ubl-ns.js';
import { Reader } from './values.js';
import { child, children, elementPath, pathOf, textOf, type XmlElement } from './xml-tree.js';

/** The canonical model's limit on lines (rulesets/schema/document.v1.schema.json). */
const MAX_LINES = 10_000;
const MAX_ALLOWANCE_CHARGES = 1000;

interface DocumentCharges {
  allowanceCharges: AllowanceCharge[];
  /** Charges − allowances, in øre. */
  netEffect: Ore;
  /** Reminder fees (PenaltyFee/PenaltyRate), in øre; 0 when none or not a reminder. */
  reminderFee: Ore;
}

function readBoolean(el: XmlElement | undefined, r: Reader): boolean | undefined {
  const t = textOf(el)?.toLowerCase();
  if (t === undefined || el === undefined) return undefined;
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  r.invalid(el, 'Skal være true eller false.', 'Must be true or false.');
  return undefined;
}

function readCharges(root: XmlElement, documentType: DocumentType, r: Reader): DocumentCharges {
  const allowanceCharges: AllowanceCharge[] = [];
  const effects: Ore[] = [];
  const fees: Ore[] = [];
  const elements = children(root, CAC, 'AllowanceCharge');
  if (elements.length > MAX_ALLOWANCE_CHARGES) {
    r.invalid(
      pathOf(root, 'AllowanceCharge'),
      `Højst ${MAX_ALLOWANCE_CHARGES} rabatter/gebyrer på dokumentniveau.`,
      `At most ${MAX_ALLOWANCE_CHARGES} document-level allowances/charges.`,
    );
    return { allowanceCharges, netEffect: 0, reminderFee: 0 };
  }
  for (const el of elements) {
    const indicatorEl = child(el, CBC, 'ChargeIndicator');
    if (textOf(indicatorEl) === undefined) r.missing(el, 'ChargeIndicator');
    const isCharge = readBoolean(indicatorEl, r);
    const amount = r.requiredMoney(el, CBC, 'Amount');
    if (isCharge === undefined || amount === undefined) continue;
    const code = textOf(child(el, CBC, 'AllowanceChargeReasonCode'));
    if (
      documentType === 'reminder' &&
      isCharge &&
      code !== undefined &&
      REMINDER_FEE_CODES.has(code.toLowerCase())
    ) {
      fees.push(amount);
      continue;
    }
    const ac: AllowanceCharge = { chargeIndicator: isCharge, amount: formatMoney(amount) };
    const reason = textOf(child(el, CBC, 'AllowanceChargeReason')) ?? code;
    if (reason !== undefined) ac.reason = reason.slice(0, 500);
    const percent = categoryPercent(child(el, CAC, 'TaxCategory'), r);
    if (percent !== undefined) ac.vatPercent = percent;
    allowanceCharges.push(ac);
    effects.push(isCharge ? amount : -amount);
  }
  return {
    allowanceCharges,
    netEffect: r.sum(effects, root) ?? 0,
    reminderFee: r.sum(fees, root) ?? 0,
  };
}

/** Σ TaxTotal/TaxAmount at document level in the document currency, or undefined if none. */
function documentVat(root: XmlElement, currency: string | undefined, r: Reader): Ore | undefined {
  const amounts: Ore[] = [];
  let found = false;
  for (const taxTotal of children(root, CAC, 'TaxTotal')) {
    const amountEl = child(taxTotal, CBC, 'TaxAmount');
    const currencyId = amountEl?.attrs.get('currencyID')?.trim();
    if (currencyId !== undefined && currency !== undefined && currencyId !== currency) continue;
    const amount = r.money(amountEl);
    if (amount !== undefined) {
      amounts.push(amount);
      found = true;
    }
  }
  return found ? r.sum(amounts, root) : undefined;
}

interface Totals {
  net: Ore;
  vat: Ore;
  payable: Ore | undefined;
  prepaid: Ore | undefined;
  rounding: Ore | undefined;
}

function readTotals(
  root: XmlElement,
  lines: readonly ReadLine[],
  charges: DocumentCharges,
  currency: string | undefined,
  profile: FormatProfile,
  r: Reader,
): Totals {
  const lmt = child(root, CAC, 'LegalMonetaryTotal');
  const lmtPath = `${elementPath(root)}/LegalMonetaryTotal`;
  const payable = r.requiredMoney(lmt, CBC, 'PayableAmount', lmtPath);
  const lineSum =
    r.money(child(lmt, CBC, 'LineExtensionAmount')) ??
    r.sum(
      lines.map((l) => l.net),
      root,
    ) ??
    0;
  const net = r.sum([lineSum, charges.netEffect], lmt ?? root) ?? 0;
  const vat =
    documentVat(root, currency, r) ??
    (lmt === undefined ? undefined : profile.vatFromMonetaryTotal(lmt, r)) ??
    r.sum(
      lines.map((l) => l.vat),
      root,
    ) ??
    0;
  return {
    net,
    vat,
    payable,
    prepaid: r.money(child(lmt, CBC, 'PrepaidAmount')),
    rounding: r.money(child(lmt, CBC, 'PayableRoundingAmount')),
  };
}

/** `{ id, issueDate? }` from a BillingReference's InvoiceDocumentReference (or another *DocumentReference). */
function readBillingReference(ref: XmlElement | undefined, r: Reader): CanonicalDocument['billingReference'] {
  if (ref === undefined) return undefined;
  const docRef =
    child(ref, CAC, 'InvoiceDocumentReference') ??
    ref.children.find((c) => c.ns === CAC && c.local.endsWith('DocumentReference'));
  if (docRef === undefined) return undefined;
  const id = r.text(child(docRef, CBC, 'ID'), 100);
  if (id === undefined) return undefined;
  const issueDate = r.date(child(docRef, CBC, 'IssueDate'));
  return issueDate === undefined ? { id } : { id, issueDate };
}

function readCurrency(root: XmlElement, r: Reader): string | undefined {
  const el = child(root, CBC, 'DocumentCurrencyCode');
  const code = textOf(el);
  if (code === undefined || el === undefined) {
    r.missing(root, 'DocumentCurrencyCode');
    return undefined;
  }
  if (!/^[A-Z]{3}$/.test(code)) {
    r.invalid(
      el,
      `"${code.slice(0, 20)}" er ikke en valutakode (ISO 4217, fx DKK).`,
      `"${code.slice(0, 20)}" is not a currency code (ISO 4217, e.g. DKK).`,
    );
    return undefined;
  }
  return code;
}

function readNote(root: XmlElement): string | undefined {
  const notes = children(root, CBC, 'Note')
    .map((n) => textOf(n))
    .filter((t): t is string => t !== undefined);
  return notes.length === 0 ? undefined : notes.join('\n').slice(0, 5000);
}

const MAX_REPORTED_ISSUES = 100;

/** The first 100 problems and a note on how many more there are (a refusal stays readable). */
function capIssues(issues: Issue[]): Issue[] {
  if (issues.length <= MAX_REPORTED_ISSUES) return issues;
  const more = issues.length - MAX_REPORTED_ISSUES;
  return [
    ...issues.slice(0, MAX_REPORTED_ISSUES),
    issue('/', 'intake.moreProblems', `… og ${more} problemer mere.`, `… and ${more} more problems.`),
  ];
}

/** Turns a canonical-schema failure (should not happen) into a refusal naming the XML element. */
function refuseInvalidCanonical(errors: Issue[], root: XmlElement, lines: readonly ReadLine[]): IntakeError {
  const mapped = errors.map((e) => {
    const m = /^\/lines\/(\d+)/.exec(e.pointer);
    const line = m ? lines[Number(m[1])] : undefined;
    const where = line !== undefined ? elementPath(line.el) : elementPath(root);
    return issue(where, 'intake.invalidValue', e.messages.da, e.messages.en);
  });
  return new IntakeError(422, mapped);
}

/** Reads a detected UBL document; throws {@link IntakeError} (422) listing every problem. */
export function readUblDocument(
  root: XmlElement,
  documentType: DocumentType,
  profile: FormatProfile,
  intake: CompiledIntake,
): CanonicalDocument {
  const r = new Reader();
  const id = r.requiredText(root, CBC, 'ID', 100);
  const issueDate = r.requiredDate(root, CBC, 'IssueDate');
  const currency = readCurrency(root, r);

  const supplierParty = child(child(root, CAC, 'AccountingSupplierParty'), CAC, 'Party');
  const supplier = supplierParty === undefined ? undefined : readSupplier(supplierParty);
  if (supplier === undefined) {
    const path = `${elementPath(root)}/AccountingSupplierParty/Party/PartyIdentification/ID`;
    r.invalid(
      path,
      'Leverandøren mangler et id (PartyIdentification/ID, EndpointID eller PartyLegalEntity/CompanyID).',
      'The supplier has no identifier (PartyIdentification/ID, EndpointID or PartyLegalEntity/CompanyID).',
    );
  }
  const buyer = readBuyer(root, child(child(root, CAC, 'AccountingCustomerParty'), CAC, 'Party'));

  const lineName =
    documentType === 'invoice'
      ? 'InvoiceLine'
      : documentType === 'creditNote'
        ? 'CreditNoteLine'
        : 'ReminderLine';
  const lineCount = children(root, CAC, lineName).length;
  if (lineCount === 0) r.missing(root, lineName);
  if (lineCount > MAX_LINES) {
    throw IntakeError.of(
      422,
      pathOf(root, lineName),
      'intake.tooManyLines',
      `Dokumentet har ${lineCount} linjer; højst ${MAX_LINES} er tilladt.`,
      `The document has ${lineCount} lines; at most ${MAX_LINES} are allowed.`,
    );
  }
  const lines =
    documentType === 'reminder'
      ? readReminderLines(root, r, intake)
      : readLines(root, documentType, r, intake);
  const seen = new Set<string>();
  const linesPath = pathOf(root, lineName);
  lines.forEach((l, i) => {
    if (l.line.id !== '' && seen.has(l.line.id)) {
      r.invalid(
        `${linesPath}[${i + 1}]/ID`, // the index is known: no sibling count per duplicate
        `Linje-id "${l.line.id}" bruges mere end én gang.`,
        `Line id "${l.line.id}" is used more than once.`,
      );
    }
    seen.add(l.line.id);
  });

  const charges = readCharges(root, documentType, r);
  const totals = readTotals(root, lines, charges, currency, profile, r);
  const billingRef =
    documentType === 'reminder' ? reminderBillingReference(root) : child(root, CAC, 'BillingReference');
  const billingReference = readBillingReference(billingRef, r);
  const dueDate =
    r.date(child(root, CBC, 'DueDate')) ??
    r.date(child(child(root, CAC, 'PaymentMeans'), CBC, 'PaymentDueDate'));

  if (r.issues.length > 0) throw new IntakeError(422, capIssues(r.issues));
  // Every required value was read (else an issue was recorded above); these narrow the types.
  if (
    id === undefined ||
    issueDate === undefined ||
    currency === undefined ||
    supplier === undefined ||
    totals.payable === undefined
  ) {
    throw new Error('unreachable: required values missing without an issue');
  }

  const doc: CanonicalDocument = {
    documentType,
    id,
    issueDate,
    currency,
    format: profile.format,
    supplier,
    buyer,
    cprNumbers: extractCprNumbers(root, intake),
    lines: lines.map((l) => l.line),
    totals: {
      net: formatMoney(totals.net),
      vat: formatMoney(totals.vat),
      payable: formatMoney(totals.payable),
    },
  };
  if (totals.prepaid !== undefined) doc.totals.prepaid = formatMoney(totals.prepaid);
  if (totals.rounding !== undefined) doc.totals.rounding = formatMoney(totals.rounding);
  if (charges.allowanceCharges.length > 0) doc.allowanceCharges = charges.allowanceCharges;
  if (billingReference !== undefined) doc.billingReference = billingReference;
  if (documentType === 'reminder') {
    // The reminder's fee; 0.00 when it charges none (the ruleset decides: RYKKER_UDEN_GEBYR).
    doc.reminder = { fee: formatMoney(charges.reminderFee) };
    const sequence = textOf(child(root, CBC, 'ReminderSequenceNumeric'));
    if (sequence !== undefined && /^[0-9]{1,3}$/.test(sequence)) {
      const n = Number(sequence);
      if (n >= 1 && n <= 100) doc.reminder.sequence = n;
    }
  }
  if (dueDate !== undefined) doc.dueDate = dueDate;
  const note = readNote(root);
  if (note !== undefined) doc.note = note;

  const checked = validateDocument(doc);
  if (!checked.ok) throw refuseInvalidCanonical(checked.errors, root, lines);
  return checked.document;
}
