/**
 * The draft editor's reading of what an administrator types into the settings form: amounts the
 * Danish way, and one-per-line lists (an emptied intake path list means the default places).
 */
import { describe, expect, it } from 'vitest';
import { listOfLines, parseMoneyInput } from '../../admin-ui/src/ruleset/model.js';

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
