/**
 * An identity-keyed structural diff and the three-way merge of template updates (PRODUCT.md §3).
 *
 * Array items are matched by identity, as in domain/json-diff.ts — `code` (service numbers,
 * reasons, case types), `name` of a rule, `supplier`+`from` of an opt-out — so every change
 * has an *identity path* (`serviceNumbers › code:1001 › maxAmount`) that means the same thing in
 * the template version a municipality forked, the newest template version and the
 * municipality's own ruleset, whatever the positions of the items in each. Conflicts are found
 * and upstream changes applied on identity paths, never on array positions.
 *
 * Unlike jsondiffpatch's LCS (quadratic in array length), this is linear: a ruleset with 10,000
 * service numbers diffs in milliseconds whatever was changed — it is what the audit log uses.
 *
 * Arrays without identities (lists of EANs, intake paths, a condition's `all` list) are compared
 * position by position when their lengths are equal, and as one value otherwise. Item order in
 * identity-keyed arrays is not a change (service numbers, reasons and case types are looked up by
 * code; rules are ordered by priority), so neither reported nor merged.
 */
import { isDeepStrictEqual } from 'node:util';
import { pointerToken } from '../../domain/issues.js';

export type ChangeOp = 'add' | 'remove' | 'replace';

export interface KeyedChange {
  /** JSON pointer in the newer document (in the older one for `remove`). */
  path: string;
  /** Identity path: `.key` for an object property, `#id` for an item by identity, `[i]` by position. */
  ids: string[];
  op: ChangeOp;
  before?: unknown;
  after?: unknown;
}

/** A change as the API shows it. */
export interface Change {
  path: string;
  op: ChangeOp;
  before?: unknown;
  after?: unknown;
}

export function identityOf(item: unknown): string | undefined {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return undefined;
  const o = item as Record<string, unknown>;
  if (typeof o.code === 'string') return `code:${o.code}`;
  if (typeof o.name === 'string' && ('conditions' in o || 'event' in o)) return `rule:${o.name}`;
  if (typeof o.supplier === 'string') return `supplier:${o.supplier}|${String(o.from)}`;
  return undefined;
}

