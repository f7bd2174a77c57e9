/**
 * The facts of one evaluation, computed once from the document, the ruleset's tables
 * (ruleset-tables.ts) and the ledger snapshot: every fact of the catalogue (fact-catalogue.ts),
 * in one pass over the lines, money in øre.
 */
import type { CanonicalDocument } from '../domain/document.js';
import { isValidCpr } from '../domain/cpr.js';
import { parseMoney, formatMoney, type Ore } from '../domain/money.js';
import { documentContentHash, supplierKey, type LedgerSnapshot } from './ledger.js';
import type { CaseKind } from './ruleset.js';
import { isOptedOut, type RulesetTables, type ServiceEntry } from './ruleset-tables.js';

/** The facts of one evaluation, as rules (and json-rules-engine) see them. */
export interface Facts {
  documentType: string;
  documentId: string;
  supplierId: string;
  issueDate: string;
  currency: string;
  lineCount: number;
  cprCount: number;
  invalidCprCount: number;
  hasVat: boolean;
  netAmount: string;
  vatAmount: string;
  payableAmount: string;
  totalsConsistent: boolean;
  linesNetAmount: string;
  linesPayableAmount: string;
  buyerEan: string | null;
  addressedToKpEan: boolean;
  hasBillingReference: boolean;
  reminderFee: string;
  reminderSequence: number;
  expectedCurrency: string;
  automaticProcessing: boolean;
  acceptVat: boolean;
  creditNoteAutoApprove: boolean;
  reminderAutoAcceptFeeUpTo: string | null;
  supplierOptedOut: boolean;
  unknownServiceNumbers: string[];
  unknownServiceNumberCount: number;
  linesWithoutServiceNumberCount: number;
  manualServiceNumbers: string[];
  manualServiceNumberCount: number;
  ordinaryManualServiceNumbers: string[];
  ordinaryManualServiceNumberCount: number;
  serviceNumbersOverLimit: string[];
  serviceNumbersOverLimitCount: number;
  serviceNumbersWithVatNotAllowed: string[];
  serviceNumbersWithVatNotAllowedCount: number;
  caseTypes: string[];
  caseTypeCount: number;
  caseTypeKinds: string[];
  nonOrdinaryCaseTypes: string[];
  matchingInvoiceStatus: 'none' | 'pending' | 'approved' | 'rejected';
  creditExceedsOriginal: boolean;
  invoiceRemainingAmount: string | null;
  duplicateWithDifferentContent: boolean;
  openCaseThisYear: boolean;
}

const EMPTY: string[] = [];
Object.freeze(EMPTY);

function pushUnique(list: string[] | null, value: string): string[] {
  if (list === null) return [value];
  if (!list.includes(value)) list.push(value);
  return list;
}

const m = (s: string | undefined | null): Ore => (s == null ? 0 : (parseMoney(s) ?? 0));

/**
 * Computes every fact of the catalogue. One pass over the lines; no floats (money is øre).
 * Invalid money cannot reach here: documents are schema-validated before evaluation.
 */
