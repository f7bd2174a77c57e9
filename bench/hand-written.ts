/**
 * The kp-standard template written by hand as one plain TypeScript function: the yardstick for
 * "within 10× of a hand-written function" (PRODUCT.md §8). It reads the document, the ruleset's
 * settings and tables (Maps built once per ruleset, like the evaluator's) and the ledger snapshot
 * directly — no facts object, no rule objects, no trace, no explanation — in one pass over the
 * lines with exact integer øre, and returns the outcome and the reason codes in the order the
 * evaluator reports them (priority, then ruleset order; reject > manual > approve).
 *
 * It hard-codes kp-standard's 25 rules, so it is only valid for rulesets whose rules are
 * kp-standard's (the benchmark verifies that it agrees with the evaluator before timing it).
 */
import type { CanonicalDocument } from '../server/src/domain/document.js';
import { parseMoney } from '../server/src/domain/money.js';
import type { Ruleset } from '../server/src/engine/ruleset.js';
import { documentContentHash, supplierKey, type LedgerSnapshot } from '../server/src/engine/ledger.js';

export type Outcome = 'approved' | 'manual' | 'rejected';

export interface HandResult {
  outcome: Outcome;
  reasons: string[];
}

interface Service {
  automatic: boolean;
  vatAllowed: boolean;
  /** Limit in øre; -1 = no limit. */
  maxOre: number;
  /** Index of the case type (for de-duplication), -1 when the case type is unknown. */
  caseType: number;
  /** The case type's kind is udvidet or personligt. */
  nonOrdinary: boolean;
}

interface Period {
  from: string;
  until: string | null;
}

export interface HandTables {
  services: Map<string, Service>;
  optOuts: Map<string, Period[]>;
  kpEans: Set<string>;
  currency: string;
  automaticProcessing: boolean;
  acceptVat: boolean;
  creditNoteAutoApprove: boolean;
  /** Reminder fees up to this many øre are accepted; null = never. NaN = not a money amount. */
  feeUpToOre: number | null;
}

/** Builds the lookup tables once per ruleset version. */
export function prepareHandWritten(rs: Ruleset): HandTables {
  const caseIndex = new Map(rs.caseTypes.map((c, i) => [c.code, i]));
  const services = new Map<string, Service>();
  for (const s of rs.serviceNumbers) {
    const ct = caseIndex.get(s.caseType);
    const kind = ct === undefined ? undefined : rs.caseTypes[ct]!.kind;
    services.set(s.code, {
      automatic: s.automatic,
      vatAllowed: s.vatAllowed,
      maxOre: s.maxAmount == null ? -1 : (parseMoney(s.maxAmount) ?? -1),
      caseType: ct ?? -1,
      nonOrdinary: kind === 'udvidet' || kind === 'personligt',
    });
  }
  const optOuts = new Map<string, Period[]>();
  for (const o of rs.supplierOptOuts) {
    const k = supplierKey(o.supplier);
    const p = { from: o.from, until: o.until ?? null };
    const list = optOuts.get(k);
    if (list) list.push(p);
    else optOuts.set(k, [p]);
  }
  const upTo = rs.reminders.autoAcceptFeeUpTo;
  return {
    services,
    optOuts,
    kpEans: new Set(rs.settings.kpEans),
    currency: rs.settings.currency,
    automaticProcessing: rs.settings.automaticProcessing,
    acceptVat: rs.settings.acceptVat,
    creditNoteAutoApprove: rs.creditNotes.autoApproveWhenInvoiceApproved,
    feeUpToOre: upTo == null ? null : (parseMoney(upTo) ?? Number.NaN),
  };
}

const ore = (s: string | null | undefined): number => (s == null ? 0 : (parseMoney(s) ?? 0));

