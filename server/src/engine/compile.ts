/**
 * Compiles a ruleset version's json-rules-engine rules, once, into one generated synchronous
 * JavaScript function (`new Function`, as ajv does for schemas) that reads the facts directly
 * and inlines the common operators; a second generated function builds the trace. Only
 * validated input reaches the generated source: fact names from the catalogue, literals through
 * JSON.stringify, everything else (operator callbacks, paths, object values) through a
 * constants array. The semantics are json-rules-engine 7's, reproduced exactly (the differential test holds us to
 * it): conditions of an `all`/`any` are grouped into priority sets (highest first); every
 * condition in a set is evaluated, and the next set only if the result is still open; an empty
 * `all` or `any` is true; a condition reference evaluates the named condition; a `path` applies
 * to object facts only. What differs is cost: no promises, no cloning, no JSONPath parsing per
 * run, facts computed once — and a compiled ruleset is immutable, so any number of concurrent
 * evaluations may share it (a json-rules-engine Engine may not be shared).
 */
import { applyPath, parsePath, type CompiledPath } from './path.js';
import { resolveOperator, type OperatorFn } from './operators.js';
import { FACTS_BY_NAME } from './fact-catalogue.js';
import type { Facts } from './facts.js';
import { buildTables, type RulesetTables } from './ruleset-tables.js';
import {
  isAll,
  isAny,
  isFactReference,
  isNot,
  isReference,
  type Condition,
  type Reason,
  type Rule,
  type Ruleset,
} from './ruleset.js';

export class CompileError extends Error {
  constructor(
    message: string,
    readonly pointer: string,
  ) {
    super(message);
    this.name = 'CompileError';
  }
}

type FactRecord = Record<string, unknown>;
/* Leaf states in the `s` array: 0 = not evaluated (an earlier priority set settled it), 1 = false, 2 = true. */

export interface CompiledLeaf {
  id: number;
  fact: string;
  path: string | undefined;
  operator: string;
  /** The condition's `value` as written (a constant or a {fact, path} reference). */
  value: unknown;
  steps: CompiledPath | null;
  ref: { fact: string; steps: CompiledPath | null } | null;
}

export interface CompiledRule {
  index: number;
  rule: Rule;
  name: string;
  priority: number;
  /** Ids of the leaves in this rule's condition tree (named conditions included). */
  leafIds: number[];
  /** The rule's condition as JavaScript source (part of the generated whole-ruleset function). */
  code: string;
}

export interface ReasonInfo {
  reason: Reason;
  kind: 'reject' | 'manual';
}

export interface CompiledRuleset {
  ruleset: Ruleset;
  tables: RulesetTables;
  rules: CompiledRule[];
  leaves: CompiledLeaf[];
  reasons: Map<string, ReasonInfo>;
  /** The whole ruleset as one generated function (direct property reads, inlined operators). */
  run: (f: FactRecord, s: Uint8Array, fired: number[]) => void;
  trace: (f: FactRecord, s: Uint8Array, fired: Uint8Array) => unknown[];
}

interface Compiled {
  leafIds: number[];
  /** The condition as a JavaScript boolean expression over the facts `f` and leaf states `s`. */
  code: string;
}

function conditionPriority(c: Condition): number {
  // json-rules-engine: boolean conditions default to 1; fact conditions use their own priority or
  // the fact's (every catalogue fact has priority 1); references keep theirs.
  return c.priority || 1;
}

function codeSets(children: Compiled[], conditions: Condition[]): string[][] {
  const byPriority = new Map<number, string[]>();
  conditions.forEach((c, i) => {
    const p = conditionPriority(c);
    const set = byPriority.get(p);
    if (set) set.push(children[i]!.code);
    else byPriority.set(p, [children[i]!.code]);
  });
  return [...byPriority.keys()].sort((a, b) => b - a).map((p) => byPriority.get(p)!);
}

