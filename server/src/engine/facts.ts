/**
 * The fact catalogue: every fact a rule can read, computed once per evaluation from the
 * document, the ruleset's tables and the ledger snapshot. This file is the one place facts are
 * documented (name, type, meaning in Danish and English); the console and the validator read
 * FACT_CATALOGUE. Table lookups are O(1) (Maps built once per ruleset version), so a ruleset
 * with 10,000 service numbers or opt-outs evaluates as fast as one with 10.
 *
 * Why one file of ~600 lines: half of it is the catalogue's definitions (data), and a fact is
 * defined and computed side by side so the two cannot drift apart (test/engine checks both).
 */
import type { CanonicalDocument } from '../domain/document.js';
import { isValidCpr } from '../domain/cpr.js';
import { parseMoney, formatMoney, type Ore } from '../domain/money.js';
import { documentContentHash, supplierKey, type LedgerSnapshot } from './ledger.js';
import type { CaseKind, CaseType, Ruleset, ServiceNumber, SupplierOptOut } from './ruleset.js';

export const FACT_CATALOGUE_VERSION = 3;

/** `money` facts are decimal strings and compare only with the money operators. */
export type FactType =
  'boolean' | 'integer' | 'string' | 'string?' | 'date' | 'money' | 'money?' | 'string[]';

export interface FactDefinition {
  name: string;
  type: FactType;
  /** The only values the fact takes (for enums and arrays of enums). */
  values?: readonly string[];
  source: 'document' | 'ruleset' | 'ledger';
  da: string;
  en: string;
}

const f = (
  name: string,
  type: FactType,
  source: FactDefinition['source'],
  da: string,
  en: string,
  values?: readonly string[],
): FactDefinition => (values ? { name, type, source, da, en, values } : { name, type, source, da, en });

