/**
 * A dry-run decision as POST …/evaluate answers it (PRODUCT.md §10), the parts Simulér shows, and
 * what differs between the draft's and the active version's decision of the same document.
 */
export type Outcome = 'approved' | 'manual' | 'rejected';

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
  account: string;
  amount: string;
}

export interface Decision {
  outcome: Outcome;
  reasons: Reason[];
  actions: string[];
  paymentGroups: PaymentGroup[];
  postings: Posting[];
  payable: string;
  explanation: { da: string; en: string };
  ruleset: { version: number | null; hash: string; draft?: { revision: number } };
  documentKey: { supplier: string; documentType: string; id: string };
}

/** What of `mine` is not the same in `other` (nothing differs when `other` is missing). */
export interface Differences {
  outcome: boolean;
  /** Reason codes `mine` has and `other` does not. */
  reasons: Set<string>;
  actions: Set<string>;
  /** Payment groups (by caseType/account) whose amount or lines differ or that `other` lacks. */
  paymentGroups: Set<string>;
  /** Posting accounts whose amount differs or that `other` lacks. */
  postings: Set<string>;
  payable: boolean;
}

export const groupKey = (g: PaymentGroup): string => `${g.caseType ?? ''}|${g.account ?? ''}`;

export function differences(mine: Decision, other: Decision | undefined): Differences {
  if (!other) {
    return {
      outcome: false,
      reasons: new Set(),
      actions: new Set(),
      paymentGroups: new Set(),
      postings: new Set(),
      payable: false,
    };
  }
  const otherReasons = new Set(other.reasons.map((r) => r.code));
  const otherActions = new Set(other.actions);
  const otherGroups = new Map(other.paymentGroups.map((g) => [groupKey(g), g]));
  const otherPostings = new Map(other.postings.map((p) => [p.account, p.amount]));
  return {
    outcome: mine.outcome !== other.outcome,
    reasons: new Set(mine.reasons.map((r) => r.code).filter((c) => !otherReasons.has(c))),
    actions: new Set(mine.actions.filter((a) => !otherActions.has(a))),
    paymentGroups: new Set(
      mine.paymentGroups
        .filter((g) => {
          const o = otherGroups.get(groupKey(g));
          return !o || o.amount !== g.amount || o.lines.join(',') !== g.lines.join(',');
        })
        .map(groupKey),
    ),
    postings: new Set(
      mine.postings.filter((p) => otherPostings.get(p.account) !== p.amount).map((p) => p.account),
    ),
    payable: mine.payable !== other.payable,
  };
}

export function anyDifference(d: Differences): boolean {
  return (
    d.outcome ||
    d.payable ||
    d.reasons.size > 0 ||
    d.actions.size > 0 ||
    d.paymentGroups.size > 0 ||
    d.postings.size > 0
  );
}

/** XML when it starts with '<' (after a BOM and blanks); otherwise it must be JSON. */
export function documentFormat(text: string): 'xml' | 'json' {
  return /^\uFEFF?\s*</.test(text) ? 'xml' : 'json';
}