/** Identity → index, or undefined when some item has no identity or two share one. */
function keyedIndex(items: readonly unknown[]): Map<string, number> | undefined {
  const index = new Map<string, number>();
  for (let i = 0; i < items.length; i++) {
    const id = identityOf(items[i]);
    if (id === undefined || index.has(id)) return undefined;
    index.set(id, i);
  }
  return index;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function diffInto(
  a: unknown,
  b: unknown,
  pathA: string,
  pathB: string,
  ids: string[],
  out: KeyedChange[],
): void {
  if (isDeepStrictEqual(a, b)) return;
  if (isObject(a) && isObject(b)) {
    for (const key of Object.keys(a)) {
      const p = `/${pointerToken(key)}`;
      if (!Object.hasOwn(b, key))
        out.push({ path: pathA + p, ids: [...ids, `.${key}`], op: 'remove', before: a[key] });
      else diffInto(a[key], b[key], pathA + p, pathB + p, [...ids, `.${key}`], out);
    }
    for (const key of Object.keys(b)) {
      if (!Object.hasOwn(a, key))
        out.push({
          path: `${pathB}/${pointerToken(key)}`,
          ids: [...ids, `.${key}`],
          op: 'add',
          after: b[key],
        });
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const ka = keyedIndex(a);
    const kb = keyedIndex(b);
    if (ka && kb && (ka.size > 0 || kb.size > 0)) {
      for (const [id, i] of ka) {
        const j = kb.get(id);
        if (j === undefined)
          out.push({ path: `${pathA}/${i}`, ids: [...ids, `#${id}`], op: 'remove', before: a[i] });
        else diffInto(a[i], b[j], `${pathA}/${i}`, `${pathB}/${j}`, [...ids, `#${id}`], out);
      }
      for (const [id, j] of kb) {
        if (!ka.has(id)) out.push({ path: `${pathB}/${j}`, ids: [...ids, `#${id}`], op: 'add', after: b[j] });
      }
      return;
    }
    if (a.length === b.length) {
      for (let i = 0; i < a.length; i++)
        diffInto(a[i], b[i], `${pathA}/${i}`, `${pathB}/${i}`, [...ids, `[${i}]`], out);
      return;
    }
  }
  out.push({ path: pathB, ids, op: 'replace', before: a, after: b });
}

/** Changes from `before` to `after`, with identity paths. `ignore` lists top-level keys to skip. */
export function keyedDiff(before: unknown, after: unknown, ignore: readonly string[] = []): KeyedChange[] {
  const strip = (d: unknown): unknown => {
    if (!isObject(d) || ignore.length === 0) return d;
    const copy = { ...d };
    for (const k of ignore) delete copy[k];
    return copy;
  };
  const out: KeyedChange[] = [];
  diffInto(strip(before), strip(after), '', '', [], out);
  return out;
}

/** The API's view of keyed changes (without identity paths). */
export function publicChanges(changes: readonly KeyedChange[]): Change[] {
  return changes.map(({ path, op, before, after }) => ({
    path,
    op,
    ...(op !== 'add' ? { before } : {}),
    ...(op !== 'remove' ? { after } : {}),
  }));
}

const SEP = '\u0000';

export interface UpstreamChange extends KeyedChange {
  conflict: boolean;
}

/**
 * The three-way comparison: what the template changed since the version the ruleset forked
 * (`base` → `theirs`), what the municipality changed (`base` → `ours`), and which upstream
 * changes conflict — ours changed the same identity path, a parent or a child of it (unless
 * ours made exactly the same change). `basedOn` is metadata and never compared.
 */
export function threeWay(
  base: unknown,
  theirs: unknown,
  ours: unknown,
): { upstream: UpstreamChange[]; own: KeyedChange[] } {
  const upstream = keyedDiff(base, theirs, ['basedOn']);
  const own = keyedDiff(base, ours, ['basedOn']);
  const ownByPath = new Map(own.map((c) => [c.ids.join(SEP), c]));
  const ownPrefixes = new Set<string>();
  for (const c of own) for (let i = 1; i < c.ids.length; i++) ownPrefixes.add(c.ids.slice(0, i).join(SEP));
  return {
    own,
    upstream: upstream.map((u) => {
      const key = u.ids.join(SEP);
      const same = ownByPath.get(key);
      let conflict: boolean;
      if (same) conflict = !(same.op === u.op && isDeepStrictEqual(same.after, u.after));
      else {
        // ours changed something below this path, or a parent of it
        conflict = ownPrefixes.has(key);
        for (let i = 1; !conflict && i < u.ids.length; i++)
          conflict = ownByPath.has(u.ids.slice(0, i).join(SEP));
      }
      return { ...u, conflict };
    }),
  };
}

function step(container: unknown, token: string): unknown {
  if (token.startsWith('.')) return isObject(container) ? container[token.slice(1)] : undefined;
  if (!Array.isArray(container)) return undefined;
  if (token.startsWith('#')) return container.find((item) => identityOf(item) === token.slice(1));
  return container[Number(token.slice(1, -1))];
}

function resolve(doc: unknown, ids: readonly string[]): unknown {
  let cur = doc;
  for (const t of ids) {
    cur = step(cur, t);
    if (cur === undefined) return undefined;
  }
  return cur;
}

/**
 * Applies upstream changes to `ours` (mutated in place) by identity path; `theirs` places added
 * array items (after the nearest preceding item that ours also has). Returns the changes that
 * could not be applied because their parent no longer exists in ours.
 */
export function applyChanges(ours: unknown, theirs: unknown, changes: readonly KeyedChange[]): KeyedChange[] {
  const failed: KeyedChange[] = [];
  // Removals first, then replacements, then additions: an added item may need a removed one gone.
  const order: Record<ChangeOp, number> = { remove: 0, replace: 1, add: 2 };
  for (const c of [...changes].sort((x, y) => order[x.op] - order[y.op])) {
    const last = c.ids[c.ids.length - 1];
    if (last === undefined) {
      failed.push(c);
      continue;
    }
    const parent = resolve(ours, c.ids.slice(0, -1));
    const value = structuredClone(c.after);
    if (last.startsWith('.') && isObject(parent)) {
      const key = last.slice(1);
      if (c.op === 'remove') delete parent[key];
      else parent[key] = value;
    } else if (last.startsWith('[') && Array.isArray(parent) && c.op === 'replace') {
      parent[Number(last.slice(1, -1))] = value;
    } else if (last.startsWith('#') && Array.isArray(parent)) {
      const id = last.slice(1);
      const at = parent.findIndex((item) => identityOf(item) === id);
      if (c.op === 'remove') {
        if (at >= 0) parent.splice(at, 1);
      } else if (c.op === 'replace' || at >= 0) {
        if (at >= 0) parent[at] = value;
        else failed.push(c);
      } else {
        const theirList = resolve(theirs, c.ids.slice(0, -1));
        let insertAt = 0;
        if (Array.isArray(theirList)) {
          const j = theirList.findIndex((item) => identityOf(item) === id);
          for (let k = j - 1; k >= 0; k--) {
            const prev = identityOf(theirList[k]);
            const mine = parent.findIndex((item) => identityOf(item) === prev);
            if (mine >= 0) {
              insertAt = mine + 1;
              break;
            }
          }
        }
        parent.splice(insertAt, 0, value);
      }
    } else {
      failed.push(c);
    }
  }
  return failed;
}
