/**
 * The Regler tab's condition builder loses nothing: any json-rules-engine condition the ruleset
 * schema allows (nested all/any/not, named conditions, fact references as values, paths,
 * params, money operators and decorated operators from GET /facts) → react-querybuilder's
 * query → back is the same condition, also after the builder prepares the query (ids, paths).
 */
import fc from 'fast-check';
import { prepareRuleGroup, update } from 'react-querybuilder';
import { describe, expect, it } from 'vitest';
import {
  CONDITION_FIELD,
  fromQuery,
  toQuery,
  type BuilderGroup,
  type Condition,
} from '../../admin-ui/src/ruleset/conditions.js';

const factName = fc.constantFrom('invoiceTotal', 'cprCount', 'documentType', 'serviceNumbers', 'lineAmounts');
const operator = fc.constantFrom(
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'greaterThan',
  'lessThanInclusive',
  'moneyEqual',
  'moneyGreaterThan',
  'moneyLessThanInclusive',
  'not:equal',
  'someFact:moneyGreaterThan',
  'everyValue:in',
);
const jsonPath = fc.constantFrom('$.amount', "$['code']", '$[0]', '$.lines[2].net');
const money = fc.stringMatching(/^(0|[1-9][0-9]{0,6})(\.[0-9]{1,2})?$/);
const scalar = fc.oneof(money, fc.integer(), fc.boolean(), fc.string({ maxLength: 8 }), fc.constant(null));
const factRef = fc.record({ fact: factName, path: jsonPath }, { requiredKeys: ['fact'] });
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), factRef);
const params = fc.dictionary(fc.constantFrom('code', 'index', 'currency'), scalar, { maxKeys: 2 });
const extras = { name: fc.string({ maxLength: 6 }), priority: fc.integer({ min: 1, max: 100 }) };

const factCondition = fc.record(
  { fact: factName, operator, value, path: jsonPath, params, ...extras },
  { requiredKeys: ['fact', 'operator', 'value'] },
);
const namedCondition = fc.record(
  { condition: fc.constantFrom('erFaktura', 'erKreditnota', 'erRykker'), ...extras },
  { requiredKeys: ['condition'] },
);

const { condition } = fc.letrec<{ condition: Condition; all: Condition; any: Condition; not: Condition }>(
  (tie) => ({
    condition: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      factCondition,
      namedCondition,
      tie('all'),
      tie('any'),
      tie('not'),
    ),
    all: fc.record(
      { all: fc.array(tie('condition'), { maxLength: 4 }), ...extras },
      { requiredKeys: ['all'] },
    ),
    any: fc.record(
      { any: fc.array(tie('condition'), { maxLength: 4 }), ...extras },
      { requiredKeys: ['any'] },
    ),
    not: fc.record({ not: tie('condition'), ...extras }, { requiredKeys: ['not'] }),
  }),
);

describe('condition builder ↔ json-rules-engine conditions', () => {
  it('round-trips every condition, as the builder prepares it', () => {
    fc.assert(
      fc.property(condition, (c) => {
        expect(fromQuery(toQuery(c))).toEqual(c);
        expect(fromQuery(prepareRuleGroup(toQuery(c)) as BuilderGroup)).toEqual(c);
        // What goes to the JSON view is what comes back from it.
        expect(fromQuery(toQuery(JSON.parse(JSON.stringify(fromQuery(toQuery(c))))))).toEqual(c);
      }),
      { numRuns: 500 },
    );
  });

  it('maps the shapes to what the builder shows', () => {
    const q = toQuery({
      all: [
        { condition: 'erFaktura' },
        { fact: 'invoiceTotal', operator: 'moneyGreaterThan', value: { fact: 'maxAmount', path: '$.x' } },
        { not: { any: [{ fact: 'cprCount', operator: 'equal', value: 0 }] } },
        { not: { fact: 'cprCount', operator: 'equal', value: 2 } },
      ],
    });
    expect(q.combinator).toBe('and');
    const [named, ref, notAny, notLeaf] = q.rules as unknown as Record<string, unknown>[];
    expect(named).toMatchObject({ field: CONDITION_FIELD, value: 'erFaktura' });
    expect(ref).toMatchObject({ field: 'invoiceTotal', valueSource: 'field', value: 'maxAmount' });
    expect(notAny).toMatchObject({ combinator: 'or', not: true });
    expect(notLeaf).toMatchObject({ combinator: 'and', not: true, meta: { notWrap: true } });
  });

  it('an edit in the builder changes exactly that condition', () => {
    const c = {
      all: [
        { fact: 'cprCount', operator: 'greaterThan', value: 1, params: { x: 1 } },
        { condition: 'erFaktura' },
      ],
    };
    const q = prepareRuleGroup(toQuery(c));
    const edited = update(q, 'value', 2, [0]) as BuilderGroup;
    expect(fromQuery(edited)).toEqual({
      all: [
        { fact: 'cprCount', operator: 'greaterThan', value: 2, params: { x: 1 } },
        { condition: 'erFaktura' },
      ],
    });
  });

  it('a lone condition at the root stays a lone condition', () => {
    expect(fromQuery(toQuery({ condition: 'erRykker' }))).toEqual({ condition: 'erRykker' });
  });
});
