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

import { parseAmountInput } from '../layout/amount-input';

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
