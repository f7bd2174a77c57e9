/**
 * Reading typed values out of XML elements while collecting every problem, so one refusal
 * lists all missing/unreadable elements at once instead of one per retry. Money is read
 * digit by digit via decimal.js (never parseFloat) and rounded half-up to the øre.
 */
import { Decimal } from 'decimal.js';
import { issue, type Issue } from '../domain/issues.js';
import { parseDecimalToOre, parseMoney, type Ore } from '../domain/money.js';
import { child, elementPath, pathOf, textOf, type XmlElement } from './xml-tree.js';

/** The largest amount the canonical money format can hold: 13 integer digits and 2 decimals. */
export const MAX_ORE = 999_999_999_999_999;
/** Longer numeric text is refused before any arithmetic (no 10 MB "numbers"). */
const MAX_NUMBER_TEXT = 40;
const PLAIN_DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
/** Already canonical: at most 13 integer digits without leading zeros, at most 6 decimals. */
const SHORT_DECIMAL = /^-?(0|[1-9][0-9]{0,12})(\.[0-9]{1,6})?$/;
const XS_DATE = /^(\d{4})-(\d{2})-(\d{2})(Z|[+-]\d{2}:\d{2})?$/;

const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });

/** A plain decimal normalised for the canonical model: ≤ 6 decimals, no trailing zeros ("25.0" → "25"). */
export function normalizeDecimal(text: string): string | null {
  if (SHORT_DECIMAL.test(text)) {
    // Fast path (the usual "1.00", "25"): already within the canonical format; drop trailing zeros.
    const s = text.includes('.') ? text.replace(/\.?0+$/, '') : text;
    return s === '-0' ? '0' : s;
  }
  if (text.length > MAX_NUMBER_TEXT || !PLAIN_DECIMAL.test(text)) return null;
  const d = new D(text).toDecimalPlaces(6, Decimal.ROUND_HALF_UP);
  if (d.abs().greaterThanOrEqualTo('1e13')) return null;
  let s = d.toFixed();
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True for a real (proleptic Gregorian) calendar date, as JSON Schema's "date" format checks it. */
function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!);
}

export function isMoneyInRange(ore: number): boolean {
  return Number.isSafeInteger(ore) && Math.abs(ore) <= MAX_ORE;
}

/** Collects problems while a document is read; {@link Reader.issues} decides the refusal. */
export class Reader {
  readonly issues: Issue[] = [];

  missing(parent: XmlElement, ...locals: string[]): void {
    const path = pathOf(parent, ...locals);
    this.issues.push(
      issue(
        path,
        'intake.missing',
        `${path} mangler og skal udfyldes.`,
        `${path} is missing and is required.`,
      ),
    );
  }

  invalid(el: XmlElement | string, da: string, en: string): void {
    this.issues.push(issue(typeof el === 'string' ? el : elementPath(el), 'intake.invalidValue', da, en));
  }

  /** Trimmed text, or undefined; longer than `maxLength` is a problem (identifiers are never cut). */
  text(el: XmlElement | undefined, maxLength: number): string | undefined {
    const t = textOf(el);
    if (t === undefined || el === undefined) return undefined;
    if (t.length > maxLength) {
      this.invalid(
        el,
        `Værdien er længere end ${maxLength} tegn.`,
        `The value is longer than ${maxLength} characters.`,
      );
      return undefined;
    }
    return t;
  }

  requiredText(parent: XmlElement, ns: string, local: string, maxLength: number): string | undefined {
    const el = child(parent, ns, local);
    if (textOf(el) === undefined) {
      this.missing(parent, local);
      return undefined;
    }
    return this.text(el, maxLength);
  }

  /** An amount in øre; a present but unreadable amount is a problem, an absent one is undefined. */
  money(el: XmlElement | undefined): Ore | undefined {
    const t = textOf(el);
    if (t === undefined || el === undefined) return undefined;
    // parseMoney reads canonical amounts ("1262.50") without decimal.js; anything else is
    // rounded half-up to the øre by parseDecimalToOre.
    const ore = t.length > MAX_NUMBER_TEXT ? null : (parseMoney(t) ?? parseDecimalToOre(t));
    if (ore === null || !isMoneyInRange(ore)) {
      const shown = t.length > 40 ? `${t.slice(0, 40)}…` : t;
      this.invalid(
        el,
        `"${shown}" er ikke et gyldigt beløb (et decimaltal med punktum, højst 13 cifre før punktum).`,
        `"${shown}" is not a valid amount (a decimal number with a point, at most 13 digits before it).`,
      );
      return undefined;
    }
    return ore;
  }

  /** A required amount; `missingParentPath` names the parent when the parent itself is missing. */
  requiredMoney(
    parent: XmlElement | undefined,
    ns: string,
    local: string,
    missingParentPath = '',
  ): Ore | undefined {
    const el = child(parent, ns, local);
    if (textOf(el) === undefined) {
      const path = parent === undefined ? `${missingParentPath}/${local}` : pathOf(parent, local);
      this.issues.push(
        issue(
          path,
          'intake.missing',
          `${path} mangler og skal udfyldes.`,
          `${path} is missing and is required.`,
        ),
      );
      return undefined;
    }
    return this.money(el);
  }

  decimal(el: XmlElement | undefined): string | undefined {
    const t = textOf(el);
    if (t === undefined || el === undefined) return undefined;
    const d = normalizeDecimal(t);
    if (d === null) {
      const shown = t.length > 40 ? `${t.slice(0, 40)}…` : t;
      this.invalid(
        el,
        `"${shown}" er ikke et gyldigt decimaltal.`,
        `"${shown}" is not a valid decimal number.`,
      );
      return undefined;
    }
    return d;
  }

  /** An xs:date as YYYY-MM-DD (a time zone suffix is dropped). */
  date(el: XmlElement | undefined): string | undefined {
    const t = textOf(el);
    if (t === undefined || el === undefined) return undefined;
    const m = XS_DATE.exec(t);
    if (m === null || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
      const shown = t.length > 40 ? `${t.slice(0, 40)}…` : t;
      this.invalid(
        el,
        `"${shown}" er ikke en gyldig dato (ÅÅÅÅ-MM-DD).`,
        `"${shown}" is not a valid date (YYYY-MM-DD).`,
      );
      return undefined;
    }
    return `${m[1]}-${m[2]}-${m[3]}`;
  }

  requiredDate(parent: XmlElement, ns: string, local: string): string | undefined {
    const el = child(parent, ns, local);
    if (textOf(el) === undefined) {
      this.missing(parent, local);
      return undefined;
    }
    return this.date(el);
  }

  /** Sums øre amounts; a total outside the canonical range is a problem at `at`. */
  sum(amounts: readonly Ore[], at: XmlElement | string): Ore | undefined {
    let total = 0;
    for (const a of amounts) total += a;
    if (!isMoneyInRange(total)) {
      this.invalid(
        at,
        'Summen af beløbene er uden for det tilladte interval.',
        'The sum of the amounts is out of range.',
      );
      return undefined;
    }
    return total;
  }
}
