/**
 * The console's *Del faktura* form and payment-group moves, their own code: reading what the
 * caseworker types as an amount (never through a float), the form's rows → the request, and the
 * live preview — which is the server's own distribution (`server/src/domain/split.ts`), so the
 * remaining shown in red is what *Gem* is judged by. Moving lines between payment groups, with
 * the server's sums and postings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distributeSplit } from '../../server/src/domain/split.js';
import { formatDkk } from '../../admin-ui/src/layout/money.js';
import {
  formatAmountInput,
  initialRows,
  partCount,
  partsOf,
  previewSplit,
  rowsOfStored,
  type SplitRow,
} from '../../admin-ui/src/split/model.js';
import { parseAmountInput } from '../../admin-ui/src/layout/amount-input.js';
import { moveLine, previewGroups, sameGroups, totalOf } from '../../admin-ui/src/paymentGroups/model.js';

const glasses = { net: '1196.00', vat: '299.00' };
const row = (key: number, net: string, vat: string | null = null, dueDate = ''): SplitRow => ({
  key,
  net,
  vat,
  dueDate,
});

/** A canonical money string of up to 13 integer digits. */
const money = fc.tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 15n - 1n })).map(([neg, ore]) => {
  const s = ore.toString().padStart(3, '0');
  const v = `${s.slice(0, -2).replace(/^0+(?=\d)/, '')}.${s.slice(-2)}`;
  return neg && ore !== 0n ? `-${v}` : v;
});

describe('the split form', () => {
  it('reads amounts as a caseworker types them, in Danish or English, digit by digit', () => {
    expect(parseAmountInput('598,00')).toBe('598.00');
    expect(parseAmountInput('598,5')).toBe('598.50');
    expect(parseAmountInput('598')).toBe('598.00');
    expect(parseAmountInput(' 1.196,00 ')).toBe('1196.00');
    expect(parseAmountInput('1.196')).toBe('1196.00');
    expect(parseAmountInput('1,196.50')).toBe('1196.50');
    expect(parseAmountInput('1 196,50')).toBe('1196.50');
    expect(parseAmountInput('1.234.567,89')).toBe('1234567.89');
    expect(parseAmountInput('0,00')).toBe('0.00');
    expect(parseAmountInput('-0,00')).toBe('0.00');
    expect(parseAmountInput('-12,05')).toBe('-12.05');
    expect(parseAmountInput('0012')).toBe('12.00');
    for (const bad of ['', '49x', '1,234,5', '12.345.6', '1.2.3', '1196.000', ',50', '1e3', '--1', '12,3,4'])
      expect(parseAmountInput(bad), bad).toBeNull();
    expect(parseAmountInput('12345678901234')).toBeNull(); // 14 integer digits
  });

  it('reads back every amount it writes, and every amount the console shows', () => {
    fc.assert(
      fc.property(money, (x) => {
        expect(parseAmountInput(formatAmountInput(x, 'da'))).toBe(x);
        expect(parseAmountInput(formatAmountInput(x, 'en'))).toBe(x);
        // "1.196,00 kr." / "DKK 1,196.00" without the currency
        expect(parseAmountInput(formatDkk(x, 'da').replace(' kr.', ''))).toBe(x);
        expect(parseAmountInput(formatDkk(x, 'en').replace('DKK ', ''))).toBe(x);
      }),
    );
  });

  it('proposes equal shares with the VAT following the net, distributed exactly', () => {
    const rows = initialRows(glasses, 3, 'da');
    expect(rows.map((r) => r.net)).toEqual(['398,67', '398,67', '398,66']);
    expect(rows.every((r) => r.vat === null)).toBe(true);
    const p = previewSplit(glasses, rows);
    expect(p.vats).toEqual(['99,67', '99,67', '99,66'].map((v) => v.replace(',', '.')));
    expect(p).toMatchObject({ remaining: { net: '0.00', vat: '0.00' }, distributed: true });
  });

  it('shows what remains per column as rows are removed and edited, as the server computes it', () => {
    const [a, b] = initialRows(glasses, 3, 'da');
    let rows = [a!, b!];
    expect(previewSplit(glasses, rows).remaining).toEqual({ net: '398.66', vat: '99.66' });
    rows = [{ ...a!, net: '700,00' }, b!];
    expect(previewSplit(glasses, rows)).toMatchObject({ vats: ['175.00', '99.67'], distributed: false });
    rows = [
      { ...a!, net: '700,00' },
      { ...b!, net: '496' },
    ];
    expect(previewSplit(glasses, rows)).toMatchObject({
      vats: ['175.00', '124.00'],
      remaining: { net: '0.00', vat: '0.00' },
      distributed: true,
    });
    // too much: a negative remainder
    rows = [
      { ...a!, net: '700,00' },
      { ...b!, net: '500,00', vat: '130,00' },
    ];
    expect(previewSplit(glasses, rows).remaining).toEqual({ net: '-4.00', vat: '-6.00' });
  });

  it('sends the amounts as decimal strings; a VAT the caseworker typed is kept, a computed one left to the rate', () => {
    expect(partsOf([row(0, '1.000,50'), row(1, '195,50', '48,87', '2027-01-31'), row(2, '49x')])).toEqual([
      { net: '1000.50' },
      { net: '195.50', vat: '48.87', dueDate: '2027-01-31' },
      { net: '49x' }, // unreadable: sent as typed, so the server names the field
    ]);
    expect(
      rowsOfStored(
        [
          { net: '700.00', vat: '175.00', vatComputed: true, dueDate: null },
          { net: '496.00', vat: '120.00', vatComputed: false, dueDate: '2027-01-31' },
        ],
        'da',
      ),
    ).toEqual([row(0, '700,00'), row(1, '496,00', '120,00', '2027-01-31')]);
  });

  it('agrees with the server on any rows: the preview is what a save is judged by', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 2_500_000 }),
        fc.integer({ min: 2, max: 12 }),
        (netOre, vatOre, n) => {
          const totals = { net: oreString(netOre), vat: oreString(vatOre) };
          const rows = initialRows(totals, n, 'da');
          const p = previewSplit(totals, rows);
          const server = distributeSplit(totals, { parts: partsOf(rows), message: 'm' });
          expect(p.vats).toEqual(server.parts.map((x) => x.vat));
          expect(p.remaining).toEqual(server.remaining);
          // the first proposal is always fully distributed, the VAT exactly (no rounding øre lost)
          expect(p.distributed).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('takes 2–100 parts', () => {
    expect(partCount('2')).toBe(2);
    expect(partCount(' 100 ')).toBe(100);
    for (const bad of ['1', '101', '2.5', '', 'to', '-3']) expect(partCount(bad), bad).toBeNull();
  });
});