/** Every member of a set is evaluated (no short-circuit inside a set), as json-rules-engine does. */
function codeAll(children: Compiled[], conditions: Condition[]): string {
  if (children.length === 0) return 'true';
  if (children.length === 1) return children[0]!.code;
  return codeSets(children, conditions)
    .map((set) => (set.length === 1 ? set[0]! : `(((${set.join(') & (')})) === 1)`))
    .join(' && ');
}

function codeAny(children: Compiled[], conditions: Condition[]): string {
  if (children.length === 0) return 'true';
  if (children.length === 1) return children[0]!.code;
  return codeSets(children, conditions)
    .map((set) => (set.length === 1 ? set[0]! : `(((${set.join(') | (')})) === 1)`))
    .join(' || ');
}

class Compiler {
  readonly leaves: CompiledLeaf[] = [];
  private readonly named = new Map<string, Compiled>();
  private readonly compiling = new Set<string>();

  constructor(private readonly conditions: Record<string, Condition>) {}

  compileNamed(name: string, at: string): Compiled {
    const done = this.named.get(name);
    if (done) return done;
    const c = Object.hasOwn(this.conditions, name) ? this.conditions[name] : undefined;
    if (!c) throw new CompileError(`No condition "${name}" exists`, at);
    if (this.compiling.has(name)) throw new CompileError(`Condition "${name}" refers to itself`, at);
    if (!isAll(c) && !isAny(c) && !isNot(c) && !isReference(c)) {
      throw new CompileError(
        `Condition "${name}" must start with "all", "any", "not" or "condition"`,
        `/conditions/${name}`,
      );
    }
    this.compiling.add(name);
    const compiled = this.compile(c, `/conditions/${name}`);
    this.compiling.delete(name);
    this.named.set(name, compiled);
    return compiled;
  }

  compile(c: Condition, at: string): Compiled {
    if (isAll(c)) {
      const children = c.all.map((x, i) => this.compile(x, `${at}/all/${i}`));
      return {
        leafIds: children.flatMap((x) => x.leafIds),
        code: `(${codeAll(children, c.all)})`,
      };
    }
    if (isAny(c)) {
      const children = c.any.map((x, i) => this.compile(x, `${at}/any/${i}`));
      return {
        leafIds: children.flatMap((x) => x.leafIds),
        code: `(${codeAny(children, c.any)})`,
      };
    }
    if (isNot(c)) {
      const child = this.compile(c.not, `${at}/not`);
      return {
        leafIds: child.leafIds,
        code: `!(${child.code})`,
      };
    }
    if (isReference(c)) {
      const named = this.compileNamed(c.condition, `${at}/condition`);
      return { leafIds: named.leafIds, code: named.code };
    }
    return this.compileLeaf(c, at);
  }

  private compileLeaf(
    c: Condition & {
      fact: string;
      operator: string;
      value: unknown;
      path?: string;
    },
    at: string,
  ): Compiled {
    if (!FACTS_BY_NAME.has(c.fact)) throw new CompileError(`Unknown fact "${c.fact}"`, `${at}/fact`);
    const op = resolveOperator(c.operator);
    if (!op) throw new CompileError(`Unknown operator "${c.operator}"`, `${at}/operator`);
    const steps = c.path === undefined ? null : parsePath(c.path);
    if (c.path !== undefined && steps === null)
      throw new CompileError(`Unsupported path "${c.path}"`, `${at}/path`);
    let ref: CompiledLeaf['ref'] = null;
    if (isFactReference(c.value)) {
      const v = c.value;
      if (typeof v.fact !== 'string' || !FACTS_BY_NAME.has(v.fact)) {
        throw new CompileError(`Unknown fact "${String(v.fact)}"`, `${at}/value/fact`);
      }
      const refSteps = v.path === undefined ? null : parsePath(v.path);
      if (v.path !== undefined && refSteps === null)
        throw new CompileError(`Unsupported path "${v.path}"`, `${at}/value/path`);
      ref = { fact: v.fact, steps: refSteps };
    }
    const id = this.leaves.length;
    this.leaves.push({
      id,
      fact: c.fact,
      path: c.path,
      operator: c.operator,
      value: c.value,
      steps,
      ref,
    });
    const expr = this.leafCode(c.fact, c.operator, c.value, steps, op.fn, ref);
    return {
      leafIds: [id],
      code: `((s[${id}] = ${expr} ? 2 : 1) === 2)`,
    };
  }

