/**
 * The fact catalogue: every fact a rule can read — its name, type, source and meaning in Danish
 * and English. The one place facts are documented; the console and the validator read
 * FACT_CATALOGUE, and facts.ts computes exactly these (test/engine checks that the two agree).
 */
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
