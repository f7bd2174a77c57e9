/**
 * What an impact preview found: the outcome transitions (approved → manual …), the exact DKK
 * amounts per transition (øre in a bigint), the reasons added or removed, and the first changed
 * documents — accumulated one replayed decision at a time (impact-service.ts runs the job).
 */
import { documentKey, type DocumentKey } from '../../domain/document.js';
import { parseMoney } from '../../domain/money.js';
import type { ImpactRow } from './decision-repository.js';
import type { RulesetRef } from './decision-view.js';

export const CHANGED_DOCUMENTS_LIMIT = 500;
export type Outcome = 'approved' | 'manual' | 'rejected';

export interface ChangedDocument {
  decisionId: string;
  documentId: string;
  documentKey: DocumentKey;
  /** The supplier's name as the document gives it (null when it gives none). */
  supplierName: string | null;
  payable: string;
  before: { outcome: Outcome; reasons: string[] };
  after: { outcome: Outcome; reasons: string[] };
}

export interface ImpactSummary {
  ruleset: RulesetRef;
  from: string;
  to: string;
  /** Decisions replayed. */
  decisions: number;
  /** Decisions whose outcome or reason codes would change. */
  changed: number;
  /** Decisions per outcome transition, "before→after" (unchanged outcomes included, e.g. "approved→approved"). */
  transitions: Record<string, number>;
  /** DKK payable per transition, exact decimal strings. */
  amounts: Record<string, string>;
  /** Per reason code: the changed documents where it appears or disappears. */
  reasons: Record<string, number>;
  reasonsAdded: Record<string, number>;
  reasonsRemoved: Record<string, number>;
  /** The first {@link CHANGED_DOCUMENTS_LIMIT} changed documents, in receivedAt order. */
  changedDocuments: ChangedDocument[];
  changedDocumentsTotal: number;
}

/** Money summed exactly: øre in a bigint. */
function formatOre(ore: bigint): string {
  const negative = ore < 0n;
  const abs = negative ? -ore : ore;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

const bump = (rec: Record<string, number>, key: string): void => {
  rec[key] = (rec[key] ?? 0) + 1;
};

/** Accumulates the summary, one replayed decision at a time. */
export class ImpactAccumulator {
  private decisions = 0;
  private changed = 0;
  private readonly transitions: Record<string, number> = {};
  private readonly amounts = new Map<string, bigint>();
  private readonly reasons: Record<string, number> = {};
  private readonly added: Record<string, number> = {};
  private readonly removed: Record<string, number> = {};
  private readonly changedDocuments: ChangedDocument[] = [];

  constructor(
    private readonly ruleset: RulesetRef,
    private readonly period: { from: string; to: string },
  ) {}

  add(row: ImpactRow, after: { outcome: Outcome; reasons: string[] }): void {
    this.decisions++;
    const transition = `${row.outcome}→${after.outcome}`;
    bump(this.transitions, transition);
    const ore = BigInt(parseMoney(row.payable) ?? 0);
    this.amounts.set(transition, (this.amounts.get(transition) ?? 0n) + ore);
    const before = row.reason_codes;
    const sameReasons =
      before.length === after.reasons.length && before.every((c, i) => c === after.reasons[i]);
    if (row.outcome === after.outcome && sameReasons) return;
    this.changed++;
    const beforeSet = new Set(before);
    const afterSet = new Set(after.reasons);
    for (const code of afterSet) {
      if (!beforeSet.has(code)) {
        bump(this.added, code);
        bump(this.reasons, code);
      }
    }
    for (const code of beforeSet) {
      if (!afterSet.has(code)) {
        bump(this.removed, code);
        bump(this.reasons, code);
      }
    }
    if (this.changedDocuments.length < CHANGED_DOCUMENTS_LIMIT) {
      this.changedDocuments.push({
        decisionId: row.id,
        documentId: row.document_id,
        documentKey: documentKey(row.document),
        supplierName: row.document.supplier.name ?? null,
        payable: row.payable,
        before: { outcome: row.outcome, reasons: before },
        after,
      });
    }
  }

  summary(): ImpactSummary {
    return {
      ruleset: this.ruleset,
      from: this.period.from,
      to: this.period.to,
      decisions: this.decisions,
      changed: this.changed,
      transitions: this.transitions,
      amounts: Object.fromEntries([...this.amounts].map(([k, v]) => [k, formatOre(v)])),
      reasons: this.reasons,
      reasonsAdded: this.added,
      reasonsRemoved: this.removed,
      changedDocuments: this.changedDocuments,
      changedDocumentsTotal: this.changed,
    };
  }
}
