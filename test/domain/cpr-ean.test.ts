import { describe, expect, it } from 'vitest';
import {
  cprBirthYear,
  cprHash,
  findCprInText,
  isValidCpr,
  maskCpr,
  normalizeCpr,
  redactCprInText,
} from '../../server/src/domain/cpr.js';
import { gs1CheckDigit, isValidEan } from '../../server/src/domain/ean.js';

describe('CPR', () => {
  it('accepts a real date without a modulus-11 check', () => {
    expect(isValidCpr('0101501234')).toBe(true); // fails modulus 11 — still valid since 2007
    expect(isValidCpr('3112991234')).toBe(true);
  });
  it('rejects impossible dates and non-digits', () => {
    expect(isValidCpr('3002991234')).toBe(false); // 30 February
    expect(isValidCpr('1513001234')).toBe(false); // month 13
    expect(isValidCpr('0001001234')).toBe(false); // day 0
    expect(isValidCpr('010150123')).toBe(false);
    expect(isValidCpr('010150-1234')).toBe(false); // callers normalise first
  });
  it('knows the century from the 7th digit, so 29 February is checked right', () => {
    expect(cprBirthYear('2902004000')).toBe(2000);
    expect(isValidCpr('2902004000')).toBe(true); // 2000 is a leap year
    expect(cprBirthYear('2902001000')).toBe(1900);
    expect(isValidCpr('2902001000')).toBe(false); // 1900 is not
    expect(cprBirthYear('0101585000')).toBe(1858);
    expect(cprBirthYear('0101375000')).toBe(2037);
    expect(cprBirthYear('0101379000')).toBe(1937);
  });
  it('masks and normalises', () => {
    expect(maskCpr('0101501234')).toBe('010150-****');
    expect(normalizeCpr('010150-1234')).toBe('0101501234');
    expect(normalizeCpr('010150 1234')).toBe('0101501234');
    expect(normalizeCpr('01015012345')).toBeNull();
  });
  it('hashes with a key: same person matches, the number itself is not recoverable by key-less lookup', () => {
    expect(cprHash('0101501234', 'k1')).toBe(cprHash('0101501234', 'k1'));
    expect(cprHash('0101501234', 'k1')).not.toBe(cprHash('0101501234', 'k2'));
    expect(cprHash('0101501234', 'k1')).not.toContain('0101501234');
  });
  it('finds date-valid CPR numbers in free text only', () => {
    expect(findCprInText('Patient 010150-1234, tlf 4512345678, ordre 9999991234')).toEqual(['0101501234']);
    expect(findCprInText('CPR 0101501234 og 3112991234 og 0101501234')).toEqual(['0101501234', '3112991234']);
    expect(findCprInText('konto 12010150123456')).toEqual([]);
  });
  it('redacts CPR-shaped numbers from text', () => {
    expect(redactCprInText('cpr=0101501234 and 010150-1234')).toBe('cpr=010150-**** and 010150-****');
  });
});

describe('EAN/GLN', () => {
  it('checks the GS1 check digit', () => {
    expect(isValidEan('5798000012349')).toBe(true);
    expect(isValidEan('5798000012345')).toBe(false);
    expect(isValidEan('5790000000005')).toBe(gs1CheckDigit('579000000000') === 5);
    expect(isValidEan('579800001234')).toBe(false);
    expect(isValidEan('579800001234a')).toBe(false);
  });
});
