/**
 * The canonical document: what every decision is made from and stores. XML (OIOUBL 2.1,
 * OIOUBL 3, Peppol BIS 3) is parsed into it; ERPs may also send it as JSON. Money fields are
 * decimal strings (see money.ts). Its JSON Schema is rulesets/schema/document.v1.schema.json.
 */
export type DocumentType = 'invoice' | 'creditNote' | 'reminder';
export const DOCUMENT_TYPES: readonly DocumentType[] = ['invoice', 'creditNote', 'reminder'];

export interface DocumentLine {
  id: string;
  serviceNumber?: string | null;
  description?: string;
  quantity?: string;
  netAmount: string;
  vatPercent?: string;
  vatAmount: string;
}

export interface AllowanceCharge {
  /** true: a charge (adds to the net total); false: an allowance (subtracts). */
  chargeIndicator: boolean;
  amount: string;
  reason?: string;
  vatPercent?: string;
}

export interface CanonicalDocument {
  documentType: DocumentType;
  id: string;
  issueDate: string;
  receivedAt?: string;
  currency: string;
  /** The source format, when parsed from XML: "oioubl21", "oioubl3" or "peppol-bis3". */
  format?: string;
  supplier: { id: string; scheme?: string; name?: string };
  buyer: { ean?: string | null; reference?: string };
  cprNumbers: string[];
  lines: DocumentLine[];
  /** Document-level allowances and charges (Peppol/OIOUBL AllowanceCharge), not reminder fees. */
  allowanceCharges?: AllowanceCharge[];
  totals: { net: string; vat: string; payable: string; prepaid?: string; rounding?: string };
  billingReference?: { id: string; issueDate?: string } | null;
  reminder?: { fee: string; sequence?: number } | null;
  dueDate?: string;
  note?: string;
}

export interface DocumentKey {
  supplier: string;
  documentType: DocumentType;
  id: string;
}

export function documentKey(doc: CanonicalDocument): DocumentKey {
  return { supplier: doc.supplier.id, documentType: doc.documentType, id: doc.id };
}
