import { describe, expect, it } from 'vitest';
import { validateRuleset } from '../../server/src/engine/validate.js';
import { compileRuleset, CompileError } from '../../server/src/engine/compile.js';
import type { Ruleset } from '../../server/src/engine/ruleset.js';
import { kpStandard, loadRuleset, municipalityRuleset } from '../support/fixtures.js';

const TODAY = '2026-11-21';
function errorsOf(rs: unknown) {
  return validateRuleset(rs, { today: TODAY }).errors;
}
function mutated(fn: (rs: Ruleset & Record<string, unknown>) => void): Ruleset {
  const rs = municipalityRuleset() as Ruleset & Record<string, unknown>;
  fn(rs);
  return rs;
}

describe('ruleset validation: the schema', () => {
  it('accepts the template and the example municipality rulesets', () => {
    for (const f of ['rulesets/examples/aalborg-851.json', 'rulesets/examples/broenderslev-810.json']) {
      const r = validateRuleset(loadRuleset(f), { today: TODAY });
      expect(r.errors, f).toEqual([]);
      expect(r.valid).toBe(true);
    }
  });

  it('names an unknown property (a typo) with its pointer, in Danish and English', () => {
    const errs = errorsOf(mutated((rs) => ((rs.rules[0] as unknown as Record<string, unknown>).prority = 5)));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({
      pointer: '/rules/0/prority',
      code: 'schema.additionalProperties',
      message: '"prority" is not a known field here (a typo?).',
      messages: { da: '"prority" er ikke et kendt felt her (stavefejl?).' },
    });
  });

  it('refuses a JSON number where money is expected, naming the field', () => {
    const errs = errorsOf(
      mutated((rs) => ((rs.serviceNumbers[3] as unknown as Record<string, unknown>).maxAmount = 1500)),
    );
    expect(errs.map((e) => e.pointer)).toContain('/serviceNumbers/3/maxAmount');
    const e = errs.find((x) => x.pointer === '/serviceNumbers/3/maxAmount')!;
    expect(e.message).toMatch(/not a JSON number/);
    expect(e.messages.da).toMatch(/ikke som et JSON-tal/);
  });

  it('refuses money with three decimals or a comma', () => {
    const errs = errorsOf(mutated((rs) => (rs.serviceNumbers[0]!.maxAmount = '1500,00')));
    expect(errs[0]!.pointer).toBe('/serviceNumbers/0/maxAmount');
    expect(errs[0]!.message).toContain('"1500,00" is not a valid amount');
  });

  it('reports missing required fields at the missing field', () => {
    const errs = errorsOf(mutated((rs) => delete (rs.settings as Partial<Ruleset['settings']>).acceptVat));
    expect(errs).toEqual([
      expect.objectContaining({ pointer: '/settings/acceptVat', code: 'schema.required' }),
    ]);
  });

  it('reports invalid dates', () => {
    const errs = errorsOf(
      mutated((rs) => (rs.supplierOptOuts = [{ supplier: 'DK1', from: '2026-02-30', until: null }])),
    );
    expect(errs[0]).toMatchObject({ pointer: '/supplierOptOuts/0/from', code: 'schema.format' });
  });

  it('refuses an unsupported path and a malformed operator name', () => {
    const errs = errorsOf(
      mutated((rs) => {
        rs.rules[0]!.conditions = {
          all: [{ fact: 'caseTypes', operator: 'contains', value: 'x', path: '$..*' }],
        };
        rs.rules[1]!.conditions = { all: [{ fact: 'cprCount', operator: 'greater than', value: 1 }] };
      }),
    );
    expect(errs.map((e) => e.pointer).sort()).toEqual([
      '/rules/0/conditions/all/0/path',
      '/rules/1/conditions/all/0/operator',
    ]);
  });
});

