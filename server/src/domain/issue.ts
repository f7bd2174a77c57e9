/**
 * One validation problem (see issues.ts): the field as a JSON pointer (RFC 6901), a code naming
 * the rule, and what is wrong in Danish and English. No dependencies, so the pure domain rules
 * that use it (split.ts, payment-groups.ts) can run in the console too.
 */
export type Severity = 'error' | 'warning';

export interface Issue {
  pointer: string;
  code: string;
  severity: Severity;
  message: string;
  messages: { da: string; en: string };
}

export function issue(
  pointer: string,
  code: string,
  da: string,
  en: string,
  severity: Severity = 'error',
): Issue {
  return { pointer, code, severity, message: en, messages: { da, en } };
}

/** Escapes one reference token of a JSON pointer. */
export function pointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointer(...tokens: (string | number)[]): string {
  return tokens.length === 0 ? '' : '/' + tokens.map(pointerToken).join('/');
}
