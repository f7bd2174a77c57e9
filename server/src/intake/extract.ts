/**
 * CPR numbers and service numbers, found where the ruleset's intake settings say.
 *
 * CPR rule (PRODUCT.md §1, "a samleregning is caught"):
 * - In an identifier field — an element named `ID`, or any element with `schemeID="DK:CPR"` —
 *   a value that is exactly ten digits (optionally `DDMMYY-SSSS` or `DDMMYY SSSS`) is a CPR
 *   candidate even when its first six digits are not a real date: the supplier meant it as a
 *   CPR number, and the ruleset can then reject it (`UGYLDIGT_CPR`) rather than see none.
 * - In free text (`Note`, `Name`, `Description`, `AccountingCost`, …), and in identifier fields
 *   holding more than the bare number, only matches of `cprPattern` whose date is valid count,
 *   so an order or phone number is not mistaken for a person. When the pattern has a capture
 *   group, group 1 is the number (e.g. `CPR:\s?(\d{6}-?\d{4})`).
 * Every distinct number found anywhere goes to `cprNumbers`.
 */
import { isValidCpr, normalizeCpr } from '../domain/cpr.js';
import type { CompiledIntake } from './intake-settings.js';
import { selectElements } from './paths.js';
import type { XmlElement } from './xml-tree.js';

/** Text scanned per element; bounds the work a user pattern can do on crafted input. */
export const MAX_SCAN_CHARS = 10_000;
const MAX_MATCHES_PER_TEXT = 200;
/** The canonical model holds at most this many (far more than any samleregning needs). */
const MAX_CPR_NUMBERS = 1000;
const BARE_CPR = /^\d{6}[- ]?\d{4}$/;
/** The canonical model's limit on a service number. */
const MAX_SERVICE_NUMBER = 100;

function isIdentifierField(el: XmlElement): boolean {
  return el.local === 'ID' || el.attrs.get('schemeID')?.trim().toUpperCase() === 'DK:CPR';
}

function scanText(text: string, pattern: RegExp, found: Set<string>): void {
  pattern.lastIndex = 0;
  try {
    for (let n = 0; n < MAX_MATCHES_PER_TEXT; n++) {
      const m = pattern.exec(text);
      if (m === null) break;
      if (m[0] === '') {
        pattern.lastIndex++;
        continue;
      }
      const candidate = normalizeCpr(m[1] ?? m[0]);
      if (candidate !== null && isValidCpr(candidate)) found.add(candidate);
    }
  } finally {
    pattern.lastIndex = 0;
  }
}

function collect(el: XmlElement, pattern: RegExp, found: Set<string>): void {
  const text = el.text.trim();
  if (text === '') return;
  if (isIdentifierField(el) && BARE_CPR.test(text)) {
    found.add(text.replace(/[- ]/g, ''));
    return;
  }
  scanText(text.length > MAX_SCAN_CHARS ? text.slice(0, MAX_SCAN_CHARS) : text, pattern, found);
}

/** The distinct CPR numbers on a document, in the order the intake paths find them. */
export function extractCprNumbers(root: XmlElement, intake: CompiledIntake): string[] {
  const found = new Set<string>();
  for (const path of intake.cpr) {
    for (const el of selectElements(root, path)) {
      collect(el, intake.cprPattern, found);
      if (found.size >= MAX_CPR_NUMBERS) return [...found].slice(0, MAX_CPR_NUMBERS);
    }
  }
  return [...found];
}

/** A line's service number: the first non-empty value along the intake's service-number paths. */
export function extractServiceNumber(line: XmlElement, intake: CompiledIntake): string | null {
  for (const path of intake.serviceNumber) {
    for (const el of selectElements(line, path)) {
      const value = el.text.trim();
      if (value !== '' && value.length <= MAX_SERVICE_NUMBER) return value;
    }
  }
  return null;
}
