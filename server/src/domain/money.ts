/**
 * Money is never a JavaScript float. Inside the engine an amount is a whole number of øre held
 * in a safe integer (|amount| < 2^53 øre ≈ 90 billion DKK); on the wire it is a decimal string
 * ("1234.50"). Strings are parsed digit by digit — no parseFloat anywhere — and rounding
 * (when a source has more than two decimals) is half-up, away from zero, to the øre, exactly as
 * decimal.js's ROUND_HALF_UP.
 */
import { Decimal } from 'decimal.js';

/** A whole number of øre. */
export type Ore = number;

/** A canonical money string: optional minus, 1–13 integer digits, optionally 1–2 decimals. */
export const MONEY_PATTERN = '^-?(0|[1-9][0-9]{0,12})(\\.[0-9]{1,2})?$';

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

/**
 * Parses a canonical money string ("500", "500.5", "-12.05") into øre. Returns `null` for
 * anything else (numbers, "1e3", "1,50", more than two decimals, leading zeros, empty).
 * Hot path: no regular expression, no allocation.
 */
export function parseMoney(value: unknown): Ore | null {
  if (typeof value !== 'string') return null;
  const len = value.length;
  if (len === 0 || len > 17) return null;
  let i = 0;
  let negative = false;
  if (value.charCodeAt(0) === 45 /* - */) {
    negative = true;
    i = 1;
    if (len === 1) return null;
  }
  let whole = 0;
  let intDigits = 0;
  const intStart = i;
  for (; i < len; i++) {
    const c = value.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    whole = whole * 10 + c;
    intDigits++;
  }
  if (intDigits === 0 || intDigits > 13) return null;
  if (intDigits > 1 && value.charCodeAt(intStart) === 48) return null; // leading zero
  let frac = 0;
  if (i < len) {
    if (value.charCodeAt(i) !== 46 /* . */) return null;
    i++;
    const fracDigits = len - i;
    if (fracDigits < 1 || fracDigits > 2) return null;
    for (let k = 0; k < fracDigits; k++) {
      const c = value.charCodeAt(i + k) - 48;
      if (c < 0 || c > 9) return null;
      frac = frac * 10 + c;
    }
    if (fracDigits === 1) frac *= 10;
  }
  const ore = whole * 100 + frac;
  return negative ? (ore === 0 ? 0 : -ore) : ore;
}

/** Like {@link parseMoney} but throws a clear error; for values already validated by a schema. */
export function money(value: string): Ore {
  const ore = parseMoney(value);
  if (ore === null) throw new TypeError(`Not a money amount: ${JSON.stringify(value)}`);
  return ore;
}

/** Formats øre as a canonical money string with exactly two decimals ("1234.50", "-0.05"). */
export function formatMoney(ore: Ore): string {
  if (!Number.isSafeInteger(ore)) throw new RangeError(`Amount out of range: ${ore}`);
  const negative = ore < 0;
  const abs = negative ? -ore : ore;
  const whole = Math.trunc(abs / 100);
  const frac = abs - whole * 100;
  return `${negative ? '-' : ''}${whole}.${frac < 10 ? '0' : ''}${frac}`;
}

/**
 * Parses any plain decimal string (as found in XML: "1234.5678", "-0.125", "+3") and rounds it
 * half-up to the øre. Returns null when the text is not a plain decimal or is out of range.
 */
export function parseDecimalToOre(text: string): Ore | null {
  const t = text.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return null;
  const ore = new D(t).times(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  if (ore.abs().greaterThan(Number.MAX_SAFE_INTEGER)) return null;
  const n = ore.toNumber();
  return n === 0 ? 0 : n; // never -0
}

/** amount × percent / 100, rounded half-up to the øre (VAT of a net amount). */
export function percentOf(ore: Ore, percent: string): Ore {
  const r = new D(ore).times(new D(percent)).dividedBy(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  const n = r.toNumber();
  return n === 0 ? 0 : n;
}

/** Formats øre for people: Danish "1.234,50 kr." or English "DKK 1,234.50". */
export function formatMoneyHuman(ore: Ore, lang: 'da' | 'en'): string {
  if (!Number.isSafeInteger(ore)) throw new RangeError(`Amount out of range: ${ore}`);
  const negative = ore < 0;
  const abs = negative ? -ore : ore;
  let whole = Math.trunc(abs / 100);
  const f = abs - whole * 100;
  const frac = f < 10 ? `0${f}` : `${f}`;
  const sep = lang === 'da' ? '.' : ',';
  let grouped = '';
  while (whole >= 1000) {
    const g = whole % 1000;
    grouped = `${sep}${g < 10 ? '00' : g < 100 ? '0' : ''}${g}${grouped}`;
    whole = Math.trunc(whole / 1000);
  }
  grouped = `${whole}${grouped}`;
  const sign = negative ? '-' : '';
  return lang === 'da' ? `${sign}${grouped},${frac} kr.` : `${sign}DKK ${grouped}.${frac}`;
}

/**
 * Splits `total` øre over `weights` (øre amounts) proportionally, exactly: the parts always add
 * up to `total` (largest-remainder method, ties to the earliest part).
 */
export function allocate(total: Ore, weights: readonly Ore[]): Ore[] {
  const sumW = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0) return [];
  if (sumW === 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const bigTotal = BigInt(total);
  const bigSum = BigInt(sumW);
  const parts: bigint[] = [];
  const remainders: { i: number; r: bigint }[] = [];
  let assigned = 0n;
  weights.forEach((w, i) => {
    const num = bigTotal * BigInt(w);
    const q = num / bigSum; // truncates toward zero
    parts.push(q);
    assigned += q;
    remainders.push({
      i,
      r: num - q * bigSum < 0n ? -(num - q * bigSum) : num - q * bigSum,
    });
  });
  let left = bigTotal - assigned;
  const step = left < 0n ? -1n : 1n;
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (let k = 0; left !== 0n; k = (k + 1) % remainders.length) {
    const idx = remainders[k]!.i;
    parts[idx] = parts[idx]! + step;
    left -= step;
  }
  return parts.map((p) => Number(p));
}
