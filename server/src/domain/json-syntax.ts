/**
 * Where a text stops being JSON — line and column, from 1 — so that both the API's refusal and the
 * console's Simulér can say "linje 3, kolonne 15" (JSON.parse's own messages differ by engine and
 * do not always say where). jsonc-parser scans the text strictly: no comments, no trailing commas.
 */
import { parse, type ParseError } from 'jsonc-parser';

export interface JsonFault {
  line: number;
  column: number;
}

/** The first syntax fault in `text`, or null when the scanner finds none. */
export function jsonSyntaxFault(text: string): JsonFault | null {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return null;
  const before = text.slice(0, first.offset);
  return { line: before.split('\n').length, column: first.offset - before.lastIndexOf('\n') };
}
