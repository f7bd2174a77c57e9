/**
 * json-rules-engine conditions ↔ react-querybuilder queries, losslessly (the round-trip property
 * test in test/console/conditions.test.ts proves it): `all`/`any` are groups (and/or), `not` is a
 * negated group, a named condition `{condition: "x"}` is a rule on the pseudo-field
 * CONDITION_FIELD, a fact reference `{fact: "x", path?}` as value is a rule whose valueSource is
 * 'field'. Whatever else a condition carries (`path`, `params`, `name`, `priority`, keys this
 * console does not know) travels in `meta` and comes back as it was.
 */
import type { RuleGroupType, RuleType } from 'react-querybuilder';

/** A json-rules-engine condition (the ruleset schema's `condition`). */
export type Condition = Record<string, unknown>;

/** The builder's pseudo-field for a reference to a named condition. */
export const CONDITION_FIELD = '@condition';
export const CONDITION_OPERATOR = 'condition';

interface GroupMeta {
  /** Keys of the all/any object besides the array (name, priority …). */
  extra?: Record<string, unknown>;
  /** `{not: X}` with X not all/any: this group only wraps X. */
  notWrap?: true;
  /** Keys of the `not` object besides `not` (name, priority …). */
  notExtra?: Record<string, unknown>;
  /** A root that is not a group (a lone named condition or fact condition), wrapped for the builder. */
  rootWrap?: true;
}

export interface RuleMeta {
  /** The condition's keys besides fact/operator/value/path (params, name, priority …). */
  extra?: Record<string, unknown>;
  /** The condition's own `path` into the fact. */
  path?: string;
  /** For a fact-reference value: its `path`, and any other keys of the reference. */
  valuePath?: string;
  valueExtra?: Record<string, unknown>;
}

export type BuilderGroup = RuleGroupType & { meta?: GroupMeta };
export type BuilderRule = RuleType<string, string, unknown, string, RuleMeta>;

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

function rest(obj: Record<string, unknown>, drop: readonly string[]): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  let any = false;
  for (const [k, v] of Object.entries(obj)) {
    if (drop.includes(k)) continue;
    out[k] = v;
    any = true;
  }
  return any ? out : undefined;
}

function withMeta<T extends object, M extends object>(target: T, meta: M): T {
  const clean = Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined));
  return Object.keys(clean).length ? { ...target, meta: clean } : target;
}

function isGroupCondition(c: unknown): boolean {
  return isObject(c) && (Array.isArray(c.all) || Array.isArray(c.any));
}

function groupOf(c: Condition): BuilderGroup {
  const combinator = Array.isArray(c.all) ? 'and' : 'or';
  const list = (combinator === 'and' ? c.all : c.any) as unknown[];
  return withMeta({ combinator, rules: list.map((x) => nodeOf(x)) } as BuilderGroup, {
    extra: rest(c, [combinator === 'and' ? 'all' : 'any']),
  });
}

function nodeOf(c: unknown): BuilderGroup | BuilderRule {
  if (!isObject(c)) {
    // Not a condition at all (the server will say so): keep it, as a rule the builder shows raw.
    return { field: '', operator: '', value: c, meta: { extra: { __raw: true } } } as BuilderRule;
  }
  if (isGroupCondition(c)) return groupOf(c);
  if ('not' in c) {
    const inner = c.not;
    const notExtra = rest(c, ['not']);
    if (isGroupCondition(inner)) {
      const g = groupOf(inner as Condition);
      return { ...g, not: true, meta: { ...g.meta, ...(notExtra ? { notExtra } : {}) } } as BuilderGroup;
    }
    return withMeta({ combinator: 'and', not: true, rules: [nodeOf(inner)] } as BuilderGroup, {
      notWrap: true as const,
      notExtra,
    });
  }
  if ('condition' in c && !('fact' in c)) {
    return withMeta(
      { field: CONDITION_FIELD, operator: CONDITION_OPERATOR, value: c.condition } as BuilderRule,
      {
        extra: rest(c, ['condition']),
      },
    );
  }
  const value = c.value;
  const meta: RuleMeta = {
    extra: rest(c, ['fact', 'operator', 'value', 'path']),
    ...(typeof c.path === 'string' ? { path: c.path } : {}),
  };
  if ('path' in c && typeof c.path !== 'string') meta.extra = { ...meta.extra, path: c.path };
  if (isObject(value) && typeof value.fact === 'string') {
    const valueExtra = rest(value, ['fact', 'path']);
    return withMeta(
      {
        field: c.fact as string,
        operator: c.operator as string,
        value: value.fact,
        valueSource: 'field',
      } as BuilderRule,
      {
        ...meta,
        ...(typeof value.path === 'string' ? { valuePath: value.path } : {}),
        ...(valueExtra ? { valueExtra } : {}),
        ...('path' in value && typeof value.path !== 'string'
          ? { valueExtra: { ...valueExtra, path: value.path } }
          : {}),
      },
    );
  }
  return withMeta({ field: c.fact as string, operator: c.operator as string, value } as BuilderRule, meta);
}

/** A rule's `conditions` (the root) → the builder's query (always a group). */
export function toQuery(root: unknown): BuilderGroup {
  const node = nodeOf(root);
  if ('rules' in node) return node;
  return { combinator: 'and', rules: [node], meta: { rootWrap: true } } as BuilderGroup;
}

function conditionOf(node: BuilderGroup | BuilderRule): Condition {
  if ('rules' in node) {
    const g = node;
    const meta = g.meta ?? {};
    const children = g.rules.map((r) => conditionOf(r as BuilderGroup | BuilderRule));
    if (g.not && meta.notWrap) {
      return {
        ...(children[0] !== undefined ? { not: children[0] } : { not: { all: [] } }),
        ...meta.notExtra,
      };
    }
    const key = g.combinator === 'or' ? 'any' : 'all';
    const group: Condition = { [key]: children, ...meta.extra };
    return g.not ? { not: group, ...meta.notExtra } : group;
  }
  const r = node;
  const meta = r.meta ?? {};
  if (meta.extra?.__raw) return r.value as Condition;
  if (r.field === CONDITION_FIELD) return { condition: r.value, ...meta.extra };
  const value =
    r.valueSource === 'field'
      ? {
          fact: r.value,
          ...(meta.valuePath !== undefined ? { path: meta.valuePath } : {}),
          ...meta.valueExtra,
        }
      : r.value;
  return {
    fact: r.field,
    operator: r.operator,
    value,
    ...(meta.path !== undefined ? { path: meta.path } : {}),
    ...meta.extra,
  };
}

/** The builder's query → the rule's `conditions`. */
export function fromQuery(query: BuilderGroup): Condition {
  if (query.meta?.rootWrap && !query.not && query.rules.length === 1) {
    return conditionOf(query.rules[0] as BuilderGroup | BuilderRule);
  }
  return conditionOf(query);
}
