import { describe, expect, it } from 'vitest';
import { structuralDiff } from '../../server/src/domain/json-diff.js';

describe('structuralDiff', () => {
  it('reports add, remove, replace and move per JSON pointer, matching array items by identity', () => {
    const before = {
      serviceNumbers: [
        { code: '1001', maxAmount: '1500.00' },
        { code: '1002', maxAmount: '2500.00' },
        { code: '1003', maxAmount: '4000.00' },
      ],
      rules: [
        { name: 'a', conditions: {}, event: {} },
        { name: 'b', conditions: {}, event: {} },
      ],
      settings: { acceptVat: true },
    };
    const after = {
      serviceNumbers: [
        { code: '1002', maxAmount: '2600.00' },
        { code: '1001', maxAmount: '1500.00' },
        { code: '1004', maxAmount: '900.00' },
      ],
      rules: [
        { name: 'b', conditions: {}, event: {} },
        { name: 'a', conditions: {}, event: {} },
      ],
      settings: { acceptVat: false, currency: 'DKK' },
    };
    const diff = structuralDiff(before, after);
    expect(diff).toContainEqual({
      path: '/serviceNumbers/0/maxAmount',
      op: 'replace',
      before: '2500.00',
      after: '2600.00',
    });
    expect(diff).toContainEqual({
      path: '/serviceNumbers/2',
      op: 'add',
      after: { code: '1004', maxAmount: '900.00' },
    });
    expect(diff).toContainEqual({
      path: '/serviceNumbers/2',
      op: 'remove',
      before: { code: '1003', maxAmount: '4000.00' },
    });
    expect(diff).toContainEqual({ path: '/settings/acceptVat', op: 'replace', before: true, after: false });
    expect(diff).toContainEqual({ path: '/settings/currency', op: 'add', after: 'DKK' });
    expect(diff.filter((d) => d.op === 'move').length).toBeGreaterThan(0);
    expect(structuralDiff(before, structuredClone(before))).toEqual([]);
  });

  it('escapes keys in pointers', () => {
    expect(structuralDiff({ conditions: { 'a/b': 1 } }, { conditions: { 'a/b': 2 } })).toEqual([
      { path: '/conditions/a~1b', op: 'replace', before: 1, after: 2 },
    ]);
  });
});