/** Ten digits whose first six are a real date DDMMYY (century from the 7th digit), no regex. */
function validCpr(cpr: string): boolean {
  if (cpr.length !== 10) return false;
  for (let i = 0; i < 10; i++) {
    const c = cpr.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const d = (i: number): number => cpr.charCodeAt(i) - 48;
  const day = d(0) * 10 + d(1);
  const month = d(2) * 10 + d(3);
  if (month < 1 || month > 12 || day < 1) return false;
  const yy = d(4) * 10 + d(5);
  const d7 = d(6);
  const year =
    d7 <= 3
      ? 1900 + yy
      : d7 === 4 || d7 === 9
        ? (yy <= 36 ? 2000 : 1900) + yy
        : (yy <= 57 ? 2000 : 1800) + yy;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days =
    month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days;
}

/** supplierKey without a regex in the common case (upper-case ASCII, no whitespace). */
function fastSupplierKey(id: string): string {
  const n = id.length;
  for (let i = 0; i < n; i++) {
    const c = id.charCodeAt(i);
    if (c <= 32 || c >= 127 || (c >= 97 && c <= 122)) return supplierKey(id);
  }
  if (n === 10 && id.charCodeAt(0) === 68 /* D */ && id.charCodeAt(1) === 75 /* K */) {
    for (let i = 2; i < 10; i++) {
      const c = id.charCodeAt(i);
      if (c < 48 || c > 57) return id;
    }
    return id.slice(2);
  }
  return id;
}

function optedOut(periods: Period[] | undefined, date: string): boolean {
  if (periods === undefined) return false;
  for (const p of periods) if (p.from <= date && (p.until === null || date <= p.until)) return true;
  return false;
}

/** kp-standard, by hand. */
export function handWritten(t: HandTables, doc: CanonicalDocument, ledger: LedgerSnapshot): HandResult {
  const type = doc.documentType;
  const isInvoice = type === 'invoice';
  const lines = doc.lines;

  // One pass over the lines.
  let lineNet = 0;
  let lineVat = false;
  let unknown = false;
  let manualSvc = false;
  let vatNotAllowed = false;
  let overLimit = false;
  const sums = new Map<string, number>();
  let nonOrdinary = false;
  let firstCase = -1;
  let severalCases = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const net = ore(l.netAmount);
    const vat = ore(l.vatAmount);
    lineNet += net;
    if (vat !== 0) lineVat = true;
    if (!isInvoice) continue; // the line rules apply to invoices only
    const code = l.serviceNumber;
    const s = code == null || code === '' ? undefined : t.services.get(code);
    if (s === undefined) {
      unknown = true;
      continue;
    }
    // udvidet/personligt services are routed by UDVIDET_HELBREDSTILLAEG alone (one reason per cause)
    if (!s.automatic && !s.nonOrdinary) manualSvc = true;
    if (s.maxOre >= 0) {
      // the limit is for the service on the document: its lines are summed
      const sum = (sums.get(code!) ?? 0) + net + vat;
      sums.set(code!, sum);
      if (sum > s.maxOre) overLimit = true;
    }
    if (vat !== 0 && !s.vatAllowed) vatNotAllowed = true;
    if (s.caseType >= 0) {
      if (firstCase < 0) firstCase = s.caseType;
      else if (s.caseType !== firstCase) severalCases = true;
      if (s.nonOrdinary) nonOrdinary = true;
    }
  }

  const totals = doc.totals;
  const totalNet = ore(totals.net);
  const totalVat = ore(totals.vat);
  const payable = ore(totals.payable);
  let charges = 0;
  const acs = doc.allowanceCharges;
  if (acs) for (const ac of acs) charges += ac.chargeIndicator ? ore(ac.amount) : -ore(ac.amount);
  const isReminder = type === 'reminder';
  const fee = isReminder && doc.reminder ? ore(doc.reminder.fee) : 0;
  const consistent =
    lineNet + charges === totalNet &&
    totalNet + totalVat + fee - ore(totals.prepaid) + ore(totals.rounding) === payable;

  const rejects: string[] = [];
  // Priority 100
  const ean = doc.buyer.ean ?? null;
  if (ean === null || !t.kpEans.has(ean)) rejects.push('FORKERT_EAN');
  const cprs = doc.cprNumbers;
  if (cprs.length > 1) rejects.push('SAMLEREGNING');
  if (cprs.length === 0) rejects.push('MANGLER_CPR');
  for (let i = 0; i < cprs.length; i++)
    if (!validCpr(cprs[i]!)) {
      rejects.push('UGYLDIGT_CPR');
      break;
    }
  // Priority 95
  if ((lineVat || totalVat !== 0) && !t.acceptVat) rejects.push('MOMS_IKKE_TILLADT');
  if (doc.currency !== t.currency) rejects.push('VALUTA');
  if (!consistent) rejects.push('BELOEB_UOVERENSSTEMMELSE');
  if (ledger.previous !== null && ledger.previous.contentHash !== documentContentHash(doc))
    rejects.push('DUBLET');
  // Priority 90
  const m = ledger.matchingInvoice;
  const status = m === null ? 'none' : m.status === 'manual' ? 'pending' : m.status;
  const isCredit = type === 'creditNote';
  if (isCredit) {
    if (status === 'none') rejects.push('KREDITNOTA_UDEN_FAKTURA');
    else if (status === 'rejected') rejects.push('KREDITNOTA_FAKTURA_AFVIST');
  } else if (isReminder) {
    if (fee <= 0) rejects.push('RYKKER_UDEN_GEBYR');
    if (status === 'none') rejects.push('RYKKER_UDEN_FAKTURA');
    else if (status === 'rejected') rejects.push('RYKKER_FAKTURA_AFVIST');
  }
  if (rejects.length > 0) return { outcome: 'rejected', reasons: rejects };

  const manual: string[] = [];
  // Priority 80
  if (isCredit) {
    if (status === 'pending') manual.push('KREDITNOTA_AFVENTER_FAKTURA');
    if (m !== null && Math.abs(payable) > Math.abs(ore(m.payable)) - Math.abs(ore(m.credited)))
      manual.push('KREDITNOTA_OVERSTIGER_FAKTURA');
    if (status === 'approved' && !t.creditNoteAutoApprove) manual.push('KREDITNOTA_ANNULLERING');
  } else if (isReminder) {
    const upTo = t.feeUpToOre;
    if (status === 'pending') manual.push('RYKKER_AFVENTER_FAKTURA');
    if (status === 'approved' && (upTo === null || fee > upTo)) manual.push('RYKKERGEBYR');
  }
  // Priority 60: an opt-out covers every document type
  if (isInvoice && !t.automaticProcessing) manual.push('AUTOMATIK_FRA');
  if (t.optOuts.size > 0 && optedOut(t.optOuts.get(fastSupplierKey(doc.supplier.id)), doc.issueDate))
    manual.push('LEVERANDOER_FRAVALGT');
  if (isInvoice) {
    if (unknown) manual.push('UKENDT_YDELSESNUMMER');
    if (manualSvc) manual.push('YDELSE_KRAEVER_MANUEL');
    if (vatNotAllowed) manual.push('MOMS_PAA_YDELSE');
    if (overLimit) manual.push('OVER_BELOEBSGRAENSE');
    if (severalCases) manual.push('FLERE_SAGSTYPER');
    if (nonOrdinary) manual.push('UDVIDET_HELBREDSTILLAEG');
  }
  if (manual.length > 0) return { outcome: 'manual', reasons: manual };
  if (!t.automaticProcessing) return { outcome: 'manual', reasons: ['AUTOMATIK_FRA'] };
  return { outcome: 'approved', reasons: [] };
}
