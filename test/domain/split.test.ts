/**
 * The split's rules (PRODUCT.md §7, the Swedish guide "Dela faktura"), exact to the øre:
 * properties over generated documents and distributions, and the cases a caseworker meets.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, parseMoney } from '../../server/src/domain/money.js';
import { apportionLines, distributeSplit, evenSplit } from '../../server/src/domain/split.js';

const ore = (s: string): number => parseMoney(s)!;
const codes = (r: ReturnType<typeof distributeSplit>): string[] => r.issues.map((i) => i.code);

/** A document: net 1.00–100,000.00 DKK, VAT 0 or at 25 % of the net (rounded), or another amount. */
const documentArb = fc
  .tuple(
    fc.integer({ min: 100, max: 10_000_000 }),
    fc.constantFrom('none', 'standard', 'other'),
    fc.nat(500_000),
  )
  .map(([net, kind, other]) => ({
    net: formatMoney(net),
    vat: formatMoney(kind === 'none' ? 0 : kind === 'standard' ? Math.round(net / 4) : other),
  }));

/** Cut `total` øre into n positive-or-zero pieces at random points (they add up exactly). */
function cuts(total: number, points: number[]): number[] {
  const sorted = [...new Set(points.map((p) => p % (total + 1)))].sort((a, b) => a - b);
  const out: number[] = [];
  let prev = 0;
  for (const p of sorted) {
    out.push(p - prev);
    prev = p;
  }
  out.push(total - prev);
  return out;
}

