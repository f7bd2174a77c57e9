/**
 * The `path` of a condition: the subset of JSONPath the ruleset schema allows — `$` followed by
 * `.name`, `['name']` or `[index]` steps — resolved with json-rules-engine's semantics (its
 * default resolver is JSONPath-plus with `wrap: false`): each step reads an *own* property of
 * anything that is not null/undefined (so strings have `length` and indexes, arrays `length`);
 * a missing step gives undefined. The path is applied only when the fact value is an object.
 */
const STEP = /\.([A-Za-z_][A-Za-z0-9_]*)|\[(0|[1-9][0-9]{0,5})\]|\['([A-Za-z0-9_ -]*)'\]/y;

export type CompiledPath = readonly string[];

/** Splits a path into its steps; null when it is not in the supported subset. */
export function parsePath(path: string): CompiledPath | null {
  if (!path.startsWith('$')) return null;
  const steps: string[] = [];
  STEP.lastIndex = 1;
  let pos = 1;
  while (pos < path.length) {
    STEP.lastIndex = pos;
    const m = STEP.exec(path);
    if (!m) return null;
    steps.push((m[1] ?? m[2] ?? m[3])!);
    pos = STEP.lastIndex;
  }
  return steps;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** Walks the steps from `value` (which the caller has checked is an object). */
export function walkPath(value: unknown, steps: CompiledPath): unknown {
  let cur: unknown = value;
  for (let i = 0; i < steps.length; i++) {
    if (cur === null || cur === undefined) return undefined;
    const key = steps[i]!;
    if (!hasOwn.call(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Applies a path to a fact value as json-rules-engine's almanac does. */
export function applyPath(factValue: unknown, steps: CompiledPath | null): unknown {
  if (steps === null) return factValue;
  if (factValue !== null && typeof factValue === 'object') return walkPath(factValue, steps);
  return factValue;
}