describe('ruleset validation: cross-references', () => {
  const cases: [string, (rs: Ruleset) => void, string, string][] = [
    [
      'unknown reason code',
      (rs) => (rs.rules[1]!.event.params.reason = 'SAMLEREGNIG'),
      '/rules/1/event/params/reason',
      'ruleset.unknownReason',
    ],
    [
      'reason of the wrong kind',
      (rs) => (rs.rules[1]!.event.params.reason = 'RYKKERGEBYR'),
      '/rules/1/event/params/reason',
      'ruleset.reasonWrongKind',
    ],
    [
      'inactive reason',
      (rs) => (rs.rejectionReasons[1]!.active = false),
      '/rules/1/event/params/reason',
      'ruleset.inactiveReason',
    ],
    [
      'duplicate service number',
      (rs) => rs.serviceNumbers.push({ ...rs.serviceNumbers[0]! }),
      '/serviceNumbers/14/code',
      'ruleset.duplicate',
    ],
    [
      'duplicate rule name',
      (rs) => rs.rules.push({ ...rs.rules[0]! }),
      '/rules/26/name',
      'ruleset.duplicate',
    ],
    [
      'unknown case type',
      (rs) => (rs.serviceNumbers[2]!.caseType = 'ALM_TANDLAGE'),
      '/serviceNumbers/2/caseType',
      'ruleset.unknownCaseType',
    ],
    [
      'unknown fact',
      (rs) => (rs.rules[0]!.conditions = { all: [{ fact: 'cprCnt', operator: 'equal', value: 1 }] }),
      '/rules/0/conditions/all/0/fact',
      'ruleset.unknownFact',
    ],
    [
      'unknown fact in a reference',
      (rs) =>
        (rs.rules[0]!.conditions = {
          all: [{ fact: 'currency', operator: 'equal', value: { fact: 'valuta' } }],
        }),
      '/rules/0/conditions/all/0/value/fact',
      'ruleset.unknownFact',
    ],
    [
      'unknown operator',
      (rs) => (rs.rules[0]!.conditions = { all: [{ fact: 'cprCount', operator: 'biggerThan', value: 1 }] }),
      '/rules/0/conditions/all/0/operator',
      'ruleset.unknownOperator',
    ],
    [
      'unknown decorator',
      (rs) => (rs.rules[0]!.conditions = { all: [{ fact: 'cprCount', operator: 'maybe:equal', value: 1 }] }),
      '/rules/0/conditions/all/0/operator',
      'ruleset.unknownOperator',
    ],
    [
      'unknown named condition',
      (rs) => (rs.rules[0]!.conditions = { all: [{ condition: 'erFakture' }] }),
      '/rules/0/conditions/all/0/condition',
      'ruleset.unknownCondition',
    ],
    [
      'fact condition at the root',
      (rs) => (rs.rules[0]!.conditions = { fact: 'cprCount', operator: 'equal', value: 1 } as never),
      '/rules/0/conditions',
      'ruleset.rootCondition',
    ],
    [
      'money compared with a float operator',
      (rs) =>
        (rs.rules[0]!.conditions = {
          all: [{ fact: 'payableAmount', operator: 'greaterThan', value: '100.00' }],
        }),
      '/rules/0/conditions/all/0/operator',
      'ruleset.moneyNeedsMoneyOperator',
    ],
    [
      'money operator on a count',
      (rs) =>
        (rs.rules[0]!.conditions = {
          all: [{ fact: 'cprCount', operator: 'moneyGreaterThan', value: '1.00' }],
        }),
      '/rules/0/conditions/all/0/operator',
      'ruleset.moneyOperatorOnNonMoney',
    ],
    [
      'money value that is a number',
      (rs) =>
        (rs.rules[0]!.conditions = {
          all: [{ fact: 'payableAmount', operator: 'moneyGreaterThan', value: 100 }],
        }),
      '/rules/0/conditions/all/0/value',
      'ruleset.valueType',
    ],
    [
      'enum value with a typo',
      (rs) =>
        (rs.rules[0]!.conditions = {
          all: [{ fact: 'documentType', operator: 'equal', value: 'creditnote' }],
        }),
      '/rules/0/conditions/all/0/value',
      'ruleset.valueType',
    ],
    [
      'count compared with a string',
      (rs) =>
        (rs.rules[0]!.conditions = { all: [{ fact: 'cprCount', operator: 'greaterThan', value: '1' }] }),
      '/rules/0/conditions/all/0/value',
      'ruleset.valueType',
    ],
    [
      'in without a list',
      (rs) => (rs.rules[0]!.conditions = { all: [{ fact: 'currency', operator: 'in', value: 'DKK' }] }),
      '/rules/0/conditions/all/0/value',
      'ruleset.valueType',
    ],
    [
      'contains on a scalar',
      (rs) => (rs.rules[0]!.conditions = { all: [{ fact: 'currency', operator: 'contains', value: 'D' }] }),
      '/rules/0/conditions/all/0/operator',
      'ruleset.operatorType',
    ],
    [
      'equal on a list',
      (rs) => (rs.rules[0]!.conditions = { all: [{ fact: 'caseTypes', operator: 'equal', value: 'X' }] }),
      '/rules/0/conditions/all/0/operator',
      'ruleset.operatorType',
    ],
    [
      'path on a scalar fact',
      (rs) =>
        (rs.rules[0]!.conditions = { all: [{ fact: 'cprCount', operator: 'equal', value: 1, path: '$.x' }] }),
      '/rules/0/conditions/all/0/path',
      'ruleset.pathOnScalar',
    ],
    [
      'invalid KP EAN',
      (rs) => (rs.settings.kpEans = ['5798000012345']),
      '/settings/kpEans/0',
      'ruleset.invalidEan',
    ],
    [
      'opt-out ending before it starts',
      (rs) => (rs.supplierOptOuts = [{ supplier: 'DK1', from: '2026-02-01', until: '2026-01-31' }]),
      '/supplierOptOuts/0/until',
      'ruleset.periodReversed',
    ],
    [
      'reason both kinds',
      (rs) => rs.manualReasons.push({ code: 'VALUTA', text: 'Valuta' }),
      '/manualReasons/13/code',
      'ruleset.reasonBothKinds',
    ],
  ];
  for (const [title, mutate, ptr, code] of cases) {
    it(title, () => {
      const rs = municipalityRuleset(mutate);
      const errs = errorsOf(rs);
      expect(errs, JSON.stringify(errs)).toContainEqual(
        expect.objectContaining({ pointer: ptr, code, severity: 'error' }),
      );
      for (const e of errs) {
        expect(e.messages.da.length).toBeGreaterThan(5);
        expect(e.messages.en).toBe(e.message);
      }
    });
  }

  it('finds cycles between named conditions (json-rules-engine would never finish)', () => {
    const rs = municipalityRuleset((r) => {
      r.conditions = { ...r.conditions, a: { all: [{ condition: 'b' }] }, b: { any: [{ condition: 'a' }] } };
    });
    expect(errorsOf(rs)).toContainEqual(
      expect.objectContaining({ code: 'ruleset.conditionCycle', pointer: '/conditions/a' }),
    );
    expect(() =>
      compileRuleset({
        ...rs,
        rules: [
          {
            name: 'x',
            conditions: { condition: 'a' },
            event: { type: 'manual', params: { reason: 'RYKKERGEBYR' } },
          },
        ],
      }),
    ).toThrow(CompileError);
  });

  it('keeps the locked rules of the template: removing or changing one is an error', () => {
    const template = kpStandard();
    const removed = municipalityRuleset(
      (rs) => (rs.rules = rs.rules.filter((r) => r.name !== 'samleregning')),
    );
    expect(validateRuleset(removed, { template, today: TODAY }).errors).toContainEqual(
      expect.objectContaining({ code: 'ruleset.lockedRuleRemoved' }),
    );
    const changed = municipalityRuleset(
      (rs) =>
        (rs.rules.find((r) => r.name === 'samleregning')!.conditions = {
          all: [{ fact: 'cprCount', operator: 'greaterThan', value: 2 }],
        }),
    );
    expect(validateRuleset(changed, { template, today: TODAY }).errors).toContainEqual(
      expect.objectContaining({ code: 'ruleset.lockedRuleChanged', pointer: '/rules/1' }),
    );
    const retitled = municipalityRuleset(
      (rs) => (rs.rules.find((r) => r.name === 'samleregning')!.description = 'Vores egen tekst'),
    );
    expect(validateRuleset(retitled, { template, today: TODAY }).errors).toEqual([]);
    const unlockedEdit = municipalityRuleset(
      (rs) => (rs.rules.find((r) => r.name === 'valuta')!.priority = 99),
    );
    expect(validateRuleset(unlockedEdit, { template, today: TODAY }).errors).toEqual([]);
  });
});

