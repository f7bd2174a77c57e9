/**
 * Fuzzing the parser with mutated public samples: whatever arrives, the result is either a
 * canonical document that passes validateDocument or an IntakeError with a 4xx status — never
 * another exception, and never more than a second for one document.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateDocument } from '../../server/src/domain/canonical.js';
import { IntakeError, parseDocumentXml } from '../../server/src/intake/index.js';
import { SAMPLE_DOCUMENTS, sample } from './helpers.js';

const SAMPLES = SAMPLE_DOCUMENTS.map((file) => sample(file));

type Mutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicateElement'; which: number }
  | { kind: 'removeElement'; which: number }
  | { kind: 'attributeJunk'; which: number; junk: string }
  | { kind: 'replaceNumber'; which: number; value: string }
  | { kind: 'replaceText'; which: number; value: string };

const JUNK = [
  '<',
  '&',
  ']]>',
  '<!--',
  '-->',
  '"',
  "'",
  '&amp;',
  '&#0;',
  '&#x1F600;',
  '<![CDATA[',
  '\u0000',
  '\uFFFE',
  '>',
  '</',
  '<?pi?>',
];
const NUMBERS = [
  '1e400',
  '-1e400',
  '9'.repeat(40),
  '9'.repeat(14),
  '-5000.00',
  '-0',
  '0.005',
  'NaN',
  '1,50',
  '',
  ' 12 ',
  '+3',
  '.5',
  '99999999999999.99',
  '1'.repeat(500),
];
const TEXTS = [
  '',
  '0101501234',
  '321345-1234',
  'DK:CPR',
  'x'.repeat(3000),
  'æøå',
  '<&>',
  'Reminder',
  'OIOUBL-2.1',
  '2005-02-30',
  'true',
  'maybe',
];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...JUNK), fc.string({ maxLength: 8 })),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicateElement' as const), which: fc.nat() }),
  fc.record({ kind: fc.constant('removeElement' as const), which: fc.nat() }),
  fc.record({
    kind: fc.constant('attributeJunk' as const),
    which: fc.nat(),
    junk: fc.constantFrom(
      ' x="<"',
      ' schemeID="DK:CPR"',
      ' currencyID="EUR"',
      ' a="1" a="2"',
      ' =',
      ' xmlns:cbc="urn:x"',
      ' b:c="d"',
    ),
  }),
  fc.record({
    kind: fc.constant('replaceNumber' as const),
    which: fc.nat(),
    value: fc.constantFrom(...NUMBERS),
  }),
  fc.record({ kind: fc.constant('replaceText' as const), which: fc.nat(), value: fc.constantFrom(...TEXTS) }),
);

/** Start indexes of every start tag `<name` (not `</`, `<?`, `<!`). */
function startTags(xml: string): number[] {
  const out: number[] = [];
  for (let i = xml.indexOf('<'); i >= 0; i = xml.indexOf('<', i + 1)) {
    const next = xml[i + 1];
    if (next !== undefined && next !== '/' && next !== '?' && next !== '!') out.push(i);
  }
  return out;
}

/** [start, end) of the element whose start tag is at `start`, by its matching close tag name. */
function elementRange(xml: string, start: number): [number, number] | null {
  const nameEnd = xml.slice(start + 1).search(/[\s/>]/);
  if (nameEnd <= 0) return null;
  const name = xml.slice(start + 1, start + 1 + nameEnd);
  const close = `</${name}>`;
  const end = xml.indexOf(close, start);
  return end < 0 ? null : [start, end + close.length];
}

/** [start, end) of the text content of simple elements `<x …>text</x>` (text without '<'). */
function textRanges(xml: string): [number, number][] {
  const out: [number, number][] = [];
  for (const start of startTags(xml)) {
    const gt = xml.indexOf('>', start);
    if (gt < 0 || xml[gt - 1] === '/') continue;
    const lt = xml.indexOf('<', gt);
    if (lt > gt + 1 && xml[lt + 1] === '/') out.push([gt + 1, lt]);
  }
  return out;
}