describe('distributeSplit', () => {
  it('property: a distribution whose nets add up and whose VAT is computed is accepted and exact to the øre', () => {
    fc.assert(
      fc.property(documentArb, fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), (doc, points) => {
        const nets = cuts(ore(doc.net), points).filter((n) => n > 0);
        fc.pre(nets.length >= 2);
        const r = distributeSplit(doc, {
          parts: nets.map((n) => ({ net: formatMoney(n) })),
          message: 'Delbetaling',
        });
        expect(r.issues).toEqual([]);
        expect(r.remaining).toEqual({ net: '0.00', vat: '0.00' });
        expect(r.parts.reduce((a, p) => a + ore(p.net), 0)).toBe(ore(doc.net));
        expect(r.parts.reduce((a, p) => a + ore(p.vat), 0)).toBe(ore(doc.vat));
        // no computed part is more than one øre from its net × the document's rate
        for (const p of r.parts) {
          const exact = (ore(p.net) * ore(doc.vat)) / ore(doc.net);
          expect(Math.abs(ore(p.vat) - exact)).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('property: every accepted distribution sums exactly; every refused one names the rule it broke', () => {
    const partArb = fc.record(
      {
        net: fc.integer({ min: -5000, max: 2_000_000 }).map(formatMoney),
        vat: fc.integer({ min: -500, max: 500_000 }).map(formatMoney),
      },
      { requiredKeys: ['net'] },
    );
    fc.assert(
      fc.property(
        documentArb,
        fc.array(partArb, { minLength: 0, maxLength: 6 }),
        fc.option(fc.constantFrom('', '  ', 'Aftalt delbetaling')),
        (doc, parts, message) => {
          const r = distributeSplit(doc, { parts, message });
          const rules = new Set([
            'split.message',
            'split.partCount',
            'split.amount',
            'split.dueDate',
            'split.emptyPart',
            'split.sign',
            'split.remainingNet',
            'split.remainingVat',
          ]);
          for (const i of r.issues) {
            expect(rules.has(i.code)).toBe(true);
            expect(i.pointer).toMatch(/^\/(message|parts)(\/\d+(\/(net|vat|dueDate))?)?$/);
            expect(i.messages.da.length).toBeGreaterThan(0);
          }
          const sumNet = r.parts.reduce((a, p) => a + ore(p.net), 0);
          const sumVat = r.parts.reduce((a, p) => a + ore(p.vat), 0);
          expect(ore(r.remaining.net)).toBe(ore(doc.net) - sumNet);
          expect(ore(r.remaining.vat)).toBe(ore(doc.vat) - sumVat);
          if (r.issues.length === 0) {
            expect(sumNet).toBe(ore(doc.net));
            expect(sumVat).toBe(ore(doc.vat));
            expect(parts.length).toBeGreaterThanOrEqual(2);
            expect(typeof message === 'string' && message.trim() !== '').toBe(true);
            for (const p of r.parts) expect(ore(p.net) !== 0 || ore(p.vat) !== 0).toBe(true);
          } else {
            // a refusal that is about the sums says what remains
            if (sumNet !== ore(doc.net)) expect(codes(r)).toContain('split.remainingNet');
            if (sumVat !== ore(doc.vat)) expect(codes(r)).toContain('split.remainingVat');
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('computes VAT from the net at the document’s rate, keeps an adjusted VAT, and says what remains', () => {
    const doc = { net: '1000.00', vat: '250.00' };
    const ok = distributeSplit(doc, { parts: [{ net: '600.00' }, { net: '400.00' }], message: 'To rater' });
    expect(ok.issues).toEqual([]);
    expect(ok.parts).toEqual([
      { net: '600.00', vat: '150.00', vatComputed: true, dueDate: null },
      { net: '400.00', vat: '100.00', vatComputed: true, dueDate: null },
    ]);
    // an adjusted VAT is kept; the VAT then does not add up, and the refusal says by how much
    const adjusted = distributeSplit(doc, {
      parts: [{ net: '600.00', vat: '160.00' }, { net: '400.00' }],
      message: 'x',
    });
    expect(codes(adjusted)).toEqual(['split.remainingVat']);
    expect(adjusted.remaining).toEqual({ net: '0.00', vat: '-10.00' });
    expect(adjusted.issues[0]!.messages.da).toBe('Der er fordelt 10,00 kr. for meget af momsen.');
    // nets that do not add up
    const short = distributeSplit(doc, { parts: [{ net: '600.00' }, { net: '300.00' }], message: 'x' });
    expect(short.remaining).toEqual({ net: '100.00', vat: '25.00' });
    expect(short.issues.map((i) => i.messages.da)).toEqual([
      'Der mangler at blive fordelt 100,00 kr. af nettobeløbet.',
      'Der mangler at blive fordelt 25,00 kr. af momsen.',
    ]);
  });

  it('places the rounding øre by the largest remainder: three equal thirds of 100,00 kr. with 25,00 kr. VAT', () => {
    const r = distributeSplit(
      { net: '100.00', vat: '25.00' },
      { parts: [{ net: '33.34' }, { net: '33.33' }, { net: '33.33' }], message: 'Tre rater' },
    );
    expect(r.issues).toEqual([]);
    expect(r.parts.map((p) => p.vat)).toEqual(['8.34', '8.33', '8.33']);
  });

  it('refuses an empty part, one part, a missing message, bad amounts and dates — each at its field', () => {
    const doc = { net: '1000.00', vat: '0.00' };
    const r = distributeSplit(doc, {
      parts: [{ net: '1000.00', dueDate: '2026-13-01' }, { net: '0.00', vat: '0.00' }, { net: '1.5.0' }],
      message: ' ',
    });
    expect(r.issues.map((i) => [i.code, i.pointer])).toEqual([
      ['split.message', '/message'],
      ['split.dueDate', '/parts/0/dueDate'],
      ['split.amount', '/parts/2/net'],
      ['split.emptyPart', '/parts/1'],
      ['split.emptyPart', '/parts/2'],
    ]);
    expect(codes(distributeSplit(doc, { parts: [{ net: '1000.00' }], message: 'x' }))).toEqual([
      'split.partCount',
    ]);
    const negative = distributeSplit(doc, { parts: [{ net: '1100.00' }, { net: '-100.00' }], message: 'x' });
    expect(negative.issues.map((i) => [i.code, i.pointer])).toEqual([['split.sign', '/parts/1/net']]);
  });
});

describe('evenSplit and apportionLines', () => {
  it('property: an even split is accepted and gives the earliest parts the øre left over', () => {
    fc.assert(
      fc.property(documentArb, fc.integer({ min: 2, max: 12 }), (doc, n) => {
        const parts = evenSplit(doc, n);
        expect(parts).toHaveLength(n);
        const shares = parts.map((p) => ore(p.net));
        expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
        const r = distributeSplit(doc, { parts, message: 'Lige dele' });
        expect(r.remaining).toEqual({ net: '0.00', vat: '0.00' });
        expect(r.issues).toEqual([]);
      }),
    );
  });

  it('property: a part’s lines keep their service numbers and add up to the part exactly', () => {
    const linesArb = fc.array(
      fc.record({ net: fc.integer({ min: 1, max: 1_000_000 }), vat: fc.integer({ min: 0, max: 250_000 }) }),
      { minLength: 1, maxLength: 6 },
    );
    fc.assert(
      fc.property(linesArb, fc.integer({ min: 1, max: 5_000_000 }), fc.nat(1_000_000), (ls, net, vat) => {
        const lines = ls.map((l, i) => ({
          id: String(i + 1),
          serviceNumber: `100${i}`,
          netAmount: formatMoney(l.net),
          vatAmount: formatMoney(l.vat),
        }));
        const out = apportionLines(lines, { net: formatMoney(net), vat: formatMoney(vat) });
        expect(out.map((l) => l.serviceNumber)).toEqual(lines.map((l) => l.serviceNumber));
        expect(out.reduce((a, l) => a + ore(l.netAmount), 0)).toBe(net);
        expect(out.reduce((a, l) => a + ore(l.vatAmount), 0)).toBe(vat);
      }),
    );
  });
});