  /** Constants the generated code refers to as K[i]. */
  readonly constants: unknown[] = [];
  private k(v: unknown): string {
    this.constants.push(v);
    return `K[${this.constants.length - 1}]`;
  }

  private leafCode(
    fact: string,
    operator: string,
    value: unknown,
    steps: CompiledPath | null,
    fn: OperatorFn,
    ref: CompiledLeaf['ref'],
  ): string {
    const def = FACTS_BY_NAME.get(fact)!;
    const lhs = steps === null ? `f.${fact}` : `A(f.${fact}, ${this.k(steps)})`;
    if (ref !== null) {
      const rhs = ref.steps === null ? `f.${ref.fact}` : `A(f.${ref.fact}, ${this.k(ref.steps)})`;
      if (operator === 'equal') return `(${lhs} === ${rhs})`;
      if (operator === 'notEqual') return `(${lhs} !== ${rhs})`;
      return `(${this.k(fn)}(${lhs}, ${rhs}) === true)`;
    }
    const simple = value === null || ['string', 'number', 'boolean'].includes(typeof value);
    const lit = simple ? JSON.stringify(value) : this.k(value);
    if (operator === 'equal') return `(${lhs} === ${lit})`;
    if (operator === 'notEqual') return `(${lhs} !== ${lit})`;
    const cmp: Record<string, string> = {
      greaterThan: '>',
      greaterThanInclusive: '>=',
      lessThan: '<',
      lessThanInclusive: '<=',
    };
    // Integer facts are always numbers, so json-rules-engine's numberValidator always passes.
    // numberValidator passes for every number, so a number compares directly; anything else
    // (facts of unexpected types) goes through the exact json-rules-engine operator.
    if (steps === null && def.type === 'integer' && typeof value === 'number' && operator in cmp)
      return `(typeof ${lhs} === 'number' ? ${lhs} ${cmp[operator]} ${lit} : ${this.k(fn)}(${lhs}, ${lit}) === true)`;
    if (
      operator === 'in' &&
      Array.isArray(value) &&
      value.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v)) &&
      !value.some((v) => Number.isNaN(v))
    )
      return value.length === 0
        ? 'false'
        : `(${value.map((v) => `${lhs} === ${JSON.stringify(v)}`).join(' || ')})`;
    if (operator === 'contains' && steps === null && simple)
      return `(Array.isArray(${lhs}) && ${lhs}.indexOf(${lit}) > -1)`;
    return `(${this.k(fn)}(${lhs}, ${lit}) === true)`;
  }
}

/**
 * Compiles a (validated) ruleset. Throws CompileError with a JSON pointer for anything the
 * evaluator cannot run: an unknown fact, operator or named condition, a reference cycle.
 */