export const FACT_CATALOGUE: readonly FactDefinition[] = Object.freeze([
  // The document
  f(
    'documentType',
    'string',
    'document',
    'Dokumenttype: faktura, kreditnota eller rykker.',
    'Document type: invoice, credit note or reminder.',
    ['invoice', 'creditNote', 'reminder'],
  ),
  f('documentId', 'string', 'document', 'Leverandørens dokumentnummer.', "The supplier's document number."),
  f(
    'supplierId',
    'string',
    'document',
    'Leverandørens id (CVR/GLN), som det står på dokumentet.',
    "The supplier's id (CVR/GLN) as given on the document.",
  ),
  f(
    'issueDate',
    'date',
    'document',
    'Dokumentets udstedelsesdato (ÅÅÅÅ-MM-DD).',
    "The document's issue date (YYYY-MM-DD).",
  ),
  f('currency', 'string', 'document', 'Dokumentets valuta (fx DKK).', "The document's currency (e.g. DKK)."),
  f('lineCount', 'integer', 'document', 'Antal linjer på dokumentet.', 'Number of lines on the document.'),
  f(
    'cprCount',
    'integer',
    'document',
    'Antal forskellige CPR-numre fundet på dokumentet (flere = samleregning).',
    'Number of distinct CPR numbers found on the document (more than one = a samleregning).',
  ),
  f(
    'invalidCprCount',
    'integer',
    'document',
    'Antal fundne CPR-numre, hvis første seks cifre ikke er en gyldig dato.',
    'Number of CPR numbers found whose first six digits are not a valid date.',
  ),
  f(
    'hasVat',
    'boolean',
    'document',
    'Dokumentet har moms (på en linje eller i alt).',
    'The document carries VAT (on a line or in total).',
  ),
  f('netAmount', 'money', 'document', 'Nettobeløb i alt.', 'Total net amount.'),
  f('vatAmount', 'money', 'document', 'Moms i alt på dokumentet.', 'Total VAT on the document.'),
  f('payableAmount', 'money', 'document', 'Beløb til betaling.', 'Amount payable.'),
  f(
    'totalsConsistent',
    'boolean',
    'document',
    'Beløbene stemmer: linjernes netto (± gebyrer/rabatter) = netto i alt, og til betaling = netto + moms (+ rykkergebyr) − forudbetalt + afrunding.',
    'The amounts add up: the lines’ net (± charges/allowances) = total net, and payable = net + VAT (+ reminder fee) − prepaid + rounding.',
  ),
  f(
    'buyerEan',
    'string?',
    'document',
    'Modtagerens EAN-nummer, som det står på dokumentet.',
    "The buyer's EAN number as given on the document.",
  ),
  f(
    'addressedToKpEan',
    'boolean',
    'document',
    'Dokumentet er sendt til et af kommunens KP-EAN-numre.',
    "The document is addressed to one of the municipality's KP EAN numbers.",
  ),
  f(
    'hasBillingReference',
    'boolean',
    'document',
    'Dokumentet henviser til en faktura (kreditnota/rykker).',
    'The document refers to an invoice (credit note/reminder).',
  ),
  f(
    'linesNetAmount',
    'money',
    'document',
    'Linjernes netto i alt (± gebyrer/rabatter på dokumentet) — det, netto i alt skal være.',
    'The lines’ net in total (± charges/allowances on the document) — what the total net should be.',
  ),
  f(
    'linesPayableAmount',
    'money',
    'document',
    'Det, linjerne giver til betaling: linjernes netto (± gebyrer/rabatter) + moms (+ rykkergebyr) − forudbetalt + afrunding.',
    'What the lines come to payable: the lines’ net (± charges/allowances) + VAT (+ reminder fee) − prepaid + rounding.',
  ),
  f('reminderFee', 'money', 'document', 'Rykkergebyr (0.00 hvis intet).', 'Reminder fee (0.00 if none).'),
  f(
    'reminderSequence',
    'integer',
    'document',
    'Rykkerens nummer (1. rykker, 2. rykker …; 0 hvis ikke rykker).',
    "The reminder's sequence number (0 if not a reminder).",
  ),
  // The ruleset's settings and tables
  f(
    'expectedCurrency',
    'string',
    'ruleset',
    'Den valuta kommunen modtager (indstillingen currency).',
    'The currency the municipality accepts (setting currency).',
  ),
  f(
    'automaticProcessing',
    'boolean',
    'ruleset',
    'Automatisk behandling er slået til.',
    'Automatic processing is on.',
  ),
  f(
    'acceptVat',
    'boolean',
    'ruleset',
    'Fakturaer med moms modtages (siden KP release 5.3).',
    'Invoices with VAT are accepted (since KP release 5.3).',
  ),
  f(
    'creditNoteAutoApprove',
    'boolean',
    'ruleset',
    'Kreditnotaer godkendes automatisk, når fakturaen er godkendt.',
    'Credit notes are approved automatically when their invoice was approved.',
  ),
  f(
    'reminderAutoAcceptFeeUpTo',
    'money?',
    'ruleset',
    'Rykkergebyrer op til dette beløb accepteres automatisk (null = aldrig).',
    'Reminder fees up to this amount are accepted automatically (null = never).',
  ),
  f(
    'supplierOptedOut',
    'boolean',
    'ruleset',
    'Leverandøren er fravalgt fra automatisk sagsbehandling på dokumentets dato.',
    'The supplier is opted out of automatic processing on the document’s date.',
  ),
  f(
    'unknownServiceNumbers',
    'string[]',
    'ruleset',
    'Ydelsesnumre på dokumentet, som ikke findes i tabellen.',
    'Service numbers on the document that are not in the table.',
  ),
  f(
    'unknownServiceNumberCount',
    'integer',
    'ruleset',
    'Antal linjer med et ukendt ydelsesnummer.',
    'Number of lines with an unknown service number.',
  ),
  f(
    'linesWithoutServiceNumberCount',
    'integer',
    'ruleset',
    'Antal linjer uden ydelsesnummer.',
    'Number of lines without a service number.',
  ),
  f(
    'manualServiceNumbers',
    'string[]',
    'ruleset',
    'Ydelsesnumre, der ikke må behandles automatisk.',
    'Service numbers not allowed automatic processing.',
  ),
  f(
    'manualServiceNumberCount',
    'integer',
    'ruleset',
    'Antal linjer med et ydelsesnummer, der kræver manuel behandling.',
    'Number of lines whose service number requires manual processing.',
  ),
  f(
    'ordinaryManualServiceNumbers',
    'string[]',
    'ruleset',
    'Ydelsesnumre, der ikke må behandles automatisk, og hvis sagstype ikke er udvidet helbredstillæg eller personligt tillæg (dem behandler reglen for udvidet helbredstillæg).',
    'Service numbers not allowed automatic processing whose case type is not extended health supplement or personal supplement (those are routed by the extended-supplement rule).',
  ),
  f(
    'ordinaryManualServiceNumberCount',
    'integer',
    'ruleset',
    'Antal linjer med et ydelsesnummer, der kræver manuel behandling, og hvis sagstype ikke er udvidet eller personligt tillæg.',
    'Number of lines whose service number requires manual processing and whose case type is not extended or personal supplement.',
  ),
  f(
    'serviceNumbersOverLimit',
    'string[]',
    'ruleset',
    'Ydelsesnumre over beløbsgrænsen: summen af ydelsesnummerets linjer på dokumentet (netto + moms) > maxAmount.',
    "Service numbers over their limit: the sum of the service number's lines on the document (net + VAT) > maxAmount.",
  ),
  f(
    'serviceNumbersOverLimitCount',
    'integer',
    'ruleset',
    'Antal ydelsesnumre over beløbsgrænsen (summen af deres linjer på dokumentet).',
    'Number of service numbers over their limit (the sum of their lines on the document).',
  ),
  f(
    'serviceNumbersWithVatNotAllowed',
    'string[]',
    'ruleset',
    'Ydelsesnumre med moms, hvor ydelsen ikke tillader moms.',
    'Service numbers carrying VAT where the service does not allow VAT.',
  ),
  f(
    'serviceNumbersWithVatNotAllowedCount',
    'integer',
    'ruleset',
    'Antal linjer med moms på en ydelse uden moms.',
    'Number of lines with VAT on a service that does not allow VAT.',
  ),
  f(
    'caseTypes',
    'string[]',
    'ruleset',
    'Sagstyper, dokumentets kendte ydelsesnumre hører til.',
    "Case types of the document's known service numbers.",
  ),
  f(
    'caseTypeCount',
    'integer',
    'ruleset',
    'Antal forskellige sagstyper på dokumentet.',
    'Number of distinct case types on the document.',
  ),
  f(
    'caseTypeKinds',
    'string[]',
    'ruleset',
    'Arter af sagstyper: almindelig, udvidet, personligt.',
    'Kinds of the case types: almindelig, udvidet, personligt.',
    ['almindelig', 'udvidet', 'personligt'],
  ),
  f(
    'nonOrdinaryCaseTypes',
    'string[]',
    'ruleset',
    'Dokumentets sagstyper om udvidet helbredstillæg eller personligt tillæg.',
    "The document's case types of extended health supplement or personal supplement.",
  ),
  // The ledger
  f(
    'matchingInvoiceStatus',
    'string',
    'ledger',
    'Status for fakturaen, en kreditnota/rykker henviser til: none (ikke modtaget), pending (manuel), approved, rejected.',
    'Status of the invoice a credit note/reminder refers to: none (not received), pending (manual), approved, rejected.',
    ['none', 'pending', 'approved', 'rejected'],
  ),
  f(
    'creditExceedsOriginal',
    'boolean',
    'ledger',
    'Kreditnotaen er større end det, der er tilbage af fakturaen: fakturaens beløb minus de kreditnotaer til den, som er godkendt eller afventer behandling.',
    'The credit note is larger than what is left of its invoice: the invoice minus its other credit notes that are approved or pending.',
  ),
  f(
    'invoiceRemainingAmount',
    'money?',
    'ledger',
    'Det, der er tilbage af den faktura, en kreditnota/rykker henviser til: fakturaens beløb minus de kreditnotaer til den, som er godkendt eller afventer behandling (null = ingen faktura).',
    'What is left of the invoice a credit note/reminder refers to: the invoice minus its credit notes that are approved or pending (null = no invoice).',
  ),
  f(
    'duplicateWithDifferentContent',
    'boolean',
    'ledger',
    'Samme leverandør, type og nummer er allerede afgjort med andet indhold.',
    'The same supplier, type and number was already decided with different content.',
  ),
  f(
    'openCaseThisYear',
    'boolean',
    'ledger',
    'Der findes en åben sag: en godkendt faktura om almindeligt helbredstillæg for samme CPR og samme sagstype i dette kalenderår.',
    'An open case exists: an approved ordinary-supplement invoice for the same CPR and the same case type this calendar year.',
  ),
]);

