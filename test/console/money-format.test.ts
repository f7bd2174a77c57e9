/** Money on every screen goes through layout/money.ts: exact decimal strings, never a float. */
import { describe, expect, it } from 'vitest';
import { formatDkk } from '../../admin-ui/src/layout/money.js';
import { formatMoney as tableAmount } from '../../admin-ui/src/ruleset/model.js';
import { formatValue } from '../../admin-ui/src/templates/format.js';

const words = { none: '–', yes: 'ja', no: 'nej' };

describe('money in the console', () => {
  it('keeps every digit of amounts a float would round', () => {
    // past 2^53 øre: through Number() the øre would come out as ,88 or ,00
    expect(formatDkk('900719925474099.93', 'da')).toBe('900.719.925.474.099,93 kr.');
    expect(formatValue('900719925474099.93', 'da', words)).toBe('900.719.925.474.099,93 kr.');
    expect(formatValue('-1500.00', 'en', words)).toBe('-DKK 1,500.00');
  });

  it('shows more decimals than two as they are, not cut off', () => {
    expect(formatDkk('12.345', 'da')).toBe('12,345 kr.');
  });

  it("shows a table's valid amount as money and anything else as typed", () => {
    expect(tableAmount('1500.5', 'da')).toBe('1.500,50 kr.');
    expect(tableAmount('007', 'da')).toBe('007');
    expect(tableAmount('12,5', 'da')).toBe('12,5');
    expect(tableAmount(undefined, 'da')).toBe('');
  });
});
