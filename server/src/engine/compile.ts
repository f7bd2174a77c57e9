/**
 * Compiles a ruleset version's json-rules-engine rules, once, into plain synchronous closures.
 * The semantics are json-rules-engine 7's, reproduced exactly (the differential test holds us to
 * it): conditions of an `all`/`any` are grouped into priority sets (highest first); every
 * condition in a set is evaluated, and the next set only if the result is still open; an empty
 * `all` or `any` is true; a condition reference evaluates the named condition; a `path` applies
 * to object facts only. What differs is cost: no promises, no cloning, no JSONPath parsing per
 * run, facts computed once — and a compiled ruleset is immutable, so any number of concurrent
 * evaluations may share it (a json-rules-engine Engine may not be shared).
 */
import { applyPath, parsePath, type CompiledPath } from './path.js';
import { resolveOperator, type OperatorFn } from './operators.js';
import { FACTS_BY_NAME, buildTables, type Facts, type RulesetTables } from './facts.js';
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
/** Leaf states: 0 = not evaluated (short-circuited), 1 = false, 2 = true. */
type Node = (facts: FactRecord, states: Uint8Array) => boolean;

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
  test: Node;
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
}

interface Compiled {
  node: Node;
  leafIds: number[];
}

function conditionPriority(c: Condition): number {
  // json-rules-engine: boolean conditions default to 1; fact conditions use their own priority or
  // the fact's (every catalogue fact has priority 1); references keep theirs.
  return c.priority || 1;
}

function prioritySets(children: Compiled[], conditions: Condition[]): Node[][] {
  const byPriority = new Map<number, Node[]>();
  conditions.forEach((c, i) => {
    const p = conditionPriority(c);
    const set = byPriority.get(p);
    if (set) set.push(children[i]!.node);
    else byPriority.set(p, [children[i]!.node]);
  });
  return [...byPriority.keys()].sort((a, b) => b - a).map((p) => byPriority.get(p)!);
}

function compileAll(children: Compiled[], conditions: Condition[]): Node {
  if (children.length === 0) return () => true;
  if (children.length === 1) return children[0]!.node;
  const sets = prioritySets(children, conditions);
  if (sets.length === 1) {
    const set = sets[0]!;
    return (f, s) => {
      let ok = true;
      for (let i = 0; i < set.length; i++) if (set[i]!(f, s) !== true) ok = false;
      return ok;
    };
  }
  return (f, s) => {
    for (const set of sets) {
      let ok = true;
      for (let i = 0; i < set.length; i++) if (set[i]!(f, s) !== true) ok = false;
      if (!ok) return false;
    }
    return true;
  };
}

function compileAny(children: Compiled[], conditions: Condition[]): Node {
  if (children.length === 0) return () => true; // json-rules-engine: an empty `any` passes
  if (children.length === 1) return children[0]!.node;
  const sets = prioritySets(children, conditions);
  return (f, s) => {
    for (const set of sets) {
      let ok = false;
      for (let i = 0; i < set.length; i++) if (set[i]!(f, s) === true) ok = true;
      if (ok) return true;
    }
    return false;
  };
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
      const inner = compileAll(children, c.all);
      return { node: (f, s) => inner(f, s) === true, leafIds: children.flatMap((x) => x.leafIds) };
    }
    if (isAny(c)) {
      const children = c.any.map((x, i) => this.compile(x, `${at}/any/${i}`));
      const inner = compileAny(children, c.any);
      return { node: (f, s) => inner(f, s) === true, leafIds: children.flatMap((x) => x.leafIds) };
    }
    if (isNot(c)) {
      const child = this.compile(c.not, `${at}/not`);
      const inner = child.node;
      return { node: (f, s) => !inner(f, s) === true, leafIds: child.leafIds };
    }
    if (isReference(c)) {
      const named = this.compileNamed(c.condition, `${at}/condition`);
      return { node: named.node, leafIds: named.leafIds };
    }
    return this.compileLeaf(c, at);
  }

  private compileLeaf(
    c: Condition & { fact: string; operator: string; value: unknown; path?: string },
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
    this.leaves.push({ id, fact: c.fact, path: c.path, operator: c.operator, value: c.value, steps, ref });
    return { node: leafNode(id, c.fact, steps, op.fn, c.value, ref), leafIds: [id] };
  }
}

function leafNode(
  id: number,
  fact: string,
  steps: CompiledPath | null,
  fn: OperatorFn,
  value: unknown,
  ref: CompiledLeaf['ref'],
): Node {
  // Specialised closures for the common shapes keep the hot path to a property read and a call.
  if (steps === null && ref === null) {
    return (f, s) => {
      const r = fn(f[fact], value);
      s[id] = r === true ? 2 : 1;
      return r;
    };
  }
  if (ref === null) {
    return (f, s) => {
      const r = fn(applyPath(f[fact], steps), value);
      s[id] = r === true ? 2 : 1;
      return r;
    };
  }
  const refFact = ref.fact;
  const refSteps = ref.steps;
  return (f, s) => {
    const r = fn(applyPath(f[fact], steps), applyPath(f[refFact], refSteps));
    s[id] = r === true ? 2 : 1;
    return r;
  };
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
    let test: Node;
    let leafIds: number[];
    if (isReference(root)) {
      const named = compiler.compileNamed(root.condition, `${at}/condition`);
      test = named.node;
      leafIds = named.leafIds;
    } else {
      // The root is evaluated without the `=== true` step json-rules-engine applies to nested
      // boolean conditions; results are booleans either way.
      const compiled = compiler.compile(root, at);
      test = compiled.node;
      leafIds = compiled.leafIds;
    }
    return { index, rule, name: rule.name, priority: rule.priority || 1, leafIds, test };
  });
  const reasons = new Map<string, ReasonInfo>();
  for (const r of ruleset.rejectionReasons) reasons.set(r.code, { reason: r, kind: 'reject' });
  for (const r of ruleset.manualReasons)
    if (!reasons.has(r.code)) reasons.set(r.code, { reason: r, kind: 'manual' });
  return { ruleset, tables: buildTables(ruleset), rules, leaves: compiler.leaves, reasons };
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
  for (let i = 0; i < rules.length; i++) if (rules[i]!.test(f, states)) fired.push(i);
  if (fired.length > 1) {
    fired.sort((a, b) => rules[b]!.priority - rules[a]!.priority || a - b);
  }
  return { fired, states };
}