export const FACTS_BY_NAME: ReadonlyMap<string, FactDefinition> = new Map(
  FACT_CATALOGUE.map((d) => [d.name, d]),
);

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

/** A service number resolved against its case type, with its limit in øre. */
export interface ServiceEntry {
  code: string;
  service: ServiceNumber;
  caseType: CaseType | undefined;
  maxOre: Ore | null;
  account: string | null;
}

/** The ruleset's tables, indexed once per version for O(1) lookups. */
export interface RulesetTables {
  services: Map<string, ServiceEntry>;
  optOuts: Map<string, SupplierOptOut[]>;
  caseTypes: Map<string, CaseType>;
  kpEans: Set<string>;
  settings: Ruleset['settings'];
  creditNoteAutoApprove: boolean;
  reminderAutoAcceptFeeUpTo: string | null;
  feeAccount: string;
}

export function buildTables(ruleset: Ruleset): RulesetTables {
  const caseTypes = new Map(ruleset.caseTypes.map((c) => [c.code, c]));
  const services = new Map<string, ServiceEntry>();
  for (const s of ruleset.serviceNumbers) {
    const caseType = caseTypes.get(s.caseType);
    services.set(s.code, {
      code: s.code,
      service: s,
      caseType,
      maxOre: s.maxAmount == null ? null : parseMoney(s.maxAmount),
      account: s.account ?? caseType?.account ?? null,
    });
  }
  const optOuts = new Map<string, SupplierOptOut[]>();
  for (const o of ruleset.supplierOptOuts) {
    const k = supplierKey(o.supplier);
    const list = optOuts.get(k);
    if (list) list.push(o);
    else optOuts.set(k, [o]);
  }
  return {
    services,
    optOuts,
    caseTypes,
    kpEans: new Set(ruleset.settings.kpEans),
    settings: ruleset.settings,
    creditNoteAutoApprove: ruleset.creditNotes.autoApproveWhenInvoiceApproved,
    reminderAutoAcceptFeeUpTo: ruleset.reminders.autoAcceptFeeUpTo,
    feeAccount: ruleset.reminders.feeAccount,
  };
}

const EMPTY: string[] = [];
Object.freeze(EMPTY);

function pushUnique(list: string[] | null, value: string): string[] {
  if (list === null) return [value];
  if (!list.includes(value)) list.push(value);
  return list;
}

/** An opt-out applies from `from` to `until` (both days included; `until` null = open-ended). */
export function isOptedOut(periods: readonly SupplierOptOut[] | undefined, date: string): boolean {
  if (!periods) return false;
  for (const p of periods) {
    if (p.from <= date && (p.until == null || date <= p.until)) return true;
  }
  return false;
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
