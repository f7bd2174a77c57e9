/**
 * The element-path grammar of a ruleset's `intake` settings: where on a document to look for
 * CPR numbers and, on each line, for the service number. Deliberately tiny (a subset of XPath
 * with no functions and no `//`), so a system administrator can read it and it can never be
 * slow: evaluating a path is one walk over the elements it names.
 *
 *   path       = ["/"] step *("/" step)          — element steps from the context element
 *              | "@" attr "=" value              — attribute form, see below
 *   step       = ("*" | [prefix ":"] name) *predicate
 *   predicate  = "[" name "='" text "']"         — a child element whose trimmed text is `text`
 *              | "[@" attr "='" text "']"         — an attribute whose trimmed value is `text`
 *
 * - The context is the document's root element (its name is not written: `OrderReference/ID`,
 *   `AccountingCustomerParty/Party/Contact/ID`, `Note`) — or, for service numbers, each line
 *   (`Item/SellersItemIdentification/ID`).
 * - `Line` as the first step of a document path means every `InvoiceLine`, `CreditNoteLine` and
 *   `ReminderLine`: `Line/Item/Name` reads each line's item name, whatever the document type.
 * - `@schemeID=DK:CPR` (quotes optional) selects every element, at any depth below the
 *   context, that has that attribute value.
 * - Names are local names, matched case-sensitively; a `cac:`/`cbc:`/`ext:` prefix additionally
 *   requires that UBL namespace (resolved by URI, whatever prefix the document itself uses).
 *   `*` matches any one element.
 * - Values in predicates and in the attribute form are compared trimmed and case-insensitively
 *   (`[Name='Ydelsesnummer']` also matches "YDELSESNUMMER "), because senders are inconsistent.
 */
import { CAC, LINE_ELEMENTS, PATH_PREFIXES } from './ubl-ns.js';
import type { XmlElement } from './xml-tree.js';

interface NameTest {
  /** null: `*`, any element. */
  local: string | null;
  /** null: any namespace. */
  ns: string | null;
}

type Predicate =
  { kind: 'child'; name: NameTest; value: string } | { kind: 'attribute'; attr: string; value: string };

interface Step {
  name: NameTest;
  predicates: Predicate[];
}

export type ElementPath =
  | { kind: 'steps'; source: string; lines: boolean; steps: Step[] }
  | { kind: 'attribute'; source: string; attr: string; value: string };

export type PathParseResult = { ok: true; path: ElementPath } | { ok: false; da: string; en: string };

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_.-]/;

class PathSyntaxError extends Error {
  constructor(
    readonly da: string,
    readonly en: string,
  ) {
    super(en);
  }
}

/** A cursor over the path text; every method consumes or fails with a bilingual message. */
class Cursor {
  pos = 0;
  constructor(readonly text: string) {}

