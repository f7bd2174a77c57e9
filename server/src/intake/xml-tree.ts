/**
 * A safe XML reader: saxes (a streaming, namespace-aware, non-validating parser that never
 * fetches anything) builds a small element tree with namespace URIs resolved, so the readers
 * work by namespace and local name whatever prefixes the sender chose.
 *
 * Refused, each as an {@link IntakeError}: any DOCTYPE (and therefore every entity
 * declaration — billion laughs, external entities), input over the byte limit, nesting over the
 * depth limit, and anything that is not well-formed XML with bound namespace prefixes. Only the
 * five predefined entities and character references are expanded, by saxes itself.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { IntakeError } from './errors.js';
import { decodeInput } from './decode.js';

export const DEFAULT_MAX_DEPTH = 64;

export interface XmlElement {
  /** Namespace URI ('' when the element is in no namespace). */
  readonly ns: string;
  readonly local: string;
  /** Attributes in no namespace (UBL's schemeID, currencyID, …) by local name. */
  readonly attrs: ReadonlyMap<string, string>;
  readonly children: XmlElement[];
  /** The element's own character data (text and CDATA, not its descendants'), untrimmed. */
  text: string;
  readonly parent: XmlElement | null;
}

export interface XmlLimits {
  maxBytes: number;
  maxDepth: number;
}

const NO_ATTRS: ReadonlyMap<string, string> = new Map();

/**
 * The element path used in error pointers: local names from the root, with a 1-based index
 * where an element has same-named siblings (`/Invoice/InvoiceLine[2]/Item/Name`).
 */
export function elementPath(el: XmlElement): string {
  const parts: string[] = [];
  for (let e: XmlElement | null = el; e !== null; e = e.parent) {
    let seg = e.local;
    const parent: XmlElement | null = e.parent;
    if (parent !== null) {
      let index = 0;
      let count = 0;
      for (const sibling of parent.children as readonly XmlElement[]) {
        if (sibling.local === e.local && sibling.ns === e.ns) {
          count++;
          if (sibling === e) index = count;
        }
      }
      if (count > 1) seg += `[${index}]`;
    }
    parts.push(seg);
  }
  return '/' + parts.reverse().join('/');
}

/** The path of a (possibly missing) descendant: `/Invoice/LegalMonetaryTotal` + `PayableAmount`. */
export function pathOf(el: XmlElement, ...locals: string[]): string {
  const base = elementPath(el);
  return locals.length === 0 ? base : `${base}/${locals.join('/')}`;
}

function toElement(tag: SaxesTagNS, parent: XmlElement | null): XmlElement {
  let attrs = NO_ATTRS;
  for (const key in tag.attributes) {
    const a = tag.attributes[key];
    if (a === undefined || a.uri !== '') continue; // xmlns declarations and xsi:* are not data
    if (attrs === NO_ATTRS) attrs = new Map();
    (attrs as Map<string, string>).set(a.local, a.value);
  }
  return { ns: tag.uri, local: tag.local, attrs, children: [], text: '', parent };
}

/** A saxes failure seen while parsing without position tracking. */
class Unlocated extends Error {}

/** Parses `input` into its root element, or throws an {@link IntakeError}. */
export function parseXmlTree(input: unknown, limits: XmlLimits): XmlElement {
  const xml = decodeInput(input, limits.maxBytes);
  try {
    return buildTree(xml, limits, false);
  } catch (e) {
    if (!(e instanceof Unlocated)) throw e;
    // Tracking line/column costs ~15 % of parse time, so it is only paid to explain a failure:
    // the second pass throws the same error with its position.
    buildTree(xml, limits, true);
    throw notWellFormed('/', e.message);
  }
}

function notWellFormed(where: string, detail: string): IntakeError {
  return IntakeError.of(
    400,
    where,
    'intake.notWellFormed',
    `Dokumentet er ikke gyldig XML (${detail}).`,
    `The document is not well-formed XML (${detail}).`,
  );
}

function buildTree(xml: string, limits: XmlLimits, position: boolean): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position });
  let root: XmlElement | null = null;
  let current: XmlElement | null = null;
  let depth = 0;

  parser.on('doctype', () => {
    throw doctypeRefusal();
  });
  parser.on('opentag', (tag) => {
    depth++;
    const el = toElement(tag, current);
    if (current === null) root = el;
    else current.children.push(el);
    if (depth > limits.maxDepth) {
      throw IntakeError.of(
        413,
        elementPath(el),
        'intake.tooDeep',
        `Dokumentet er indlejret dybere end ${limits.maxDepth} niveauer.`,
        `The document is nested deeper than ${limits.maxDepth} levels.`,
      );
    }
    current = el;
  });
  parser.on('closetag', () => {
    depth--;
    current = current?.parent ?? null;
  });
  parser.on('text', (text) => {
    if (current !== null) current.text += text;
  });
  parser.on('cdata', (text) => {
    if (current !== null) current.text += text;
  });

  try {
    parser.write(xml).close();
  } catch (e) {
    if (e instanceof IntakeError) throw e;
    if (root === null && /<!DOCTYPE/i.test(xml.slice(0, 4096))) throw doctypeRefusal();
    const detail = e instanceof Error ? e.message : String(e);
    if (!position) throw new Unlocated(detail);
    throw notWellFormed(current === null ? '/' : elementPath(current), detail);
  }
  if (root === null) {
    throw IntakeError.of(400, '/', 'intake.notXml', 'Dokumentet er tomt.', 'The document is empty.');
  }
  return root;
}

function doctypeRefusal(): IntakeError {
  return IntakeError.of(
    400,
    '/',
    'intake.doctype',
    'Dokumentet indeholder en DOCTYPE- eller ENTITY-erklæring; det afvises af sikkerhedshensyn.',
    'The document contains a DOCTYPE or ENTITY declaration; it is refused for security reasons.',
  );
}

// ---- Small readers used by the UBL parsers --------------------------------------------------

/** The first child with this namespace and local name. */
export function child(el: XmlElement | undefined, ns: string, local: string): XmlElement | undefined {
  if (el === undefined) return undefined;
  for (const c of el.children) if (c.local === local && c.ns === ns) return c;
  return undefined;
}

/** All children with this namespace and local name. */
export function children(el: XmlElement | undefined, ns: string, local: string): XmlElement[] {
  if (el === undefined) return [];
  return el.children.filter((c) => c.local === local && c.ns === ns);
}

/** The trimmed text of an element, or undefined when it is missing or blank. */
export function textOf(el: XmlElement | undefined): string | undefined {
  if (el === undefined) return undefined;
  const t = el.text.trim();
  return t === '' ? undefined : t;
}