export function compileRuleset(ruleset: Ruleset): CompiledRuleset {
  const compiler = new Compiler(ruleset.conditions ?? {});
  const rules: CompiledRule[] = ruleset.rules.map((rule, index) => {
    const at = `/rules/${index}/conditions`;
    const root = rule.conditions as Condition;
    if (!isAll(root) && !isAny(root) && !isNot(root) && !isReference(root)) {
      throw new CompileError('A rule\'s conditions must start with "all", "any", "not" or "condition"', at);
    }
    // A reference at the root evaluates the named condition; otherwise the tree itself (without
    // the `=== true` step json-rules-engine applies to nested boolean conditions — results are
    // booleans either way).
    const { leafIds, code } = isReference(root)
      ? compiler.compileNamed(root.condition, `${at}/condition`)
      : compiler.compile(root, at);
    return {
      index,
      rule,
      name: rule.name,
      priority: rule.priority || 1,
      leafIds,
      code,
    };
  });
  const reasons = new Map<string, ReasonInfo>();
  for (const r of ruleset.rejectionReasons) reasons.set(r.code, { reason: r, kind: 'reject' });
  for (const r of ruleset.manualReasons)
    if (!reasons.has(r.code)) reasons.set(r.code, { reason: r, kind: 'manual' });
  const body = rules.map((r) => `  if (${r.code}) fired.push(${r.index});`).join('\n');
  const run = new Function('K', 'A', `return function kpRules(f, s, fired) {\n${body}\n};`)(
    compiler.constants,
    applyPath,
  ) as (f: FactRecord, s: Uint8Array, fired: number[]) => void;
  // The trace, generated too: one object literal per rule and condition, direct property reads.
  const TK: unknown[] = [];
  const tk = (v: unknown): string => {
    TK.push(v);
    return `TK[${TK.length - 1}]`;
  };
  const lit = (v: unknown): string =>
    v === null || ['string', 'number', 'boolean'].includes(typeof v) ? JSON.stringify(v) : tk(v);
  const traceRules = rules.map((r) => {
    const conds = r.leafIds.map((id) => {
      const leaf = compiler.leaves[id]!;
      const fv = leaf.steps === null ? `f.${leaf.fact}` : `A(f.${leaf.fact}, ${tk(leaf.steps)})`;
      let o = `{ fact: ${JSON.stringify(leaf.fact)}, operator: ${JSON.stringify(leaf.operator)}, value: ${lit(leaf.value)}, factValue: ${fv}, result: s[${id}] === 0 ? null : s[${id}] === 2`;
      if (leaf.path !== undefined) o += `, path: ${JSON.stringify(leaf.path)}`;
      if (leaf.ref !== null)
        o += `, valueResult: ${leaf.ref.steps === null ? `f.${leaf.ref.fact}` : `A(f.${leaf.ref.fact}, ${tk(leaf.ref.steps)})`}`;
      return o + ' }';
    });
    const ev = `{ type: ${JSON.stringify(r.rule.event.type)}, reason: ${lit(r.rule.event.params.reason)} }`;
    return `  t = { rule: ${lit(r.name)}, priority: ${r.priority}, fired: F[${r.index}] === 1, conditions: [${conds.join(', ')}] };\n  if (t.fired) t.event = ${ev};\n  out[${r.index}] = t;`;
  });
  const trace = new Function(
    'TK',
    'A',
    `return function kpTrace(f, s, F) {\n  const out = new Array(${rules.length});\n  let t;\n${traceRules.join('\n')}\n  return out;\n};`,
  )(TK, applyPath) as (f: FactRecord, s: Uint8Array, fired: Uint8Array) => unknown[];
  return {
    ruleset,
    tables: buildTables(ruleset),
    rules,
    leaves: compiler.leaves,
    reasons,
    run,
    trace,
  };
}

export interface RuleRun {
  /** Indexes of the rules whose conditions held, highest priority first, then ruleset order. */
  fired: number[];
  /** Per leaf: 0 not evaluated, 1 false, 2 true. */
  states: Uint8Array;
}

/** Runs every rule against the facts. Synchronous, allocation-light, safe to call concurrently. */
export function runRules(compiled: CompiledRuleset, facts: Facts): RuleRun {
  const f = facts as unknown as FactRecord;
  const states = new Uint8Array(compiled.leaves.length);
  const fired: number[] = [];
  const rules = compiled.rules;
  compiled.run(f, states, fired);
  if (fired.length > 1) {
    fired.sort((a, b) => rules[b]!.priority - rules[a]!.priority || a - b);
  }
  return { fired, states };
}
