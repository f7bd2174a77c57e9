/**
 * The same decision for @gorules/zen-engine: a JDM graph inputNode → decisionTableNode → outputNode
 * generated from the ruleset's json-rules-engine rules. The table has hit policy "collect"; each
 * rule is one row (rows ordered by rule priority, then ruleset order, as our evaluator reports
 * them); each column reads one fact (a unary test such as `> 1`, `false`, `"pending", "approved"`),
 * and one extra expression column (no field) holds what a unary test cannot say (a comparison
 * with another fact, an `any`). Outputs per fired row: {type, reason, priority}.
 *
 * Money comparisons use zen's `number()` on the decimal strings — zen numbers are exact decimals
 * (rust_decimal), so this is exact; a cell that errors (e.g. `number(null)`) makes zen skip the
 * row, which matches the money operators being false for anything that is not an amount.
 */
import type { Condition, Rule, Ruleset } from '../server/src/engine/ruleset.js';

export interface ZenEvent {
  type: 'reject' | 'manual';
  reason: string;
  priority: number;
}

type Leaf = { fact: string; operator: string; value: unknown; path?: string };

const isLeaf = (c: Condition): c is Condition & Leaf => 'fact' in c;

function literal(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`;
  if (typeof v === 'string') {
    // zen string literals have no escapes: pick a quote the string does not contain.
    if (!v.includes('"')) return `"${v}"`;
    if (!v.includes("'")) return `'${v}'`;
  }
  throw new Error(`zen translation: unsupported literal ${JSON.stringify(v)}`);
}

const isFactRef = (v: unknown): v is { fact: string; path?: string } =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  typeof (v as { fact?: unknown }).fact === 'string';

const NUMERIC: Record<string, string> = {
  greaterThan: '>',
  greaterThanInclusive: '>=',
  lessThan: '<',
  lessThanInclusive: '<=',
};
const MONEY: Record<string, string> = {
  moneyEqual: '==',
  moneyNotEqual: '!=',
  moneyGreaterThan: '>',
  moneyGreaterThanInclusive: '>=',
  moneyLessThan: '<',
  moneyLessThanInclusive: '<=',
};

/** A unary test for the fact's own column, or null when the leaf needs the expression column. */
function unary(leaf: Leaf): string | null {
  if (leaf.path !== undefined || isFactRef(leaf.value)) return null;
  const v = leaf.value;
  switch (leaf.operator) {
    case 'equal':
      return literal(v);
    case 'in':
      return Array.isArray(v) && v.length > 0 ? v.map(literal).join(', ') : null;
    case 'contains':
      return `contains($, ${literal(v)})`;
  }
  if (leaf.operator in NUMERIC && typeof v === 'number') return `${NUMERIC[leaf.operator]} ${v}`;
  if (leaf.operator in MONEY) return `number($) ${MONEY[leaf.operator]} number(${literal(v)})`;
  return null;
}

/** A full boolean expression for a leaf (for the expression column or inside any/not). */
function expression(leaf: Leaf): string {
  if (leaf.path !== undefined) throw new Error('zen translation: paths are not supported');
  const lhs = leaf.fact;
  if (isFactRef(leaf.value) && leaf.value.path !== undefined)
    throw new Error('zen translation: paths are not supported');
  const rhs = isFactRef(leaf.value) ? leaf.value.fact : literal(leaf.value);
  const op = leaf.operator;
  if (op === 'equal') return `${lhs} == ${rhs}`;
  if (op === 'notEqual') return `${lhs} != ${rhs}`;
  if (op === 'in') return `${lhs} in ${rhs}`;
  if (op === 'contains') return `contains(${lhs}, ${rhs})`;
  if (op in NUMERIC) return `${lhs} ${NUMERIC[op]} ${rhs}`;
  if (op in MONEY)
    return `(${lhs} != null and ${rhs} != null and number(${lhs}) ${MONEY[op]} number(${rhs}))`;
  throw new Error(`zen translation: unsupported operator ${op}`);
}

class Translator {
  constructor(private readonly named: Record<string, Condition>) {}

  /** Flattens the top-level `all` (through condition references) into conjuncts. */
  conjuncts(c: Condition): Condition[] {
    if ('all' in c) return c.all.flatMap((x) => this.conjuncts(x));
    if ('condition' in c) return this.conjuncts(this.resolve(c.condition));
    return [c];
  }

  resolve(name: string): Condition {
    const c = this.named[name];
    if (!c) throw new Error(`zen translation: no condition ${name}`);
    return c;
  }

  expr(c: Condition): string {
    if (isLeaf(c)) return expression(c);
    if ('all' in c) return c.all.length === 0 ? 'true' : `(${c.all.map((x) => this.expr(x)).join(' and ')})`;
    if ('any' in c) return c.any.length === 0 ? 'true' : `(${c.any.map((x) => this.expr(x)).join(' or ')})`;
    if ('not' in c) return `not (${this.expr(c.not)})`;
    return this.expr(this.resolve(c.condition));
  }
}

const EXPR_COLUMN = 'expr';
const colId = (fact: string): string => `in_${fact}`;

/** The JDM graph (plain object, for `engine.createDecision`). */
export function buildZenDecision(rs: Ruleset): object {
  const t = new Translator(rs.conditions ?? {});
  const ordered: { rule: Rule; i: number }[] = rs.rules
    .map((rule, i) => ({ rule, i }))
    .sort((a, b) => (b.rule.priority || 1) - (a.rule.priority || 1) || a.i - b.i);

  const facts: string[] = [];
  const rows: Record<string, string>[] = [];
  for (const { rule, i } of ordered) {
    const cells = new Map<string, string>();
    const exprs: string[] = [];
    for (const c of t.conjuncts(rule.conditions as Condition)) {
      const u = isLeaf(c) ? unary(c) : null;
      if (u !== null && isLeaf(c) && !cells.has(colId(c.fact))) {
        cells.set(colId(c.fact), u);
        if (!facts.includes(c.fact)) facts.push(c.fact);
      } else exprs.push(t.expr(c));
    }
    if (exprs.length > 0) cells.set(EXPR_COLUMN, exprs.join(' and '));
    const row: Record<string, string> = { _id: `rule_${i}` };
    for (const [k, v] of cells) row[k] = v;
    row.out_type = literal(rule.event.type);
    row.out_reason = literal(rule.event.params.reason);
    row.out_priority = String(rule.priority || 1);
    rows.push(row);
  }
  const inputs = facts.map((f) => ({ id: colId(f), name: f, field: f }));
  if (rows.some((r) => EXPR_COLUMN in r)) inputs.push({ id: EXPR_COLUMN, name: 'expression', field: '' });
  for (const r of rows) for (const c of inputs) if (!(c.id in r)) r[c.id] = '';

  return {
    contentType: 'application/vnd.gorules.decision',
    nodes: [
      { id: 'request', type: 'inputNode', name: 'Request', position: { x: 0, y: 0 } },
      {
        id: 'rules',
        type: 'decisionTableNode',
        name: rs.name,
        position: { x: 300, y: 0 },
        content: {
          hitPolicy: 'collect',
          inputs,
          outputs: [
            { id: 'out_type', name: 'Type', field: 'type' },
            { id: 'out_reason', name: 'Reason', field: 'reason' },
            { id: 'out_priority', name: 'Priority', field: 'priority' },
          ],
          rules: rows,
        },
      },
      { id: 'response', type: 'outputNode', name: 'Response', position: { x: 600, y: 0 } },
    ],
    edges: [
      { id: 'e1', type: 'edge', sourceId: 'request', targetId: 'rules' },
      { id: 'e2', type: 'edge', sourceId: 'rules', targetId: 'response' },
    ],
  };
}

/**
 * The whole decision as ONE zen expression (for zen's only synchronous entry point,
 * `evaluateExpressionSync`): the reasons of the rules that hold, in row order. An extra row in
 * the benchmark, not the headline (it is zen's expression language, not a JDM decision).
 */
export function buildZenExpression(rs: Ruleset): string {
  const t = new Translator(rs.conditions ?? {});
  const ordered = rs.rules
    .map((rule, i) => ({ rule, i }))
    .sort((a, b) => (b.rule.priority || 1) - (a.rule.priority || 1) || a.i - b.i);
  const items = ordered.map(
    ({ rule }) =>
      `{c: ${t.expr(rule.conditions as Condition)}, type: ${literal(rule.event.type)}, reason: ${literal(rule.event.params.reason)}}`,
  );
  return `filter([${items.join(', ')}], #.c)`;
}
