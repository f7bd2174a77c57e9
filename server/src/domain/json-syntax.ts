/**
 * Where a text stops being JSON — line and column, from 1 — so that both the API's refusal and the
 * console's Simulér can say "linje 3, kolonne 15" (JSON.parse's own messages differ by engine and
 * do not always say where). jsonc-parser's scanner, strict: no comments, no trailing commas. Its
 * visitor builds no values, so locating the fault in a 4 MB body costs about twice JSON.parse.
 */
import { visit } from 'jsonc-parser';

export interface JsonFault {
  line: number;
  column: number;
}

/** The first syntax fault in `text`, or null when the scanner finds none. */
export function jsonSyntaxFault(text: string): JsonFault | null {
  if (text.trim() === '') return { line: 1, column: 1 };
  let first: JsonFault | null = null;
  visit(
    text,
    {
      onError: (_code, _offset, _length, startLine, startCharacter) => {
        first ??= { line: startLine + 1, column: startCharacter + 1 };
      },
    },
    { disallowComments: true, allowTrailingComma: false },
  );
  return first;
}
