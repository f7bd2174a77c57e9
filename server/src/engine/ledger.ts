/**
 * What the ledger (the documents already decided) contributes to a decision. The platform reads
 * it asynchronously *before* evaluating and hands the evaluator a plain snapshot, so evaluation
 * stays synchronous and a decision can be replayed exactly from what it stored.
 */
import type { CanonicalDocument, DocumentType } from '../domain/document.js';
import { cprHash } from '../domain/cpr.js';
import { contentHash } from '../domain/hash.js';
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
}

export interface LedgerSnapshot {
  /** For a credit note or reminder: the invoice it refers to (same supplier, billing reference). */
  matchingInvoice: MatchedInvoice | null;
  /** An approved ordinary-supplement (almindelig) invoice for the same CPR this calendar year. */
  openCaseThisYear: boolean;
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

/** A ledger held in memory: for the CLI, tests and the benchmarks. */
export class InMemoryLedger implements Ledger {
  private readonly byKey = new Map<string, LedgerEntry>();
  private readonly approvedOrdinaryByCprYear = new Set<string>();

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
        this.approvedOrdinaryByCprYear.add(`${cprHash(cpr, this.hashKey)}|${e.issueDate.slice(0, 4)}`);
      }
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
    if (doc.documentType !== 'invoice' && doc.billingReference) {
      const inv = this.byKey.get(this.key(doc.supplier.id, 'invoice', doc.billingReference.id));
      if (inv) {
        matchingInvoice = {
          id: inv.id,
          status: inv.status,
          payable: inv.payable,
          issueDate: inv.issueDate,
          postings: inv.postings ?? [],
        };
      }
    }
    const year = doc.issueDate.slice(0, 4);
    const openCaseThisYear = doc.cprNumbers.some((cpr) =>
      this.approvedOrdinaryByCprYear.has(`${cprHash(cpr, this.hashKey)}|${year}`),
    );
    const prev = this.byKey.get(this.key(doc.supplier.id, doc.documentType, doc.id));
    const previous = prev ? { contentHash: prev.contentHash ?? 'sha256:unknown' } : null;
    return { matchingInvoice, openCaseThisYear, previous };
  }
}
