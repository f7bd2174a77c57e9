/**
 * From fired rules to a decision: outcome (reject > manual > approve), reasons with their
 * catalogue texts, suggested actions, payment groups and postings (exact to the øre), the trace
 * and the explanation. Deterministic: the same compiled ruleset, document and ledger snapshot
 * always give the same decision, byte for byte — which is what replay relies on.
 */
import type { CanonicalDocument } from '../domain/document.js';
import { allocate, formatMoney, parseMoney, type Ore } from '../domain/money.js';
import { computeFacts, type Facts } from './facts.js';
import { applyPath } from './path.js';
import { runRules, type CompiledRuleset, type RuleRun } from './compile.js';
import { explain, reasonSentence, type Outcome } from './explain.js';
import type { LedgerSnapshot, Posting } from './ledger.js';
import { ENGINE_VERSION } from './version.js';

export type { Outcome };

export interface DecisionReason {
  code: string;
  kind: 'reject' | 'manual';
  text: string;
  /** The rule that raised it; null for the platform's own AUTOMATIK_FRA fallback. */
  rule: string | null;
}

export interface PaymentGroup {
  caseType: string | null;
  account: string | null;
  lines: string[];
  amount: string;
}

export interface TraceCondition {
  fact: string;
  path?: string;
  operator: string;
  value: unknown;
  factValue: unknown;
  /** The right-hand side after resolving a {fact} reference. */
  valueResult?: unknown;
  /** null: not evaluated (an earlier priority set already settled the result). */
  result: boolean | null;
}

export interface TraceRule {
  rule: string;
  priority: number;
  fired: boolean;
  event?: { type: 'reject' | 'manual'; reason: string };
  conditions: TraceCondition[];
}

export interface EngineDecision {
  outcome: Outcome;
  reasons: DecisionReason[];
  /** The first reject event's comment, sent to the ERP with the reason. */
  comment?: string;
  actions: string[];
  paymentGroups: PaymentGroup[];
  postings: Posting[];
  explanation: { da: string; en: string };
  facts: Facts;
  trace: TraceRule[];
  engineVersion: string;
}

export interface DecideOptions {
  /** Build the per-rule trace (default true; the benchmark also measures without). */
  trace?: boolean;
}

const AUTOMATIK_FRA = 'AUTOMATIK_FRA';
const m = (s: string | null | undefined): Ore => (s == null ? 0 : (parseMoney(s) ?? 0));

export function decide(
  compiled: CompiledRuleset,
  doc: CanonicalDocument,
  ledger: LedgerSnapshot,
  options: DecideOptions = {},
): EngineDecision {
  const facts = computeFacts(compiled.tables, doc, ledger);
  const run = runRules(compiled, facts);
  return buildDecision(compiled, doc, ledger, facts, run, options.trace !== false);
}

function buildDecision(
  compiled: CompiledRuleset,
  doc: CanonicalDocument,
  ledger: LedgerSnapshot,
  facts: Facts,
  run: RuleRun,
  withTrace: boolean,
): EngineDecision {
  const rejects: DecisionReason[] = [];
  const manuals: DecisionReason[] = [];
  const eventActions: string[] = [];
  let comment: string | undefined;
  const seen = new Set<string>();
  for (const idx of run.fired) {
    const rule = compiled.rules[idx]!.rule;
    const { type, params } = rule.event;
    const info = compiled.reasons.get(params.reason);
    const key = `${type}|${params.reason}`;
    if (!seen.has(key)) {
      seen.add(key);
      const reason: DecisionReason = {
        code: params.reason,
        kind: type,
        text: info?.reason.text ?? params.reason,
        rule: rule.name,
      };
      (type === 'reject' ? rejects : manuals).push(reason);
    }
    if (type === 'reject' && comment === undefined && params.comment) comment = params.comment;
    if (params.action && !eventActions.includes(params.action)) eventActions.push(params.action);
  }

  let outcome: Outcome;
  let reasons: DecisionReason[];
  if (rejects.length > 0) {
    outcome = 'rejected';
    reasons = rejects;
  } else if (manuals.length > 0) {
    outcome = 'manual';
    reasons = manuals;
  } else if (facts.automaticProcessing) {
    outcome = 'approved';
    reasons = [];
  } else {
    outcome = 'manual';
    const info = compiled.reasons.get(AUTOMATIK_FRA);
    reasons = [
      {
        code: AUTOMATIK_FRA,
        kind: 'manual',
        text: info?.reason.text ?? 'Automatisk behandling er slået fra.',
        rule: null,
      },
    ];
  }

  const paymentGroups = outcome === 'rejected' ? [] : proposePaymentGroups(compiled, doc);
  const postings = outcome === 'rejected' ? [] : proposePostings(doc, ledger, paymentGroups);
  const actions = outcome === 'rejected' ? [] : suggestActions(compiled, doc, facts, outcome, eventActions);

  const sentences = reasons.map((r) => {
    const reason = compiled.reasons.get(r.code)?.reason;
    if (!reason && r.code === AUTOMATIK_FRA) {
      return { da: 'automatisk behandling er slået fra', en: 'automatic processing is switched off' };
    }
    return {
      da: reasonSentence(r.code, reason, facts, 'da'),
      en: reasonSentence(r.code, reason, facts, 'en'),
    };
  });

  const decision: EngineDecision = {
    outcome,
    reasons,
    actions,
    paymentGroups,
    postings,
    explanation: explain(outcome, sentences, facts),
    facts,
    trace: withTrace ? buildTrace(compiled, facts, run) : [],
    engineVersion: ENGINE_VERSION,
  };
  if (comment !== undefined) decision.comment = comment;
  return decision;
}

