/** The decision as GET …/decisions and …/decisions/:id answer it (server decision-view.ts). */
import type { Outcome } from './format';

export interface DocumentKey {
  supplier: string;
  documentType: string;
  id: string;
}

export interface Reason {
  code: string;
  kind: 'reject' | 'manual';
  text: string;
  rule: string | null;
}

export interface PaymentGroup {
  caseType: string | null;
  account: string | null;
  lines: string[];
  amount: string;
}

export interface Posting {
  account: string | null;
  amount: string;
  [k: string]: unknown;
}

export interface TraceCondition {
  fact: string;
  path?: string;
  operator: string;
  value: unknown;
  factValue: unknown;
  valueResult?: unknown;
  result: boolean | null;
}

export interface TraceRule {
  rule: string;
  priority: number;
  fired: boolean;
  event?: { type: 'reject' | 'manual'; reason: string };
  conditions: TraceCondition[];
}

export interface RulesetRef {
  version: number | null;
  hash: string;
  draft?: { revision: number };
}

interface DecisionBase {
  id: string;
  documentId: string;
  documentKey: DocumentKey;
  outcome: Outcome;
  reasons: Reason[];
  comment?: string;
  actions: string[];
  paymentGroups: PaymentGroup[];
  postings: Posting[];
  ruleset: RulesetRef;
  engineVersion: string;
  explanation: { da: string; en: string };
  duplicate: boolean;
  payable: string;
  receivedAt: string;
  createdAt: string;
}

export interface DecisionListItem extends DecisionBase {
  supplierName: string | null;
  cpr: string[];
}

export interface Decision extends DecisionBase {
  trace: TraceRule[];
  facts: Record<string, unknown>;
  document: {
    documentType: string;
    id: string;
    issueDate?: string;
    supplier: { id: string; name?: string };
    cprNumbers: string[];
    totals: { net: string; vat: string; payable: string };
    [k: string]: unknown;
  };
  timingMs: number;
  cause?:
    | { kind: 'outcome'; documentId: string; outcomeId: string; outcome: 'approved' | 'rejected' }
    /** A part of a split invoice, decided when the split was completed (PRODUCT.md §7). */
    | { kind: 'split'; documentId: string; originalNumber: string; part: number; parts: number };
}

export interface Difference {
  path: string;
  op: 'add' | 'remove' | 'replace' | 'move';
  before?: unknown;
  after?: unknown;
  from?: string;
}

export interface ReplayResult {
  mode: 'recorded' | 'asOf' | 'version' | 'draft';
  original: Decision;
  replayed: Omit<
    Decision,
    | 'id'
    | 'documentId'
    | 'documentKey'
    | 'document'
    | 'duplicate'
    | 'payable'
    | 'receivedAt'
    | 'createdAt'
    | 'timingMs'
  >;
  identical: boolean;
  differences: Difference[];
  cause?: string;
}
