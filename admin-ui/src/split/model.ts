/**
 * The *Del faktura* form's arithmetic (PRODUCT.md §7, the Swedish guide "Dela faktura"). The rules
 * of a distribution are the server's own (`server/src/domain/split.ts`, pure and free of server
 * dependencies), imported here: the VAT a row gets from its net (the document's rate, half-up to
 * the øre, rounding øre placed as the server places them) and what remains per column are
 * therefore exactly what *Gem* will be judged by. Money is a decimal string or whole øre, never a
 * float; what the caseworker types ("598,00", "1.196,00", "598.5") is read digit by digit.
 */
import {
  distributeSplit,
  evenSplit,
  MAX_SPLIT_PARTS,
  MIN_SPLIT_PARTS,
  type SplitPartInput,
  type SplitTotals,
} from '../../../server/src/domain/split.js';

export { MAX_SPLIT_PARTS, MIN_SPLIT_PARTS };
export type { SplitTotals };

/** One row of the form: a part as the caseworker sees and edits it. */
export interface SplitRow {
  /** Stable key for React (rows are removed by check boxes). */
  key: number;
  /** As typed (or as proposed, in the console's format). */
  net: string;
  /** As typed; null while the VAT follows the net (computed). */
  vat: string | null;
  /** YYYY-MM-DD or ''. */
  dueDate: string;
}

/** A stored split part, as GET …/documents/:id returns it. */
export interface StoredPart {
  net: string;
  vat: string;
  vatComputed: boolean;
  dueDate: string | null;
}

export interface StoredSplit {
  status: 'pending' | 'completed';
  message: string;
  parts: StoredPart[];
  totals: SplitTotals;
  savedAt: string;
  savedBy: string;
  completedAt?: string;
  completedBy?: string;
  partDocuments?: string[];
}

/**
 * What a caseworker typed as an amount → the API's decimal string ("1196.00"), or null when it is
 * not an amount. A decimal comma or point followed by at most two decimals is the decimal mark,
 * and the other mark before it groups thousands ("1.196,50", "1,196.50", "598,5"); a mark followed
 * by three digits only groups ("1.196" is 1196). Spaces are ignored.
 */
export function parseAmountInput(text: string): string | null {
  const m = /^(-?)(\d[\d.,]*)$/.exec(text.replace(/[\s\u00a0]/g, ''));
  if (!m) return null;
  const negative = m[1] === '-';
  const body = m[2]!;
  const GROUPED = /^\d{1,3}([.,]\d{3})+$/;
  let whole: string;
  let frac = '';
  const last = Math.max(body.lastIndexOf(','), body.lastIndexOf('.'));
  if (last < 0) whole = body;
  else {
    const mark = body[last]!;
    const after = body.slice(last + 1);
    const before = body.slice(0, last);
    const single = !before.includes(mark);
    if (single && after.length <= 2) {
      // the decimal mark; what precedes may group thousands with the other mark
      if (/[.,]/.test(before) && !GROUPED.test(before)) return null;
      whole = before.replace(/[.,]/g, '');
      frac = after;
    } else {
      // grouping only ("1.196", "1,196,000", "1.196.000")
      if (!GROUPED.test(body) || !body.split(/\d+/).every((c) => c === '' || c === mark)) return null;
      whole = body.replace(/[.,]/g, '');
    }
  }
  const digits = whole.replace(/^0+(?=\d)/, '');
  if (digits.length > 13) return null;
  const cents = frac.padEnd(2, '0');
  const sign = negative && /[1-9]/.test(digits + cents) ? '-' : '';
  return `${sign}${digits}.${cents}`;
}

/** The API's decimal string as it is typed in the form: "1196.00" → "1196,00" (Danish) or "1196.00". */
export function formatAmountInput(amount: string, locale: string): string {
  return locale === 'da' ? amount.replace('.', ',') : amount;
}

/** The request body's parts: amounts read from the rows (an unreadable one is sent as typed, so the server names it). */
export function partsOf(rows: readonly SplitRow[]): SplitPartInput[] {
  return rows.map((r) => {
    const net = parseAmountInput(r.net) ?? r.net;
    const part: SplitPartInput = { net };
    if (r.vat !== null) part.vat = parseAmountInput(r.vat) ?? r.vat;
    if (r.dueDate) part.dueDate = r.dueDate;
    return part;
  });
}

export interface SplitPreview {
  /** Each row's VAT as it will be saved: typed, or computed from its net. */
  vats: string[];
  /** What is left per column (negative: too much), decimal strings. */
  remaining: { net: string; vat: string };
  /** True when both columns are fully distributed. */
  distributed: boolean;
}

/** What the server would make of the rows right now: the computed VAT per row and what remains. */
export function previewSplit(totals: SplitTotals, rows: readonly SplitRow[]): SplitPreview {
  const d = distributeSplit(totals, { parts: partsOf(rows), message: 'x' });
  return {
    vats: d.parts.map((p) => p.vat),
    remaining: d.remaining,
    distributed: d.remaining.net === '0.00' && d.remaining.vat === '0.00',
  };
}

/**
 * The guide's first step: the number of invoices → one row per part, the net and VAT distributed
 * in equal shares (the øre left over on the first rows), the VAT following the net.
 */
export function initialRows(totals: SplitTotals, n: number, locale: string, firstKey = 0): SplitRow[] {
  return evenSplit(totals, n).map((p, i) => ({
    key: firstKey + i,
    net: formatAmountInput(p.net, locale),
    vat: null,
    dueDate: '',
  }));
}

/** The rows of a saved split, to go on editing it. */
export function rowsOfStored(parts: readonly StoredPart[], locale: string): SplitRow[] {
  return parts.map((p, i) => ({
    key: i,
    net: formatAmountInput(p.net, locale),
    vat: p.vatComputed ? null : formatAmountInput(p.vat, locale),
    dueDate: p.dueDate ?? '',
  }));
}

/** A number of parts as typed: an integer in [MIN_SPLIT_PARTS, MAX_SPLIT_PARTS], else null. */
export function partCount(text: string): number | null {
  if (!/^\s*\d{1,3}\s*$/.test(text)) return null;
  const n = Number(text.trim());
  return n >= MIN_SPLIT_PARTS && n <= MAX_SPLIT_PARTS ? n : null;
}
