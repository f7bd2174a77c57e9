/**
 * CPR numbers (Danish personal identification numbers): ten digits, DDMMYY-SSSS. Validity is
 * the date only — no modulus-11 check, since numbers issued since 2007 may fail it. A CPR
 * number is sensitive personal data: it never goes into logs, lists show it masked, and
 * documents are matched across the ledger by a keyed hash, never by the number itself.
 */
import { createHmac } from 'node:crypto';

const CPR_DIGITS = /^\d{10}$/;

/** Normalises "010150-1234" / "0101501234" / "010150 1234" to ten digits, or null. */
export function normalizeCpr(text: string): string | null {
  const digits = text.replace(/[\s-]/g, '');
  return CPR_DIGITS.test(digits) ? digits : null;
}

/** The century of a CPR number from its 7th digit and year, per the CPR office's table. */
export function cprBirthYear(cpr: string): number {
  const yy = Number(cpr.slice(4, 6));
  const d7 = Number(cpr[6]);
  if (d7 <= 3) return 1900 + yy;
  if (d7 === 4 || d7 === 9) return (yy <= 36 ? 2000 : 1900) + yy;
  return (yy <= 57 ? 2000 : 1800) + yy; // 5–8
}

/** True when `cpr` is ten digits whose first six are a real date DDMMYY (no modulus 11). */
export function isValidCpr(cpr: string): boolean {
  if (cpr.length !== 10) return false;
  for (let i = 0; i < 10; i++) {
    const c = cpr.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const day = (cpr.charCodeAt(0) - 48) * 10 + cpr.charCodeAt(1) - 48;
  const month = (cpr.charCodeAt(2) - 48) * 10 + cpr.charCodeAt(3) - 48;
  if (month < 1 || month > 12 || day < 1) return false;
  if (day <= 28) return true;
  const year = cprBirthYear(cpr);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days =
    month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days;
}

/** "0101501234" → "010150-****": what lists and logs may show. */
export function maskCpr(cpr: string): string {
  const digits = cpr.replace(/[\s-]/g, '');
  return `${digits.slice(0, 6)}-****`;
}

/** Keyed hash used to match documents for the same person without storing the number. */
export function cprHash(cpr: string, key: string): string {
  return createHmac('sha256', key).update(cpr).digest('hex');
}

/**
 * Finds CPR-shaped numbers in free text: six digits, an optional dash or space, four digits,
 * not part of a longer number. Only numbers whose first six digits are a real date count, so a
 * phone or order number in a note is not mistaken for a person.
 */
export function findCprInText(text: string, pattern: RegExp = DEFAULT_CPR_TEXT_PATTERN): string[] {
  const found: string[] = [];
  const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g');
  for (const m of text.matchAll(re)) {
    const cpr = normalizeCpr(m[0]);
    if (cpr && isValidCpr(cpr) && !found.includes(cpr)) found.push(cpr);
  }
  return found;
}

export const DEFAULT_CPR_TEXT_PATTERN = /(?<![\d-])\d{6}[- ]?\d{4}(?![\d-])/g;

/** Replaces every CPR-shaped number in a string with its masked form (for log redaction). */
export function redactCprInText(text: string): string {
  return text.replace(/(?<!\d)(\d{6})[- ]?\d{4}(?!\d)/g, '$1-****');
}
