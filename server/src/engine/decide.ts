/**
 * From fired rules to a decision: outcome (reject > manual > approve), reasons with their
 * catalogue texts, suggested actions, payment groups and postings (exact to the øre), the trace
 * and the explanation. Deterministic: the same compiled ruleset, document and ledger snapshot
 * always give the same decision, byte for byte — which is what replay relies on.
 */
import type { CanonicalDocument } from '../domain/document.js';
import { allocate, formatMoney, parseMoney, type Ore } from '../domain/money.js';
import { computeFacts, type Facts } from './facts.js';
import { runRules, type CompiledRuleset, type RuleRun } from './compile.js';
import { explain, reasonSentence, reasonText, type ExplainContext, type Outcome } from './explain.js';
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

/**
 * The outcome of the fired rules (PRODUCT.md §2): any reject event → rejected, with every reject
 * reason, highest priority first; else any manual event → manual; else approved when automatic
 * processing is on, otherwise manual with AUTOMATIK_FRA. Also the first reject event's comment
 * and the actions the events name. Shared by decisions and the impact preview. With the document,
 * reason texts may also use the figures worked out from it (explain.ts).
 */
export function outcomeOf(
  compiled: CompiledRuleset,
  facts: Facts,
  run: RuleRun,
  doc?: CanonicalDocument,
): { outcome: Outcome; reasons: DecisionReason[]; comment: string | undefined; eventActions: string[] } {
  const rejects: DecisionReason[] = [];
  const manuals: DecisionReason[] = [];
  const eventActions: string[] = [];
  let comment: string | undefined;
  const seen = new Set<string>();
  const ctx: ExplainContext = doc
    ? { facts, tables: compiled.tables, doc }
    : { facts, tables: compiled.tables };
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
        text: info ? reasonText(info.reason.text, ctx) : params.reason,
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
  return { outcome, reasons, comment, eventActions };
}

function buildDecision(
  compiled: CompiledRuleset,
  doc: CanonicalDocument,
  ledger: LedgerSnapshot,
  facts: Facts,
  run: RuleRun,
  withTrace: boolean,
): EngineDecision {
  const { outcome, reasons, comment, eventActions } = outcomeOf(compiled, facts, run, doc);

  let paymentGroups: PaymentGroup[] = [];
  let postings: Posting[] = [];
  if (outcome !== 'rejected') {
    const g = groupLines(compiled, doc);
    paymentGroups = g.groups;
    postings = postingsOf(doc, ledger, g.groups, g.ore);
  }
  const actions = outcome === 'rejected' ? [] : suggestActions(compiled, doc, facts, outcome, eventActions);

  const ctx: ExplainContext = { facts, tables: compiled.tables, doc };
  const sentences = reasons.map((r) => {
    const reason = compiled.reasons.get(r.code)?.reason;
    if (!reason && r.code === AUTOMATIK_FRA) {
      return {
        da: 'automatisk behandling er slået fra',
        en: 'automatic processing is switched off',
      };
    }
    return {
      da: reasonSentence(r.code, reason, ctx, 'da'),
      en: reasonSentence(r.code, reason, ctx, 'en'),
    };
  });

  const decision: EngineDecision = {
    outcome,
    reasons,
    actions,
    paymentGroups,
    postings,
    explanation: explain(outcome, sentences, facts, actions),
    facts,
    trace: withTrace ? buildTrace(compiled, facts, run) : [],
    engineVersion: ENGINE_VERSION,
  };
  if (comment !== undefined) decision.comment = comment;
  return decision;
}

/**
 * Payment groups: an invoice's (or credit note's) lines grouped by case type and account, in line
 * order, net + VAT exact to the øre; a reminder's fee goes to the fee account. Each group's øre is
 * kept for the postings.
 */
