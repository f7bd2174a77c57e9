/**
 * What the ledger (the documents already decided) contributes to a decision. The platform reads
 * it asynchronously *before* evaluating and hands the evaluator a plain snapshot, so evaluation
 * stays synchronous and a decision can be replayed exactly from what it stored.
 */
import type { CanonicalDocument, DocumentType } from '../domain/document.js';
import { cprHash } from '../domain/cpr.js';
import { contentHash } from '../domain/hash.js';
import { formatMoney, parseMoney, type Ore } from '../domain/money.js';
import type { CaseKind } from './ruleset.js';

export type LedgerStatus = 'approved' | 'rejected' | 'manual';

export interface Posting {
  account: string;
  amount: string;
}

export interface MatchedInvoice {
  /** The platform's document id, when known. */
  documentId?: string;
  id: string;
  status: LedgerStatus;
  payable: string;
  issueDate?: string;
  /** Accounts the invoice was (or would be) posted to; a credit note annuls onto the same. */
  postings: Posting[];
  /**
   * The sum (positive) of the other credit notes for this invoice that are approved or pending:
   * a credit note is compared with what is left of the invoice. Absent in snapshots stored
   * before it existed, which means 0.00.
   */
  credited?: string;
}

export interface LedgerSnapshot {
  /** For a credit note or reminder: the invoice it refers to (same supplier, billing reference). */
  matchingInvoice: MatchedInvoice | null;
  /** An approved ordinary-supplement (almindelig) invoice for the same CPR this calendar year. */
  openCaseThisYear: boolean;
  /**
   * The case types of those invoices: an open case is one of the same CPR *and* the same case
   * type. Absent in snapshots stored before it existed; the fact then falls back to
   * openCaseThisYear (so replay as recorded stays identical).
   */
  openCaseTypes?: string[];
  /** A document already decided under the same key (supplier, type, number), if any. */
  previous: { contentHash: string; decisionId?: string } | null;
}

export const EMPTY_SNAPSHOT: LedgerSnapshot = Object.freeze({
  matchingInvoice: null,
  openCaseThisYear: false,
  previous: null,
}) as LedgerSnapshot;

export interface Ledger {
  snapshot(document: CanonicalDocument): Promise<LedgerSnapshot>;
}

/**
 * Content hash of a document: RFC 8785 canonical JSON without `receivedAt` (when the ERP got
 * it is not part of what the supplier sent), SHA-256. Two sends of the same document have the
 * same hash; a different document under the same number does not.
 */
export function documentContentHash(doc: CanonicalDocument): string {
  const { receivedAt: _receivedAt, ...content } = doc;
  return contentHash(content);
}

/** One prior document, as the CLI's --ledger file lists them. */
export interface LedgerEntry {
  documentType: DocumentType;
  supplier: string;
  id: string;
  status: LedgerStatus;
  issueDate: string;
  payable: string;
  cprNumbers?: string[];
  caseKinds?: CaseKind[];
  /** The case types of an invoice's known service numbers. */
  caseTypes?: string[];
  /** A credit note's or reminder's invoice number. */
  billingReference?: string;
  postings?: Posting[];
  contentHash?: string;
}

/** Normalises a supplier id so "DK16356706" and "16356706" (CVR) are the same supplier. */
export function supplierKey(id: string): string {
  // Fast path: upper-case ASCII without whitespace needs no normalising.
  let plain = true;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c <= 32 || c >= 127 || (c >= 97 && c <= 122)) {
      plain = false;
      break;
    }
  }
  if (plain) {
    if (id.length !== 10 || id.charCodeAt(0) !== 68 || id.charCodeAt(1) !== 75) return id;
    for (let i = 2; i < 10; i++) {
      const c = id.charCodeAt(i);
      if (c < 48 || c > 57) return id;
    }
    return id.slice(2);
  }
  const compact = id.replace(/\s+/g, '').toUpperCase();
  return /^DK\d{8}$/.test(compact) ? compact.slice(2) : compact;
}

