/** The identity-keyed diff and three-way merge behind /ruleset/upstream (pure functions). */
import { describe, expect, it } from 'vitest';
import { applyChanges, keyedDiff, threeWay } from '../../server/src/features/rulesets/keyed-diff.js';

const sn = (code: string, maxAmount: string, extra: Record<string, unknown> = {}) => ({
  code,
  maxAmount,
  ...extra,
});
const rule = (name: string, all: unknown[]) => ({ name, conditions: { all }, event: { type: 'manual' } });

describe('keyedDiff', () => {
  it('matches array items by identity: reordering is no change, an edited item is one change', () => {
    const a = { serviceNumbers: [sn('1', '10'), sn('2', '20'), sn('3', '30')] };
    const b = { serviceNumbers: [sn('3', '30'), sn('1', '11'), sn('2', '20')] };
    expect(keyedDiff(a, b)).toEqual([
      {
        path: '/serviceNumbers/1/maxAmount',
        ids: ['.serviceNumbers', '#code:1', '.maxAmount'],
        op: 'replace',
        before: '10',
        after: '11',
      },
    ]);
  });

  it('reports removals at the older index and additions at the newer one; lists without identity by position', () => {
    const a = { s: [sn('1', '1'), sn('2', '2')], eans: ['A', 'B'], x: { y: 1 } };
    const b = { s: [sn('2', '2'), sn('4', '4')], eans: ['A', 'C'], x: {} };
    expect(keyedDiff(a, b).map(({ path, op }) => [op, path])).toEqual([
      ['remove', '/s/0'],
      ['add', '/s/1'],
      ['replace', '/eans/1'],
      ['remove', '/x/y'],
    ]);
    expect(keyedDiff({ eans: ['A'] }, { eans: ['A', 'B'] })).toEqual([
      { path: '/eans', ids: ['.eans'], op: 'replace', before: ['A'], after: ['A', 'B'] },
    ]);
    expect(keyedDiff({ a: 1, basedOn: 1 }, { a: 1, basedOn: 2 }, ['basedOn'])).toEqual([]);
  });

  it('is linear: 10,000 reversed service numbers with one change diff quickly', () => {
    const a = { s: Array.from({ length: 10_000 }, (_, i) => sn(`S${i}`, '1.00')) };
    const b = structuredClone(a);
    b.s.reverse();
    b.s[10]!.maxAmount = '2.00';
    const t = performance.now();
    expect(keyedDiff(a, b)).toHaveLength(1);
    expect(performance.now() - t).toBeLessThan(2000);
  });
});

describe('threeWay and applyChanges', () => {
  const base = {
    serviceNumbers: [sn('1001', '1500.00'), sn('1002', '2500.00'), sn('1003', '4000.00')],
    rules: [
      rule('r1', [
        { fact: 'a', operator: 'equal', value: 1 },
        { fact: 'b', operator: 'equal', value: 2 },
      ]),
    ],
    settings: { acceptVat: true, kpEans: [] as string[] },
  };

  it('a change conflicts with ours at the same path, a parent or a child — not when ours made the same change', () => {
    const theirs = structuredClone(base);
    theirs.serviceNumbers[0]!.maxAmount = '1600.00'; // ours removes 1001: parent removed
    theirs.serviceNumbers[1]!.maxAmount = '2600.00'; // ours made the same change
    theirs.serviceNumbers.splice(2, 1); // theirs removes 1003, whose limit ours changed: child
    theirs.settings.acceptVat = false; // untouched by ours
    theirs.rules[0]!.conditions.all[1] = { fact: 'b', operator: 'equal', value: 3 }; // ours added a condition
    const ours = structuredClone(base);
    ours.serviceNumbers.splice(0, 1);
    ours.serviceNumbers[0]!.maxAmount = '2600.00';
    ours.serviceNumbers[1]!.maxAmount = '4100.00';
    ours.rules[0]!.conditions.all.push({ fact: 'c', operator: 'equal', value: 4 });
    ours.settings.kpEans = ['5798000012349'];
    const { upstream } = threeWay(base, theirs, ours);
    const byPath = Object.fromEntries(upstream.map((u) => [u.path, u.conflict]));
    expect(byPath).toEqual({
      '/serviceNumbers/0/maxAmount': true,
      '/serviceNumbers/1/maxAmount': false,
      '/serviceNumbers/2': true,
      '/settings/acceptVat': false,
      '/rules/0/conditions/all/1/value': true,
    });
  });

  it('applies by identity: adds after the nearest preceding item ours has, removes and replaces the right item', () => {
    const theirs = structuredClone(base);
    theirs.serviceNumbers.splice(2, 0, sn('1002A', '100.00')); // after 1002
    theirs.serviceNumbers.unshift(sn('0999', '1.00')); // first
    theirs.serviceNumbers = theirs.serviceNumbers.filter((s) => s.code !== '1001');
    theirs.serviceNumbers.find((s) => s.code === '1003')!.maxAmount = '4500.00';
    const ours = structuredClone(base);
    ours.serviceNumbers.reverse(); // ours keeps them in another order
    ours.serviceNumbers.push(sn('9000', '9.00'));
    const { upstream } = threeWay(base, theirs, ours);
    expect(upstream.every((u) => !u.conflict)).toBe(true);
    const failed = applyChanges(ours, theirs, upstream);
    expect(failed).toEqual([]);
    expect(ours.serviceNumbers.map((s) => `${s.code}:${s.maxAmount}`)).toEqual([
      '0999:1.00',
      '1003:4500.00',
      '1002:2500.00',
      '1002A:100.00',
      '9000:9.00',
    ]);
  });

  it('does not touch ours for an upstream change whose parent ours removed', () => {
    const theirs = structuredClone(base);
    theirs.serviceNumbers[0]!.maxAmount = '1.00';
    const ours = structuredClone(base);
    ours.serviceNumbers.splice(0, 1);
    const { upstream } = threeWay(base, theirs, ours);
    expect(applyChanges(ours, theirs, upstream)).toEqual(upstream);
    expect(ours.serviceNumbers.map((s) => s.code)).toEqual(['1002', '1003']);
  });
});