export function computeFacts(tables: RulesetTables, doc: CanonicalDocument, ledger: LedgerSnapshot): Facts {
  let unknown: string[] | null = null;
  let manual: string[] | null = null;
  let ordinaryManual: string[] | null = null;
  let nonOrdinary: string[] | null = null;
  let overLimit: string[] | null = null;
  let vatNotAllowed: string[] | null = null;
  let caseTypes: string[] | null = null;
  let kinds: string[] | null = null;
  let unknownCount = 0;
  let missingCount = 0;
  let manualCount = 0;
  let ordinaryManualCount = 0;
  let overCount = 0;
  let vatNotAllowedCount = 0;
  // A service number's limit is for the service on the document: its lines are summed.
  let limited: Map<ServiceEntry, Ore> | null = null;
  let ordinaryCaseTypes: string[] | null = null;
  let lineNet = 0;
  let lineVatNonZero = false;

  const lines = doc.lines;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const net = m(line.netAmount);
    const vat = m(line.vatAmount);
    lineNet += net;
    if (vat !== 0) lineVatNonZero = true;
    const code = line.serviceNumber;
    if (code == null || code === '') {
      missingCount++;
      unknownCount++;
      continue;
    }
    const entry = tables.services.get(code);
    if (entry === undefined) {
      unknownCount++;
      unknown = pushUnique(unknown, code);
      continue;
    }
    const ct = entry.caseType;
    const nonOrdinaryKind = ct !== undefined && (ct.kind === 'udvidet' || ct.kind === 'personligt');
    if (!entry.service.automatic) {
      manualCount++;
      manual = pushUnique(manual, code);
      // udvidet/personligt services are routed by their own rule (one reason per cause)
      if (!nonOrdinaryKind) {
        ordinaryManualCount++;
        ordinaryManual = pushUnique(ordinaryManual, code);
      }
    }
    if (entry.maxOre !== null) {
      limited ??= new Map();
      limited.set(entry, (limited.get(entry) ?? 0) + net + vat);
    }
    if (vat !== 0 && !entry.service.vatAllowed) {
      vatNotAllowedCount++;
      vatNotAllowed = pushUnique(vatNotAllowed, code);
    }
    if (ct !== undefined) {
      caseTypes = pushUnique(caseTypes, ct.code);
      kinds = pushUnique(kinds, ct.kind);
      if (ct.kind === 'almindelig') ordinaryCaseTypes = pushUnique(ordinaryCaseTypes, ct.code);
      else if (nonOrdinaryKind) nonOrdinary = pushUnique(nonOrdinary, ct.code);
    }
  }
  if (limited !== null) {
    for (const [entry, sum] of limited) {
      if (sum > entry.maxOre!) {
        overCount++;
        overLimit = pushUnique(overLimit, entry.code);
      }
    }
  }

  const totals = doc.totals;
  const totalNet = m(totals.net);
  const totalVat = m(totals.vat);
  const payable = m(totals.payable);
  let charges = 0;
  const acs = doc.allowanceCharges;
  if (acs) for (const ac of acs) charges += ac.chargeIndicator ? m(ac.amount) : -m(ac.amount);
  const isReminder = doc.documentType === 'reminder';
  const feeOre = isReminder && doc.reminder ? m(doc.reminder.fee) : 0;
  const adjustments = totalVat + feeOre - m(totals.prepaid) + m(totals.rounding);
  const totalsConsistent = lineNet + charges === totalNet && totalNet + adjustments === payable;

  let invalidCpr = 0;
  const cprs = doc.cprNumbers;
  for (let i = 0; i < cprs.length; i++) if (!isValidCpr(cprs[i]!)) invalidCpr++;

  const matched = ledger.matchingInvoice;
  const matchingInvoiceStatus =
    matched === null ? 'none' : matched.status === 'manual' ? 'pending' : matched.status;
  const remaining = matched === null ? null : Math.abs(m(matched.payable)) - Math.abs(m(matched.credited));
  const creditExceedsOriginal =
    doc.documentType === 'creditNote' && remaining !== null && Math.abs(payable) > remaining;
  const previous = ledger.previous;
  const duplicateWithDifferentContent =
    previous !== null && previous.contentHash !== documentContentHash(doc);

  const ean = doc.buyer.ean ?? null;
  const settings = tables.settings;
  return {
    documentType: doc.documentType,
    documentId: doc.id,
    supplierId: doc.supplier.id,
    issueDate: doc.issueDate,
    currency: doc.currency,
    lineCount: lines.length,
    cprCount: cprs.length,
    invalidCprCount: invalidCpr,
    hasVat: lineVatNonZero || totalVat !== 0,
    netAmount: formatMoney(totalNet),
    vatAmount: formatMoney(totalVat),
    payableAmount: formatMoney(payable),
    totalsConsistent,
    linesNetAmount: formatMoney(lineNet + charges),
    linesPayableAmount: formatMoney(lineNet + charges + adjustments),
    buyerEan: ean,
    addressedToKpEan: ean !== null && tables.kpEans.has(ean),
    hasBillingReference: doc.billingReference != null,
    reminderFee: formatMoney(feeOre),
    reminderSequence: isReminder ? (doc.reminder?.sequence ?? 1) : 0,
    expectedCurrency: settings.currency,
    automaticProcessing: settings.automaticProcessing,
    acceptVat: settings.acceptVat,
    creditNoteAutoApprove: tables.creditNoteAutoApprove,
    reminderAutoAcceptFeeUpTo: tables.reminderAutoAcceptFeeUpTo,
    supplierOptedOut: isOptedOut(tables.optOuts.get(supplierKey(doc.supplier.id)), doc.issueDate),
    unknownServiceNumbers: unknown ?? EMPTY,
    unknownServiceNumberCount: unknownCount,
    linesWithoutServiceNumberCount: missingCount,
    manualServiceNumbers: manual ?? EMPTY,
    manualServiceNumberCount: manualCount,
    ordinaryManualServiceNumbers: ordinaryManual ?? EMPTY,
    ordinaryManualServiceNumberCount: ordinaryManualCount,
    serviceNumbersOverLimit: overLimit ?? EMPTY,
    serviceNumbersOverLimitCount: overCount,
    serviceNumbersWithVatNotAllowed: vatNotAllowed ?? EMPTY,
    serviceNumbersWithVatNotAllowedCount: vatNotAllowedCount,
    caseTypes: caseTypes ?? EMPTY,
    caseTypeCount: caseTypes === null ? 0 : caseTypes.length,
    caseTypeKinds: kinds ?? EMPTY,
    nonOrdinaryCaseTypes: nonOrdinary ?? EMPTY,
    matchingInvoiceStatus,
    creditExceedsOriginal,
    invoiceRemainingAmount: remaining === null ? null : formatMoney(remaining),
    duplicateWithDifferentContent,
    openCaseThisYear: openCase(ledger, ordinaryCaseTypes),
  };
}

/**
 * An open case is one of the same CPR and the same case type this calendar year: one of the
 * document's ordinary case types has an approved invoice. A snapshot stored before the ledger
 * knew case types carries only the boolean, which is used as recorded.
 */
function openCase(ledger: LedgerSnapshot, ordinaryCaseTypes: string[] | null): boolean {
  const open = ledger.openCaseTypes;
  if (open === undefined) return ledger.openCaseThisYear;
  if (ordinaryCaseTypes === null || open.length === 0) return false;
  for (const t of ordinaryCaseTypes) if (open.includes(t)) return true;
  return false;
}

/** Kinds that need a caseworker's grant choice (udvidet helbredstillæg, personligt tillæg). */
export const NON_ORDINARY_KINDS: readonly CaseKind[] = ['udvidet', 'personligt'];