describe('ruleset validation: lint warnings', () => {
  function warnings(rs: Ruleset) {
    const r = validateRuleset(rs, { today: TODAY });
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
    return r.warnings;
  }
  it('a rule no document can reach', () => {
    const w = warnings(
      municipalityRuleset((rs) => {
        rs.rules[0]!.conditions = {
          all: [{ condition: 'erFaktura' }, { fact: 'documentType', operator: 'equal', value: 'reminder' }],
        };
        rs.rules[1]!.conditions = {
          all: [
            { fact: 'cprCount', operator: 'greaterThan', value: 2 },
            { fact: 'cprCount', operator: 'lessThan', value: 3 },
          ],
        };
        rs.rules[2]!.conditions = { all: [{ fact: 'cprCount', operator: 'lessThan', value: 0 }] };
        rs.rules[3]!.conditions = {
          any: [
            {
              all: [
                { fact: 'hasVat', operator: 'equal', value: true },
                { fact: 'hasVat', operator: 'equal', value: false },
              ],
            },
          ],
        };
        rs.rules[4]!.conditions = {
          all: [
            { fact: 'matchingInvoiceStatus', operator: 'in', value: ['none'] },
            { fact: 'matchingInvoiceStatus', operator: 'notEqual', value: 'none' },
          ],
        };
      }),
    );
    expect(w.filter((x) => x.code === 'lint.unreachableRule').map((x) => x.pointer)).toEqual([
      '/rules/0/conditions',
      '/rules/1/conditions',
      '/rules/2/conditions',
      '/rules/3/conditions',
      '/rules/4/conditions',
    ]);
    expect(w[0]!.severity).toBe('warning');
    // reachable variants are not flagged
    const ok = warnings(
      municipalityRuleset(
        (rs) =>
          (rs.rules[1]!.conditions = {
            all: [
              { fact: 'cprCount', operator: 'greaterThan', value: 1 },
              { fact: 'cprCount', operator: 'lessThan', value: 3 },
            ],
          }),
      ),
    );
    expect(ok.filter((x) => x.code === 'lint.unreachableRule')).toEqual([]);
  });
  it('a service number without an account', () => {
    const w = warnings(
      municipalityRuleset((rs) => delete rs.caseTypes.find((c) => c.code === 'ALM_PSYKOLOG')!.account),
    );
    expect(w).toContainEqual(
      expect.objectContaining({ code: 'lint.serviceWithoutAccount', pointer: '/serviceNumbers/7' }),
    );
  });
  it('an expired opt-out', () => {
    const w = warnings(
      municipalityRuleset(
        (rs) =>
          (rs.supplierOptOuts = [
            { supplier: 'DK1', from: '2025-01-01', until: '2026-11-20' },
            { supplier: 'DK2', from: '2025-01-01', until: '2026-11-21' },
          ]),
      ),
    );
    expect(w.filter((x) => x.code === 'lint.expiredOptOut').map((x) => x.pointer)).toEqual([
      '/supplierOptOuts/0/until',
    ]);
  });
  it('a reason code nothing uses (the platform’s own AUTOMATIK_FRA counts as used)', () => {
    const w = warnings(
      municipalityRuleset(
        (rs) => (rs.rules = rs.rules.filter((r) => r.name !== 'valuta' && r.name !== 'automatik-fra')),
      ),
    );
    expect(w.filter((x) => x.code === 'lint.unusedReason').map((x) => x.pointer)).toEqual([
      '/rejectionReasons/5/code',
    ]);
  });
});