function groupLines(
  compiled: CompiledRuleset,
  doc: CanonicalDocument,
): { groups: PaymentGroup[]; ore: Ore[] } {
  if (doc.documentType === 'reminder') {
    const fee = m(doc.reminder?.fee);
    return fee === 0
      ? { groups: [], ore: [] }
      : {
          groups: [
            { caseType: null, account: compiled.tables.feeAccount, lines: [], amount: formatMoney(fee) },
          ],
          ore: [fee],
        };
  }
  const groups: PaymentGroup[] = [];
  const ore: Ore[] = [];
  const services = compiled.tables.services;
  const lines = doc.lines;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const entry = line.serviceNumber ? services.get(line.serviceNumber) : undefined;
    const caseType = entry?.caseType?.code ?? null;
    const account = entry?.account ?? null;
    let k = 0;
    while (k < groups.length && (groups[k]!.caseType !== caseType || groups[k]!.account !== account)) k++;
    if (k === groups.length) {
      groups.push({ caseType, account, lines: [], amount: '' });
      ore.push(0);
    }
    groups[k]!.lines.push(line.id);
    ore[k] = ore[k]! + m(line.netAmount) + m(line.vatAmount);
  }
  for (let k = 0; k < groups.length; k++) groups[k]!.amount = formatMoney(ore[k]!);
  return { groups, ore };
}

/**
 * Postings (account → amount). An invoice or reminder posts its payment groups. A credit note
 * annuls onto the accounts its invoice was posted to (negative amounts, split over them in
 * proportion, exact to the øre); without those, onto its own lines' accounts. Groups without an
 * account (unknown service numbers) post nothing: a caseworker assigns them.
 */
function postingsOf(
  doc: CanonicalDocument,
  ledger: LedgerSnapshot,
  groups: PaymentGroup[],
  ore: Ore[],
): Posting[] {
  const accounts: string[] = [];
  const sums: Ore[] = [];
  const add = (account: string | null, amount: Ore): void => {
    if (account === null) return;
    let j = accounts.indexOf(account);
    if (j < 0) j = accounts.push(account) - 1;
    sums[j] = (sums[j] ?? 0) + amount;
  };
  if (doc.documentType === 'creditNote') {
    const invoicePostings = ledger.matchingInvoice?.postings ?? [];
    if (invoicePostings.length > 0) {
      const parts = allocate(
        m(doc.totals.payable),
        invoicePostings.map((p) => Math.abs(m(p.amount))),
      );
      invoicePostings.forEach((p, i) => add(p.account, -parts[i]!));
    } else {
      groups.forEach((g, k) => add(g.account, -ore[k]!));
    }
  } else {
    groups.forEach((g, k) => add(g.account, ore[k]!));
  }
  return accounts.map((account, j) => ({ account, amount: formatMoney(sums[j]!) }));
}

function pushAction(actions: string[], a: string): void {
  if (!actions.includes(a)) actions.push(a);
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
  if (doc.documentType !== 'invoice') return actions;
  if (facts.caseTypeCount > 1) pushAction(actions, 'BETALINGSGRUPPER');
  for (const code of facts.caseTypes) {
    const ct = compiled.tables.caseTypes.get(code);
    if (!ct) continue;
    if (ct.kind === 'almindelig') {
      if (outcome === 'approved')
        pushAction(
          actions,
          facts.openCaseThisYear ? 'TILFOEJ_YDELSE_TIL_BEVILLING' : 'OPRET_ALM_HELBREDSTILLAEGSSAG',
        );
      else {
        pushAction(actions, 'TILFOEJ_YDELSE_TIL_BEVILLING');
        if (!facts.openCaseThisYear) pushAction(actions, 'OPRET_ALM_HELBREDSTILLAEGSSAG');
      }
    } else {
      pushAction(actions, ct.manualAction ?? 'TILFOEJ_YDELSE_TIL_BEVILLING');
    }
  }
  return actions;
}

function buildTrace(compiled: CompiledRuleset, facts: Facts, run: RuleRun): TraceRule[] {
  const firedFlags = new Uint8Array(compiled.rules.length);
  for (let i = 0; i < run.fired.length; i++) firedFlags[run.fired[i]!] = 1;
  return compiled.trace(facts as unknown as Record<string, unknown>, run.states, firedFlags) as TraceRule[];
}