/** Groups an invoice's (or credit note's) lines by case type and account; a reminder's fee goes to the fee account. */
export function proposePaymentGroups(compiled: CompiledRuleset, doc: CanonicalDocument): PaymentGroup[] {
  if (doc.documentType === 'reminder') {
    const fee = m(doc.reminder?.fee);
    return fee === 0
      ? []
      : [{ caseType: null, account: compiled.tables.feeAccount, lines: [], amount: formatMoney(fee) }];
  }
  const groups = new Map<
    string,
    { caseType: string | null; account: string | null; lines: string[]; ore: Ore }
  >();
  for (const line of doc.lines) {
    const entry = line.serviceNumber ? compiled.tables.services.get(line.serviceNumber) : undefined;
    const caseType = entry?.caseType?.code ?? null;
    const account = entry?.account ?? null;
    const key = `${caseType ?? ''}|${account ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      g = { caseType, account, lines: [], ore: 0 };
      groups.set(key, g);
    }
    g.lines.push(line.id);
    g.ore += m(line.netAmount) + m(line.vatAmount);
  }
  return [...groups.values()].map((g) => ({
    caseType: g.caseType,
    account: g.account,
    lines: g.lines,
    amount: formatMoney(g.ore),
  }));
}

/**
 * Postings (account → amount). An invoice or reminder posts its payment groups. A credit note
 * annuls onto the accounts its invoice was posted to (negative amounts, split over them in
 * proportion, exact to the øre); without those, onto its own lines' accounts.
 */
export function proposePostings(
  doc: CanonicalDocument,
  ledger: LedgerSnapshot,
  groups: PaymentGroup[],
): Posting[] {
  const byAccount = new Map<string, Ore>();
  const add = (account: string | null, ore: Ore): void => {
    if (account === null) return;
    byAccount.set(account, (byAccount.get(account) ?? 0) + ore);
  };
  if (doc.documentType === 'creditNote') {
    const credit = m(doc.totals.payable);
    const invoicePostings = ledger.matchingInvoice?.postings ?? [];
    if (invoicePostings.length > 0) {
      const parts = allocate(
        credit,
        invoicePostings.map((p) => Math.abs(m(p.amount))),
      );
      invoicePostings.forEach((p, i) => add(p.account, -parts[i]!));
    } else {
      for (const g of groups) add(g.account, -m(g.amount));
    }
  } else {
    for (const g of groups) add(g.account, m(g.amount));
  }
  return [...byAccount.entries()].map(([account, ore]) => ({ account, amount: formatMoney(ore) }));
}

/**
 * The seed's actions: for ordinary supplement, try "add to existing grant" first (a case for the
 * same CPR may exist, possibly passive) and create a new case only if none; udvidet/personligt
 * case types carry their own manual action (e.g. choose the grant awaiting an invoice); an
 * invoice touching several case types is split into payment groups.
 */
function suggestActions(
  compiled: CompiledRuleset,
  doc: CanonicalDocument,
  facts: Facts,
  outcome: Outcome,
  eventActions: string[],
): string[] {
  const actions = [...eventActions];
  const push = (a: string): void => {
    if (!actions.includes(a)) actions.push(a);
  };
  if (doc.documentType !== 'invoice') return actions;
  if (facts.caseTypeCount > 1) push('BETALINGSGRUPPER');
  for (const code of facts.caseTypes) {
    const ct = compiled.tables.caseTypes.get(code);
    if (!ct) continue;
    if (ct.kind === 'almindelig') {
      if (outcome === 'approved')
        push(facts.openCaseThisYear ? 'TILFOEJ_YDELSE_TIL_BEVILLING' : 'OPRET_ALM_HELBREDSTILLAEGSSAG');
      else {
        push('TILFOEJ_YDELSE_TIL_BEVILLING');
        if (!facts.openCaseThisYear) push('OPRET_ALM_HELBREDSTILLAEGSSAG');
      }
    } else {
      push(ct.manualAction ?? 'TILFOEJ_YDELSE_TIL_BEVILLING');
    }
  }
  return actions;
}

function buildTrace(compiled: CompiledRuleset, facts: Facts, run: RuleRun): TraceRule[] {
  const record = facts as unknown as Record<string, unknown>;
  const fired = new Set(run.fired);
  return compiled.rules.map((cr) => {
    const conditions = cr.leafIds.map((id): TraceCondition => {
      const leaf = compiled.leaves[id]!;
      const state = run.states[id]!;
      const raw = record[leaf.fact];
      const factValue = applyPath(raw, leaf.steps);
      const c: TraceCondition = {
        fact: leaf.fact,
        operator: leaf.operator,
        value: leaf.value,
        factValue,
        result: state === 0 ? null : state === 2,
      };
      if (leaf.path !== undefined) c.path = leaf.path;
      if (leaf.ref !== null) {
        c.valueResult = applyPath(record[leaf.ref.fact], leaf.ref.steps);
      }
      return c;
    });
    const t: TraceRule = { rule: cr.name, priority: cr.priority, fired: fired.has(cr.index), conditions };
    if (t.fired) t.event = { type: cr.rule.event.type, reason: cr.rule.event.params.reason };
    return t;
  });
}
