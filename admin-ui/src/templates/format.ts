/** Showing the values of a ruleset change: amounts as money, booleans in words, items by their code. */
import { formatDkk } from '../layout/money';

const MONEY = /^-?\d+\.\d{2}$/;

export interface ValueWords {
  none: string;
  yes: string;
  no: string;
}

/** A one-line rendering of a JSON value (an item by its code/name; the full JSON is shown on hover). */
export function formatValue(value: unknown, locale: string, words: ValueWords): string {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0))
    return words.none;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value === 'string') return MONEY.test(value) ? formatDkk(value, locale) : value;
  if (typeof value === 'number') return value.toLocaleString(locale === 'da' ? 'da-DK' : 'en-GB');
  if (Array.isArray(value)) return value.map((v) => formatValue(v, locale, words)).join(', ');
  const item = value as Record<string, unknown>;
  const key = item.code ?? item.name ?? item.supplier;
  if (typeof key === 'string') {
    const label = item.description ?? item.name;
    return typeof label === 'string' && label !== key ? `${key} (${label})` : key;
  }
  return JSON.stringify(value);
}

/** True when the change at `a` and the one at `b` touch the same item (equal, parent or child path). */
export function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}

/** The ruleset format's order of the top-level keys (the database keeps JSON objects' keys in its own order). */
const TOP_LEVEL = [
  'schemaVersion',
  'name',
  'description',
  'settings',
  'caseTypes',
  'serviceNumbers',
  'supplierOptOuts',
  'rejectionReasons',
  'manualReasons',
  'creditNotes',
  'reminders',
  'governance',
  'conditions',
  'rules',
  'basedOn',
];

/** A ruleset document as readable JSON text: its sections in the format's order. */
export function documentText(doc: Record<string, unknown>): string {
  const out: Record<string, unknown> = {};
  for (const k of TOP_LEVEL) if (k in doc) out[k] = doc[k];
  for (const [k, v] of Object.entries(doc)) if (!(k in out)) out[k] = v;
  return JSON.stringify(out, null, 2);
}
