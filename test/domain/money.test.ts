import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  allocate,
  formatMoney,
  formatMoneyHuman,
  parseDecimalToOre,
  parseMoney,
  percentOf,
} from '../../server/src/domain/money.js';

describe('money', () => {
  it('parses canonical amounts exactly, to øre', () => {
    expect(parseMoney('1234.50')).toBe(123450);
    expect(parseMoney('0.1')).toBe(10);
    expect(parseMoney('-12.05')).toBe(-1205);
    expect(parseMoney('0')).toBe(0);
    expect(parseMoney('-0.00')).toBe(0);
    expect(Object.is(parseMoney('-0.00'), -0)).toBe(false);
    expect(parseMoney('9999999999999.99')).toBe(999999999999999);
  });

  it('refuses floats, numbers and anything that is not a plain amount', () => {
    for (const bad of [
      12.5,
      100,
      '1e3',
      '1,50',
      '12.345',
      '.5',
      '5.',
      '',
      '-',
      '01.00',
      '+1.00',
      ' 1.00',
      'NaN',
      '10000000000000.00',
      null,
      undefined,
    ]) {
      expect(parseMoney(bad), String(bad)).toBeNull();
    }
  });

  it('round-trips every amount and never goes near a float', () => {
    fc.assert(
      fc.property(fc.integer({ min: -999_999_999_999_999, max: 999_999_999_999_999 }), (ore) => {
        expect(parseMoney(formatMoney(ore))).toBe(ore);
        expect(formatMoney(ore)).toBe(new Decimal(ore).dividedBy(100).toFixed(2));
      }),
    );
  });

  it('rounds longer decimals half-up (away from zero) to øre, as decimal.js ROUND_HALF_UP', () => {
    expect(parseDecimalToOre('1.005')).toBe(101);
    expect(parseDecimalToOre('-1.005')).toBe(-101);
    expect(parseDecimalToOre('1.0049')).toBe(100);
    expect(parseDecimalToOre('+3')).toBe(300);
    expect(parseDecimalToOre('0.125')).toBe(13);
    expect(parseDecimalToOre('1e3')).toBeNull();
    expect(parseDecimalToOre('abc')).toBeNull();
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }),
        fc.integer({ min: 0, max: 6 }),
        (digits, scale) => {
          const text = new Decimal(digits.toString()).dividedBy(new Decimal(10).pow(scale)).toFixed(scale);
          const expected = new Decimal(text).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).times(100).toNumber();
          expect(parseDecimalToOre(text)).toBe(expected === 0 ? 0 : expected);
        },
      ),
    );
  });

  it('computes VAT of a net amount half-up to øre', () => {
    expect(percentOf(100000, '25')).toBe(25000);
    expect(percentOf(1, '25')).toBe(0);
    expect(percentOf(2, '25')).toBe(1); // 0.5 øre rounds up
    expect(percentOf(-2, '25')).toBe(-1);
  });

  it('formats for people in Danish and English', () => {
    expect(formatMoneyHuman(123456789, 'da')).toBe('1.234.567,89 kr.');
    expect(formatMoneyHuman(-50, 'en')).toBe('-DKK 0.50');
  });

  it('allocates exactly: parts always sum to the total', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 8 }),
        (total, weights) => {
          const parts = allocate(total, weights);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          expect(parts).toHaveLength(weights.length);
        },
      ),
    );
  });
});
