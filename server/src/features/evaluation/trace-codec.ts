/**
 * The trace, stored compactly. Most of a trace (≈ 70 % of a stored decision) is the same for
 * every decision of a ruleset version: the rules' names, priorities and conditions (fact, path,
 * operator, value). That part — the skeleton — is stored once in trace_skeletons, named by the
 * SHA-256 of its JSON; a decision stores `{skeleton, values}` with only what the decision itself
 * found: per rule whether it fired (and its event), per condition its result and fact values.
 * Reading a decision expands it back into the full trace, equal as JSON to what decide() gave, so
 * replay as recorded compares exactly what was decided. The skeleton is taken from the trace
 * itself (never from the ruleset), so expansion cannot drift from what was stored; a trace with
 * anything the codec does not know is stored in full, and decisions stored before this codec
 * keep their full trace (an array).
 */
import { createHash } from 'node:crypto';
import type { TraceCondition, TraceRule } from '../../engine/decide.js';

interface SkeletonCondition {
  fact: string;
  path?: string;
  operator: string;
  value: unknown;
}
interface SkeletonRule {
  rule: string;
  priority: number;
  conditions: SkeletonCondition[];
}
export type Skeleton = SkeletonRule[];

/** A condition's own values: [result, factValue], [result, factValue, valueResult], or the general form. */
type ConditionValues =
  | [boolean | null, unknown]
  | [boolean | null, unknown, unknown]
  | { r: boolean | null; f?: unknown; x?: unknown };
/** A rule's: [fired, conditions] or [fired, conditions, event]. */
type RuleValues = [boolean, ConditionValues[]] | [boolean, ConditionValues[], TraceRule['event']];

export interface CompactTrace {
  skeleton: string;
  values: RuleValues[];
}

export function isCompactTrace(t: unknown): t is CompactTrace {
  return t !== null && typeof t === 'object' && !Array.isArray(t) && 'skeleton' in t;
}

export interface KnownSkeleton {
  id: string;
  skeleton: Skeleton;
  json: string;
  /** The skeleton's JSON text per rule and condition, for traceJson() (made when first needed). */
  fragments?: { head: string; conditions: string[] }[];
}

