/**
 * The draft editor's reading of what an administrator types into the settings form: amounts the
 * Danish way, and one-per-line lists (an emptied intake path list means the default places).
 */
import { describe, expect, it } from 'vitest';
import { byAmount, listOfLines, parseMoneyInput } from '../../admin-ui/src/ruleset/model.js';

describe('parseMoneyInput', () => {
  it('reads Danish and plain amounts into the ruleset decimal string', () => {
    expect(parseMoneyInput('100,50')).toBe('100.50');
    expect(parseMoneyInput('1.500,00')).toBe('1500.00');
    expect(parseMoneyInput(' 100 ')).toBe('100.00');
    expect(parseMoneyInput('100.00')).toBe('100.00');
  });
  it('keeps what is not an amount as typed, for the server to mark', () => {
    expect(parseMoneyInput('12,5,0')).toBe('12,5,0');
    expect(parseMoneyInput('hundred')).toBe('hundred');
  });
});

describe('listOfLines', () => {
  it('keeps the lines while typing and trims them on leaving the field', () => {
    expect(listOfLines('a\n')).toEqual(['a', '']);
    expect(listOfLines(' a \n\n b', { trim: true })).toEqual(['a', 'b']);
  });
  it('an emptied list is [] — or left out where that means the default places', () => {
    expect(listOfLines('')).toEqual([]);
    expect(listOfLines('', { emptyIsDefault: true })).toBeUndefined();
    expect(listOfLines(' \n ', { emptyIsDefault: true, trim: true })).toBeUndefined();
    expect(listOfLines(' \n ', { trim: true })).toEqual([]);
  });
});

describe('byAmount (sorting a table by an amount column)', () => {
  it('sorts by value, not as text, whichever way the amounts are written', () => {
    const shown = ['950,00', '1.800,00', '10.000,00', '', '12,5,0', '99,50'];
    expect([...shown].sort(byAmount)).toEqual(['', '12,5,0', '99,50', '950,00', '1.800,00', '10.000,00']);
    expect(['1800.00', '950.00'].sort(byAmount)).toEqual(['950.00', '1800.00']);
  });
});