  get done(): boolean {
    return this.pos >= this.text.length;
  }
  peek(): string {
    return this.text[this.pos] ?? '';
  }
  eat(ch: string): boolean {
    if (this.peek() !== ch) return false;
    this.pos++;
    return true;
  }
  expect(ch: string): void {
    if (!this.eat(ch)) {
      const found = this.done ? 'slutningen' : `"${this.peek()}"`;
      const foundEn = this.done ? 'the end' : `"${this.peek()}"`;
      throw new PathSyntaxError(
        `Forventede "${ch}" ved position ${this.pos + 1}, fandt ${found}.`,
        `Expected "${ch}" at position ${this.pos + 1}, found ${foundEn}.`,
      );
    }
  }
  ncName(): string {
    const start = this.pos;
    if (!NAME_START.test(this.peek())) {
      throw new PathSyntaxError(
        `Forventede et elementnavn ved position ${this.pos + 1}.`,
        `Expected an element name at position ${this.pos + 1}.`,
      );
    }
    this.pos++;
    while (!this.done && NAME_CHAR.test(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }
  /** A name with an optional UBL prefix, as a {@link NameTest}. */
  nameTest(): NameTest {
    if (this.eat('*')) return { local: null, ns: null };
    const first = this.ncName();
    if (!this.eat(':')) return { local: first, ns: null };
    const ns = PATH_PREFIXES.get(first);
    if (ns === undefined) {
      throw new PathSyntaxError(
        `Ukendt præfiks "${first}:"; brug cac:, cbc:, ext: eller intet præfiks.`,
        `Unknown prefix "${first}:"; use cac:, cbc:, ext: or no prefix.`,
      );
    }
    return { local: this.ncName(), ns };
  }
  quoted(): string {
    this.expect("'");
    const end = this.text.indexOf("'", this.pos);
    if (end < 0)
      throw new PathSyntaxError("Et citationstegn (') er ikke lukket.", "A quote (') is not closed.");
    const value = this.text.slice(this.pos, end).trim();
    this.pos = end + 1;
    if (value === '')
      throw new PathSyntaxError('En værdi i [ ] må ikke være tom.', 'A value in [ ] must not be empty.');
    return value.toLowerCase();
  }
}

function parsePredicate(c: Cursor): Predicate {
  c.expect('[');
  let predicate: Predicate;
  if (c.eat('@')) {
    const attr = c.ncName();
    c.expect('=');
    predicate = { kind: 'attribute', attr, value: c.quoted() };
  } else {
    const name = c.nameTest();
    c.expect('=');
    predicate = { kind: 'child', name, value: c.quoted() };
  }
  c.expect(']');
  return predicate;
}

function parseAttributeForm(source: string): ElementPath {
  const c = new Cursor(source);
  c.expect('@');
  const attr = c.ncName();
  c.expect('=');
  let value = source.slice(c.pos).trim();
  if (value.startsWith("'") && value.endsWith("'") && value.length >= 2) value = value.slice(1, -1).trim();
  if (value === '' || value.includes("'")) {
    throw new PathSyntaxError(
      'Attributformen skal se sådan ud: @schemeID=DK:CPR.',
      'The attribute form must look like this: @schemeID=DK:CPR.',
    );
  }
  return { kind: 'attribute', source, attr, value: value.toLowerCase() };
}

/**
 * Parses one path. `allowLine`: whether `Line/…` may be used (document paths: yes; paths
 * relative to a line: no).
 */
export function parseElementPath(source: string, allowLine: boolean): PathParseResult {
  try {
    if (source.trim() !== source || source === '') {
      throw new PathSyntaxError(
        'Stien må ikke være tom eller begynde/slutte med mellemrum.',
        'The path must not be empty or begin/end with spaces.',
      );
    }
    if (source.startsWith('@')) return { ok: true, path: parseAttributeForm(source) };
    const c = new Cursor(source);
    c.eat('/');
    const steps: Step[] = [];
    for (;;) {
      const name = c.nameTest();
      const predicates: Predicate[] = [];
      while (c.peek() === '[') predicates.push(parsePredicate(c));
      steps.push({ name, predicates });
      if (c.done) break;
      c.expect('/');
    }
    let lines = false;
    const first = steps[0];
    if (
      first !== undefined &&
      first.name.local === 'Line' &&
      first.name.ns === null &&
      first.predicates.length === 0
    ) {
      if (!allowLine) {
        throw new PathSyntaxError(
          'Stien er allerede relativ til en linje; skriv den uden "Line/".',
          'The path is already relative to a line; write it without "Line/".',
        );
      }
      if (steps.length === 1) {
        throw new PathSyntaxError(
          '"Line" skal følges af et element på linjen, fx Line/Item/Name.',
          '"Line" must be followed by an element on the line, e.g. Line/Item/Name.',
        );
      }
      lines = true;
      steps.shift();
    }
    return { ok: true, path: { kind: 'steps', source, lines, steps } };
  } catch (e) {
    if (e instanceof PathSyntaxError) return { ok: false, da: e.da, en: e.en };
    throw e;
  }
}

function nameMatches(test: NameTest, el: XmlElement): boolean {
  return (test.local === null || test.local === el.local) && (test.ns === null || test.ns === el.ns);
}

function predicateHolds(p: Predicate, el: XmlElement): boolean {
  if (p.kind === 'attribute') return el.attrs.get(p.attr)?.trim().toLowerCase() === p.value;
  for (const c of el.children) {
    if (nameMatches(p.name, c) && c.text.trim().toLowerCase() === p.value) return true;
  }
  return false;
}

/** The line elements of a document (direct children of the root). */
export function documentLines(root: XmlElement): XmlElement[] {
  return root.children.filter((c) => c.ns === CAC && LINE_ELEMENTS.has(c.local));
}

/** Every descendant of `context` whose attribute `attr` has `value` (trimmed, any case), in document order. */
function withAttribute(context: XmlElement, attr: string, value: string): XmlElement[] {
  const out: XmlElement[] = [];
  const stack: XmlElement[] = [...context.children].reverse();
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (el.attrs.get(attr)?.trim().toLowerCase() === value) out.push(el);
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]!);
  }
  return out;
}

/** The elements `path` selects from `context` (the root, or a line), in document order. */
export function selectElements(context: XmlElement, path: ElementPath): XmlElement[] {
  if (path.kind === 'attribute') return withAttribute(context, path.attr, path.value);
  let current = path.lines ? documentLines(context) : [context];
  for (const step of path.steps) {
    const next: XmlElement[] = [];
    for (const el of current) {
      for (const c of el.children) {
        if (nameMatches(step.name, c) && step.predicates.every((p) => predicateHolds(p, c))) next.push(c);
      }
    }
    current = next;
    if (current.length === 0) break;
  }
  return current;
}