function apply(xml: string, m: Mutation): string {
  const pick = <T>(items: readonly T[], which: number): T | undefined =>
    items.length === 0 ? undefined : items[which % items.length];
  switch (m.kind) {
    case 'delete': {
      const at = m.at % (xml.length + 1);
      return xml.slice(0, at) + xml.slice(at + m.length);
    }
    case 'insert': {
      const at = m.at % (xml.length + 1);
      return xml.slice(0, at) + m.text + xml.slice(at);
    }
    case 'truncate':
      return xml.slice(0, m.at % (xml.length + 1));
    case 'duplicateElement':
    case 'removeElement': {
      const start = pick(startTags(xml), m.which);
      const range = start === undefined ? null : elementRange(xml, start);
      if (range === null) return xml;
      const [s, e] = range;
      return m.kind === 'duplicateElement'
        ? xml.slice(0, e) + xml.slice(s, e) + xml.slice(e)
        : xml.slice(0, s) + xml.slice(e);
    }
    case 'attributeJunk': {
      const start = pick(startTags(xml), m.which);
      if (start === undefined) return xml;
      const nameEnd = xml.slice(start + 1).search(/[\s/>]/);
      if (nameEnd <= 0) return xml;
      const at = start + 1 + nameEnd;
      return xml.slice(0, at) + m.junk + xml.slice(at);
    }
    case 'replaceNumber': {
      const numeric = textRanges(xml).filter(([s, e]) => /^\s*-?\d+(\.\d+)?\s*$/.test(xml.slice(s, e)));
      const range = pick(numeric, m.which);
      return range === undefined ? xml : xml.slice(0, range[0]) + m.value + xml.slice(range[1]);
    }
    case 'replaceText': {
      const range = pick(textRanges(xml), m.which);
      return range === undefined ? xml : xml.slice(0, range[0]) + m.value + xml.slice(range[1]);
    }
  }
}

/** The property every input must satisfy. */
function checkOutcome(xml: string | Buffer): void {
  const started = performance.now();
  let outcome: 'document' | 'refused';
  try {
    const doc = parseDocumentXml(xml);
    const checked = validateDocument(doc);
    if (!checked.ok)
      throw new Error(`parser output fails validateDocument: ${JSON.stringify(checked.errors)}`);
    outcome = 'document';
  } catch (e) {
    if (!(e instanceof IntakeError)) throw e;
    expect([400, 413, 415, 422]).toContain(e.status);
    expect(e.errors.length).toBeGreaterThan(0);
    for (const issue of e.errors) {
      expect(issue.pointer.startsWith('/')).toBe(true);
      expect(issue.messages.da).not.toBe('');
      expect(issue.messages.en).not.toBe('');
    }
    outcome = 'refused';
  }
  const elapsed = performance.now() - started;
  if (elapsed > 1000) throw new Error(`took ${elapsed.toFixed(0)} ms (${outcome})`);
}

describe('fuzzing', () => {
  it('mutated samples are read or refused with an IntakeError, each in under a second', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: SAMPLES.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (index, mutations, asBuffer) => {
          const xml = mutations.reduce(apply, SAMPLES[index]!);
          checkOutcome(asBuffer ? Buffer.from(xml, 'utf8') : xml);
        },
      ),
      { numRuns: 600 },
    );
  }, 60_000);

  it('arbitrary strings and bytes are refused with an IntakeError', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 300, unit: 'binary' }), fc.string({ maxLength: 300 })),
        (text) => checkOutcome(text),
      ),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => checkOutcome(Buffer.from(bytes))),
      { numRuns: 300 },
    );
  }, 60_000);

  it('every mutation kind, applied to every sample at a fixed spread of places', () => {
    const kinds: Mutation[] = [];
    for (let which = 0; which < 40; which++) {
      kinds.push({ kind: 'removeElement', which: which * 7 });
      kinds.push({ kind: 'duplicateElement', which: which * 7 });
      kinds.push({ kind: 'replaceNumber', which, value: NUMBERS[which % NUMBERS.length]! });
      kinds.push({ kind: 'replaceText', which: which * 5, value: TEXTS[which % TEXTS.length]! });
    }
    for (const xml of SAMPLES) for (const m of kinds) checkOutcome(apply(xml, m));
  }, 60_000);
});