function skeletonOf(trace: readonly TraceRule[]): Skeleton | null {
  const out: Skeleton = [];
  for (const r of trace) {
    if (Object.keys(r).length !== (r.event !== undefined ? 5 : 4) || !Array.isArray(r.conditions))
      return null;
    const conditions: SkeletonCondition[] = [];
    for (const c of r.conditions) {
      const expected =
        4 +
        (c.path !== undefined ? 1 : 0) +
        (c.factValue !== undefined ? 1 : 0) +
        (c.valueResult !== undefined ? 1 : 0);
      if (Object.keys(c).length !== expected || !('result' in c) || !('value' in c)) return null;
      const s: SkeletonCondition = { fact: c.fact, operator: c.operator, value: c.value };
      if (c.path !== undefined) s.path = c.path;
      conditions.push(s);
    }
    out.push({ rule: r.rule, priority: r.priority, conditions });
  }
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function fits(trace: readonly TraceRule[], s: Skeleton): boolean {
  if (trace.length !== s.length) return false;
  for (let i = 0; i < trace.length; i++) {
    const r = trace[i]!;
    const k = s[i]!;
    if (r.rule !== k.rule || r.priority !== k.priority || r.conditions.length !== k.conditions.length)
      return false;
    if (Object.keys(r).length !== (r.event !== undefined ? 5 : 4)) return false;
    for (let j = 0; j < r.conditions.length; j++) {
      const c = r.conditions[j]!;
      const sc = k.conditions[j]!;
      if (c.fact !== sc.fact || c.operator !== sc.operator || c.path !== sc.path) return false;
      const expected =
        4 +
        (c.path !== undefined ? 1 : 0) +
        (c.factValue !== undefined ? 1 : 0) +
        (c.valueResult !== undefined ? 1 : 0);
      if (Object.keys(c).length !== expected || !('result' in c)) return false;
      if (!sameValue(c.value, sc.value)) return false;
    }
  }
  return true;
}

function conditionValues(c: TraceCondition): ConditionValues {
  if (c.factValue !== undefined) {
    return c.valueResult !== undefined ? [c.result, c.factValue, c.valueResult] : [c.result, c.factValue];
  }
  const v: { r: boolean | null; x?: unknown } = { r: c.result };
  if (c.valueResult !== undefined) v.x = c.valueResult;
  return v;
}

/**
 * Encodes traces; remembers the skeletons it has made (per ruleset, the last one), so the common
 * case is a comparison with the known skeleton and no hashing.
 */
export class TraceEncoder {
  private readonly bySource = new Map<string, KnownSkeleton>();
  /** Skeleton ids known to be stored in trace_skeletons. */
  readonly stored = new Set<string>();

  /** The compact trace and its skeleton (to store unless already stored), or null: store it in full. */
  encode(
    trace: readonly TraceRule[],
    source: string,
  ): { compact: CompactTrace; skeleton: KnownSkeleton } | null {
    const known = this.skeletonFor(trace, source);
    if (!known) return null;
    const values: RuleValues[] = trace.map((r) => {
      const conds = r.conditions.map(conditionValues);
      return r.event !== undefined ? [r.fired, conds, r.event] : [r.fired, conds];
    });
    return { compact: { skeleton: known.id, values }, skeleton: known };
  }

  /** The skeleton `trace` fits (the last one of `source` when it still fits), or null: none can. */
  skeletonFor(trace: readonly TraceRule[], source: string): KnownSkeleton | null {
    let known = this.bySource.get(source);
    if (!known || !fits(trace, known.skeleton)) {
      const skeleton = skeletonOf(trace);
      if (!skeleton) return null;
      const json = JSON.stringify(skeleton);
      known = { id: createHash('sha256').update(json).digest('hex'), skeleton, json };
      if (this.bySource.size >= 500) this.bySource.delete(this.bySource.keys().next().value!);
      this.bySource.set(source, known);
    }
    return known;
  }
}

const str = JSON.stringify;

/**
 * The trace as JSON text, the same JSON as JSON.stringify(trace) (its keys in another order):
 * what every decision of a version shares — rule names, priorities, the conditions' facts,
 * operators and values — is the skeleton's text, made once; only the decision's own values are
 * encoded per call. `known` must be the skeleton the trace fits (TraceEncoder.skeletonFor).
 * Several times faster than JSON.stringify on the evaluate response, most of which is the trace.
 */
export function traceJson(trace: readonly TraceRule[], known: KnownSkeleton): string {
  known.fragments ??= known.skeleton.map((k) => ({
    head: `{"rule":${str(k.rule)},"priority":${str(k.priority)},"fired":`,
    conditions: k.conditions.map(
      (c) =>
        `{"fact":${str(c.fact)},${c.path !== undefined ? `"path":${str(c.path)},` : ''}` +
        `"operator":${str(c.operator)}${c.value !== undefined ? `,"value":${str(c.value)}` : ''}`,
    ),
  }));
  const fragments = known.fragments;
  let s = '[';
  for (let i = 0; i < trace.length; i++) {
    const r = trace[i]!;
    const f = fragments[i]!;
    if (typeof r.fired !== 'boolean' || typeof r.priority !== 'number') return str(trace);
    if (i > 0) s += ',';
    s += f.head + (r.fired ? 'true' : 'false') + ',"conditions":[';
    for (let j = 0; j < r.conditions.length; j++) {
      const c = r.conditions[j]!;
      if (j > 0) s += ',';
      s += f.conditions[j]!;
      if (c.factValue !== undefined) s += ',"factValue":' + str(c.factValue);
      if (c.valueResult !== undefined) s += ',"valueResult":' + str(c.valueResult);
      s += (c.result === undefined ? '' : ',"result":' + str(c.result)) + '}';
    }
    s += ']';
    if (r.event !== undefined) s += ',"event":' + str(r.event);
    s += '}';
  }
  return s + ']';
}

/** The full trace from its skeleton and a decision's values. */
export function expandTrace(skeleton: Skeleton, compact: CompactTrace): TraceRule[] {
  return skeleton.map((k, i) => {
    const v = compact.values[i]!;
    const rule: TraceRule = { rule: k.rule, priority: k.priority, fired: v[0], conditions: [] };
    if (v.length === 3) rule.event = v[2];
    rule.conditions = k.conditions.map((sc, j) => {
      const cv = v[1][j]!;
      const c = { fact: sc.fact } as TraceCondition;
      if (sc.path !== undefined) c.path = sc.path;
      c.operator = sc.operator;
      c.value = sc.value;
      if (Array.isArray(cv)) {
        c.factValue = cv[1];
        if (cv.length === 3) c.valueResult = cv[2];
        c.result = cv[0];
      } else {
        if ('f' in cv) c.factValue = cv.f;
        if ('x' in cv) c.valueResult = cv.x;
        c.result = cv.r;
      }
      return c;
    });
    return rule;
  });
}
