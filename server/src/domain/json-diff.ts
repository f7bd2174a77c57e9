/**
 * Structural differences between two JSON documents (ruleset versions), per JSON path, built on
 * jsondiffpatch. Array items are matched by their identity — `code` (service numbers, reasons,
 * case types), `name` (rules), `supplier`+`from` (opt-outs) — so changing one service number's
 * limit reads as that item changing, not as every later item shifting.
 */
import { create, type Delta } from 'jsondiffpatch';
import { pointerToken } from './issues.js';

export type DiffOp = 'add' | 'remove' | 'replace' | 'move';

export interface Difference {
  /** JSON pointer in the newer document (in the older one for `remove`). */
  path: string;
  op: DiffOp;
  before?: unknown;
  after?: unknown;
  /** For `move`: where the item was in the older document. */
  from?: string;
}

function identity(item: object, index?: number): string {
  const o = item as Record<string, unknown>;
  if (typeof o.code === 'string') return `code:${o.code}`;
  if (typeof o.name === 'string' && ('conditions' in o || 'event' in o)) return `rule:${o.name}`;
  if (typeof o.supplier === 'string') return `supplier:${o.supplier}|${String(o.from)}`;
  return `$$index:${index ?? 0}`;
}

const differ = create({
  objectHash: identity,
  arrays: { detectMove: true, includeValueOnMove: false },
});

type ArrayDelta = Record<string, unknown> & { _t: 'a' };

function isArrayDelta(d: unknown): d is ArrayDelta {
  return d !== null && typeof d === 'object' && !Array.isArray(d) && (d as { _t?: unknown })._t === 'a';
}

function walk(delta: Delta, path: string, out: Difference[]): void {
  if (Array.isArray(delta)) {
    if (delta.length === 1) out.push({ path, op: 'add', after: delta[0] });
    else if (delta.length === 2) out.push({ path, op: 'replace', before: delta[0], after: delta[1] });
    else if (delta.length === 3 && delta[2] === 0) out.push({ path, op: 'remove', before: delta[0] });
    return;
  }
  if (delta === undefined || delta === null || typeof delta !== 'object') return;
  if (isArrayDelta(delta)) {
    for (const [key, sub] of Object.entries(delta)) {
      if (key === '_t') continue;
      if (key.startsWith('_')) {
        const oldIndex = key.slice(1);
        const d = sub as unknown[];
        if (d.length === 3 && d[2] === 3) {
          out.push({ path: `${path}/${String(d[1])}`, op: 'move', from: `${path}/${oldIndex}` });
        } else if (d.length === 3 && d[2] === 0) {
          out.push({ path: `${path}/${oldIndex}`, op: 'remove', before: d[0] });
        }
      } else {
        walk(sub as Delta, `${path}/${key}`, out);
      }
    }
    return;
  }
  for (const [key, sub] of Object.entries(delta as Record<string, Delta>))
    walk(sub, `${path}/${pointerToken(key)}`, out);
}

/** The differences from `before` to `after`, in document order; [] when they are equal. */
export function structuralDiff(before: unknown, after: unknown): Difference[] {
  const delta = differ.diff(before, after);
  if (delta === undefined) return [];
  const out: Difference[] = [];
  walk(delta, '', out);
  return out;
}