describe('moving lines between payment groups', () => {
  const lines = [
    { id: '1', netAmount: '450.00', vatAmount: '0.00' },
    { id: '2', netAmount: '6800.00', vatAmount: '0.00' },
    { id: '3', netAmount: '620.00', vatAmount: '0.00' },
  ];
  const proposed = [
    { caseType: 'ALM_TANDLAEGE', account: '5.32.32.001', lines: ['1', '3'] },
    { caseType: 'UDV_TANDPROTESE', account: '5.32.32.011', lines: ['2'] },
  ];

  it('moves a line to another group; the sums and postings follow, exact', () => {
    const moved = moveLine(proposed, '3', 1);
    expect(moved).toEqual([
      { caseType: 'ALM_TANDLAEGE', account: '5.32.32.001', lines: ['1'] },
      { caseType: 'UDV_TANDPROTESE', account: '5.32.32.011', lines: ['2', '3'] },
    ]);
    const p = previewGroups(lines, moved);
    expect(p.issues).toEqual([]);
    expect(p.groups.map((g) => g.amount)).toEqual(['450.00', '7420.00']);
    expect(p.postings).toEqual([
      { account: '5.32.32.001', amount: '450.00' },
      { account: '5.32.32.011', amount: '7420.00' },
    ]);
    expect(totalOf(p.postings)).toBe('7870.00');
  });

  it('moves a line to a new group; a group left empty disappears; moving back is no change', () => {
    const apart = moveLine(proposed, '2', { caseType: 'ALM_TANDLAEGE', account: '5.32.32.001' });
    expect(apart).toEqual([
      { caseType: 'ALM_TANDLAEGE', account: '5.32.32.001', lines: ['1', '3'] },
      { caseType: 'ALM_TANDLAEGE', account: '5.32.32.001', lines: ['2'] },
    ]);
    expect(previewGroups(lines, apart).postings).toEqual([{ account: '5.32.32.001', amount: '7870.00' }]);
    expect(sameGroups(moveLine(moveLine(proposed, '3', 1), '3', 0), proposed)).toBe(true);
    expect(sameGroups(apart, proposed)).toBe(false);
    expect(() => moveLine(proposed, '1', 5)).toThrow(RangeError);
  });
});

function oreString(ore: number): string {
  const s = String(ore).padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}
