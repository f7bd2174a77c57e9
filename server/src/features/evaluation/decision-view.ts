/**
 * How a decision is shown (PRODUCT.md §10): the full decision (evaluate, GET …/decisions/:id)
 * and the decision-log item (no trace, facts or document; CPR numbers masked).
 *
 * The canonical document carries CPR numbers in full, so it is only shown to roles that may read
 * documents ('documents:read'); anyone else gets it with the numbers masked.
 */
import type { DecisionCause } from '../../db/schema.js';
import type { CanonicalDocument, DocumentKey } from '../../domain/document.js';
import { maskCpr } from '../../domain/cpr.js';
import { actionDetails, type ActionDetail } from '../../engine/actions.js';
import type { DecisionReason, PaymentGroup, TraceRule } from '../../engine/decide.js';
import type { Facts } from '../../engine/facts.js';
import type { LedgerSnapshot, Posting } from '../../engine/ledger.js';
import type { DecisionListRow, DecisionRecord } from './decision-repository.js';

export interface RulesetRef {
  /** null when decided by the draft (a dry run). */
  version: number | null;
  hash: string;
  /** Set when decided by the draft. */
  draft?: { revision: number };
}

export interface DecisionView {
  /** null for a dry run (nothing stored). */
  id: string | null;
  /** The ledger row; null for a dry run of a document the ledger does not know. */
  documentId: string | null;
  municipality: string;
  documentKey: DocumentKey;
  outcome: 'approved' | 'manual' | 'rejected';
  reasons: DecisionReason[];
  comment?: string;
  actions: string[];
  /** Each action's code with KP's name for it, `{code, text: {da, en}}` (added beside `actions`, not stored). */
  actionDetails: ActionDetail[];
  paymentGroups: PaymentGroup[];
  postings: Posting[];
  ruleset: RulesetRef;
  engineVersion: string;
  explanation: { da: string; en: string };
  facts: Facts;
  trace: TraceRule[];
  document: CanonicalDocument;
  /** True when another document was already decided under the same key (the ledger keeps the first). */
  duplicate: boolean;
  payable: string;
  ledgerSnapshot: LedgerSnapshot;
  receivedAt: string;
  createdAt: string;
  timingMs: number;
  dryRun?: true;
  /** A re-decision: what caused it (the caseworker's outcome on the invoice it waited on). */
  cause?: DecisionCause;
}

export interface DecisionListItem {
  id: string;
  documentId: string;
  municipality: string;
  documentKey: DocumentKey;
  outcome: 'approved' | 'manual' | 'rejected';
  reasons: DecisionReason[];
  comment?: string;
  actions: string[];
  /** Each action's code with KP's name for it, `{code, text: {da, en}}` (added beside `actions`, not stored). */
  actionDetails: ActionDetail[];
  paymentGroups: PaymentGroup[];
  postings: Posting[];
  ruleset: RulesetRef;
  engineVersion: string;
  explanation: { da: string; en: string };
  duplicate: boolean;
  payable: string;
  /** The supplier's name as the document gives it (null when it gives none). */
  supplierName: string | null;
  /** The document's CPR numbers, masked (010150-****). */
  cpr: string[];
  receivedAt: string;
  createdAt: string;
}

export function maskedDocument(doc: CanonicalDocument): CanonicalDocument {
  return { ...doc, cprNumbers: doc.cprNumbers.map(maskCpr) };
}

export function decisionView(
  d: DecisionRecord,
  opts: { mayReadDocument: boolean; ruleset?: RulesetRef; dryRun?: boolean; documentId?: string | null },
): DecisionView {
  const view: DecisionView = {
    id: opts.dryRun ? null : d.id,
    documentId: opts.documentId !== undefined ? opts.documentId : d.documentId,
    municipality: d.municipality,
    documentKey: d.documentKey,
    outcome: d.outcome,
    reasons: d.reasons,
    actions: d.actions,
    actionDetails: actionDetails(d.actions),
    paymentGroups: d.paymentGroups,
    postings: d.postings,
    ruleset: opts.ruleset ?? { version: d.rulesetVersion, hash: d.rulesetHash },
    engineVersion: d.engineVersion,
    explanation: d.explanation,
    facts: d.facts,
    trace: d.trace,
    document: opts.mayReadDocument ? d.document : maskedDocument(d.document),
    duplicate: d.duplicate,
    payable: d.payable,
    ledgerSnapshot: d.ledgerSnapshot,
    receivedAt: d.receivedAt.toISOString(),
    createdAt: d.createdAt.toISOString(),
    timingMs: d.timingMs,
  };
  if (d.comment !== null) view.comment = d.comment;
  if (d.cause !== null) view.cause = d.cause;
  if (opts.dryRun) view.dryRun = true;
  return view;
}

/**
 * The decision's JSON text, as JSON.stringify(view) gives it but with the trace last and, when
 * given, the trace's text made by traceJson() (trace-codec.ts) — the same JSON, faster.
 */
export function decisionViewJson(view: DecisionView, trace?: string): string {
  const { trace: t, ...rest } = view;
  return `${JSON.stringify(rest).slice(0, -1)},"trace":${trace ?? JSON.stringify(t)}}`;
}

export function decisionListItem(r: DecisionListRow): DecisionListItem {
  const item: DecisionListItem = {
    id: r.id,
    documentId: r.document_id,
    municipality: r.municipality_id,
    documentKey: r.document_key,
    outcome: r.outcome,
    reasons: r.reasons,
    actions: r.actions,
    actionDetails: actionDetails(r.actions),
    paymentGroups: r.payment_groups,
    postings: r.postings,
    ruleset: { version: r.ruleset_version, hash: r.ruleset_hash },
    engineVersion: r.engine_version,
    explanation: r.explanation,
    duplicate: r.duplicate,
    payable: r.payable,
    supplierName: r.supplier_name,
    cpr: (r.cpr_numbers ?? []).map(maskCpr),
    receivedAt: r.received_at.toISOString(),
    createdAt: r.created_at.toISOString(),
  };
  if (r.comment !== null) item.comment = r.comment;
  return item;
}
