/**
 * Checks a ruleset's `cprPattern` before it is ever run on a document. JavaScript regular
 * expressions backtrack and cannot be interrupted, so a careless pattern such as `(\d+)+x` —
 * or merely `\s*\s*\d` (cubic: 27 s on 4,000 spaces, measured) — could hang a server thread on
 * a crafted note. A CPR number has a fixed shape, so a useful pattern never needs what is
 * refused here, and what is left can only try a bounded number of ways per start position:
 *
 * - longer than 200 characters, or not a valid JavaScript regular expression;
 * - unbounded quantifiers `*`, `+`, `{n,}` — write a bound instead, e.g. `\s{0,3}`;
 * - nested quantifiers: a group repeated more than once whose content varies in length
 *   (`(\d+)+`, `(a|ab){2}`, `(\s?\d){1,9}`); a group of fixed shape may repeat (`(\d{2}){3}`);
 * - backreferences (`\1`, `\k<name>`);
 * - variable repetitions and alternatives whose counts multiply to more than 64
 *   (`\s{0,9}\s{0,9}` is 100 ways to split the same spaces).
 * Together with the cap on the text scanned per element (extract.ts) the work per document is
 * linear in its size with a small constant.
 */

export const MAX_PATTERN_LENGTH = 200;
/** Upper bound on the ways a pattern may try per start position (Π of ranges and alternatives). */
export const MAX_PATTERN_BRANCHING = 64;

export interface PatternProblem {
  da: string;
  en: string;
}

interface GroupState {
  /** Contains a variable-length quantifier or an alternation: its length can vary. */
  varies: boolean;
  /** Number of alternatives (`|` count + 1). */
  branches: number;
}

interface Quantifier {
  min: number;
  max: number; // Infinity when unbounded
  length: number; // characters consumed, including a lazy '?'
}

function readQuantifier(src: string, i: number): Quantifier | null {
  const c = src[i];
  let q: Quantifier | null = null;
  if (c === '*') q = { min: 0, max: Infinity, length: 1 };
  else if (c === '+') q = { min: 1, max: Infinity, length: 1 };
  else if (c === '?') q = { min: 0, max: 1, length: 1 };
  else if (c === '{') {
    const m = /^\{(\d{1,6})(,(\d{0,6}))?\}/.exec(src.slice(i, i + 16));
    if (m) {
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      q = { min, max, length: m[0].length };
    }
  }
  if (q !== null && src[i + q.length] === '?') q.length++;
  return q;
}

/** The problems with `source` as a CPR search pattern; empty when it is acceptable. */
export function checkCprPattern(source: string): PatternProblem[] {
  if (source.length > MAX_PATTERN_LENGTH) {
    return [
      {
        da: `Mønsteret er ${source.length} tegn; højst ${MAX_PATTERN_LENGTH} er tilladt.`,
        en: `The pattern is ${source.length} characters; at most ${MAX_PATTERN_LENGTH} are allowed.`,
      },
    ];
  }
  try {
    new RegExp(source, 'g');
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return [
      {
        da: `Mønsteret er ikke et gyldigt regulært udtryk (${detail}).`,
        en: `The pattern is not a valid regular expression (${detail}).`,
      },
    ];
  }

  const stack: GroupState[] = [{ varies: false, branches: 1 }];
  let unbounded = false;
  let nested = false;
  let backreference = false;
  let branching = 1;
  let i = 0;
  const top = (): GroupState => stack[stack.length - 1]!;

  /** Applies the quantifier (if any) at `i` to the atom just read; `group` when that atom is a group. */
  const quantify = (group: GroupState | null): void => {
    const q = readQuantifier(source, i);
    if (q === null) return;
    i += q.length;
    if (group !== null && group.varies && q.max > 1) nested = true;
    if (q.max === Infinity) unbounded = true;
    else if (q.max !== q.min) branching *= q.max - q.min + 1;
    if (q.max !== q.min) top().varies = true;
  };

  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && source[i + 2] === '<')) backreference = true;
      i += 2;
      quantify(null);
    } else if (c === '[') {
      i++;
      if (source[i] === '^') i++;
      if (source[i] === ']') i++; // a literal ']' first in a class
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      i++;
      quantify(null);
    } else if (c === '(') {
      i++;
      if (source[i] === '?') {
        i++;
        if (source[i] === '<' && source[i + 1] !== '=' && source[i + 1] !== '!') {
          const end = source.indexOf('>', i);
          i = end < 0 ? source.length : end + 1; // a named group (?<name>
        } else {
          i += source[i] === '<' ? 2 : 1; // (?: (?= (?! (?<= (?<!
        }
      }
      stack.push({ varies: false, branches: 1 });
    } else if (c === ')') {
      i++;
      const group = stack.length > 1 ? stack.pop()! : { varies: false, branches: 1 };
      branching *= group.branches;
      if (group.varies) top().varies = true; // what a group contains, its enclosing group contains
      quantify(group);
    } else if (c === '|') {
      i++;
      top().branches++;
      top().varies = true;
    } else {
      i++;
      quantify(null);
    }
  }
  branching *= stack[0]!.branches;

  const problems: PatternProblem[] = [];
  if (unbounded) {
    problems.push({
      da: 'Mønsteret må ikke have ubegrænsede kvantorer (*, + eller {n,}); angiv en grænse, fx \\s{0,3}.',
      en: 'The pattern must not have unbounded quantifiers (*, + or {n,}); give a bound, e.g. \\s{0,3}.',
    });
  }
  if (nested) {
    problems.push({
      da: 'Mønsteret har indlejrede kvantorer (fx (\\d?)+ eller (a|b){2}), som kan få søgningen til at hænge.',
      en: 'The pattern has nested quantifiers (e.g. (\\d?)+ or (a|b){2}), which can make the search hang.',
    });
  }
  if (backreference) {
    problems.push({
      da: 'Mønsteret må ikke bruge tilbagereferencer (\\1, \\k<navn>).',
      en: 'The pattern must not use backreferences (\\1, \\k<name>).',
    });
  }
  if (!nested && !unbounded && branching > MAX_PATTERN_BRANCHING) {
    problems.push({
      da: `Mønsterets valgfrie dele kan kombineres på ${branching} måder; højst ${MAX_PATTERN_BRANCHING} er tilladt — brug færre eller smallere intervaller.`,
      en: `The pattern's optional parts combine in ${branching} ways; at most ${MAX_PATTERN_BRANCHING} are allowed — use fewer or narrower ranges.`,
    });
  }
  return problems;
}