const ANY_CASE_TYPE = '*';

/** A ledger held in memory: for the CLI, tests and the benchmarks. */
export class InMemoryLedger implements Ledger {
  private readonly byKey = new Map<string, LedgerEntry>();
  /** cpr hash|year → the case types of approved ordinary-supplement invoices. */
  private readonly approvedOrdinaryByCprYear = new Map<string, Set<string>>();
  /** supplier|invoice number → the øre of its approved or pending credit notes. */
  private readonly creditedByInvoice = new Map<string, Ore>();

  constructor(
    entries: readonly LedgerEntry[],
    private readonly hashKey = 'regelvaerk-in-memory',
  ) {
    for (const e of entries) this.add(e);
  }

  add(e: LedgerEntry): void {
    this.byKey.set(this.key(e.supplier, e.documentType, e.id), e);
    if (
      e.documentType === 'invoice' &&
      e.status === 'approved' &&
      (e.caseKinds ?? []).includes('almindelig')
    ) {
      for (const cpr of e.cprNumbers ?? []) {
        const k = `${cprHash(cpr, this.hashKey)}|${e.issueDate.slice(0, 4)}`;
        const types = this.approvedOrdinaryByCprYear.get(k) ?? new Set<string>();
        // an entry without its case types (an older ledger file): any case type may be open
        for (const t of e.caseTypes ?? [ANY_CASE_TYPE]) types.add(t);
        this.approvedOrdinaryByCprYear.set(k, types);
      }
    }
    if (e.documentType === 'creditNote' && e.billingReference && e.status !== 'rejected') {
      const k = this.key(e.supplier, 'invoice', e.billingReference);
      this.creditedByInvoice.set(
        k,
        (this.creditedByInvoice.get(k) ?? 0) + Math.abs(parseMoney(e.payable) ?? 0),
      );
    }
  }

  private key(supplier: string, type: DocumentType, id: string): string {
    return `${supplierKey(supplier)}|${type}|${id}`;
  }

  async snapshot(doc: CanonicalDocument): Promise<LedgerSnapshot> {
    return this.snapshotSync(doc);
  }

  snapshotSync(doc: CanonicalDocument): LedgerSnapshot {
    let matchingInvoice: MatchedInvoice | null = null;
    const prev = this.byKey.get(this.key(doc.supplier.id, doc.documentType, doc.id));
    if (doc.documentType !== 'invoice' && doc.billingReference) {
      const invoiceKey = this.key(doc.supplier.id, 'invoice', doc.billingReference.id);
      const inv = this.byKey.get(invoiceKey);
      if (inv) {
        let credited = this.creditedByInvoice.get(invoiceKey) ?? 0;
        // the document itself, if it is already in the ledger, is not an *other* credit note
        if (prev && prev.documentType === 'creditNote' && prev.status !== 'rejected')
          credited -= Math.abs(parseMoney(prev.payable) ?? 0);
        matchingInvoice = {
          id: inv.id,
          status: inv.status,
          payable: inv.payable,
          issueDate: inv.issueDate,
          postings: inv.postings ?? [],
          credited: formatMoney(credited),
        };
      }
    }
    const year = doc.issueDate.slice(0, 4);
    const openCaseTypes = new Set<string>();
    let openCaseThisYear = false;
    for (const cpr of doc.cprNumbers) {
      const types = this.approvedOrdinaryByCprYear.get(`${cprHash(cpr, this.hashKey)}|${year}`);
      if (types === undefined) continue;
      openCaseThisYear = true;
      for (const t of types) openCaseTypes.add(t);
    }
    const previous = prev ? { contentHash: prev.contentHash ?? 'sha256:unknown' } : null;
    return openCaseTypes.has(ANY_CASE_TYPE)
      ? { matchingInvoice, openCaseThisYear, previous }
      : { matchingInvoice, openCaseThisYear, openCaseTypes: [...openCaseTypes].sort(), previous };
  }
}
