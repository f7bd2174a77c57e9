/**
 * fast-check generators for the differential test: canonical documents, ledger snapshots, and
 * ruleset variations (the committed rulesets with settings flipped, rules dropped and
 * re-prioritised, plus randomly generated rules over the whole fact catalogue, every operator
 * and decorator, paths, fact references, nested all/any/not and named conditions).
 */
import fc from 'fast-check';
import type { CanonicalDocument } from '../../server/src/domain/document.js';
import type { LedgerSnapshot } from '../../server/src/engine/ledger.js';
import { FACT_CATALOGUE, type FactDefinition } from '../../server/src/engine/fact-catalogue.js';
import type { Facts } from '../../server/src/engine/facts.js';
import { BUILTIN_OPERATORS, DECORATOR_NAMES, MONEY_OPERATORS } from '../../server/src/engine/operators.js';
import type { Condition, Rule, Ruleset } from '../../server/src/engine/ruleset.js';
import { KP_EAN, loadRuleset, totalsOf } from './fixtures.js';

const SERVICE_POOL = [
  '1001',
  '1002',
  '1003',
  '1004',
  '2001',
  '3001',
  '4001',
  '5001',
  '5101',
  '5201',
  '6001',
  '9999',
  '7777',
];
const CPR_POOL = [
  '0101501234',
  '3112991234',
  '2902001234',
  '3002991234',
  '1513001234',
  '0101504321',
  '2902961234',
];
const SUPPLIERS = ['DK16356706', 'DK29876543', '29876543', 'DK31234567', 'DK40506070', '12345678'];

export const moneyArb = fc
  .tuple(fc.boolean(), fc.integer({ min: 0, max: 400_000 }))
  .map(
    ([neg, ore]) =>
      `${neg && ore > 0 && ore % 7 === 0 ? '-' : ''}${Math.trunc(ore / 100)}.${String(ore % 100).padStart(2, '0')}`,
  );

const dateArb = fc
  .tuple(
    fc.integer({ min: 2024, max: 2027 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 28 }),
  )
  .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);

export const documentArb: fc.Arbitrary<CanonicalDocument> = fc
  .record({
    documentType: fc.constantFrom('invoice', 'invoice', 'creditNote', 'reminder') as fc.Arbitrary<
      CanonicalDocument['documentType']
    >,
    id: fc.stringMatching(/^[A-Z]{1,2}[0-9]{1,6}$/),
    issueDate: dateArb,
    currency: fc.constantFrom('DKK', 'DKK', 'DKK', 'EUR', 'SEK'),
    supplier: fc.constantFrom(...SUPPLIERS).map((id) => ({ id })),
    ean: fc.constantFrom(KP_EAN, KP_EAN, KP_EAN, '5798000420434', '5790000000005', null),
    cprNumbers: fc.uniqueArray(fc.constantFrom(...CPR_POOL), { maxLength: 3 }),
    lines: fc.array(
      fc.record({
        serviceNumber: fc.option(fc.constantFrom(...SERVICE_POOL), { nil: null, freq: 8 }),
        netAmount: moneyArb,
        vat: fc.constantFrom('none', 'none', '25'),
      }),
      { maxLength: 5 },
    ),
    consistent: fc.boolean(),
    randomTotals: fc.record({ net: moneyArb, vat: moneyArb, payable: moneyArb }),
    billing: fc.option(fc.stringMatching(/^[A-Z][0-9]{1,4}$/), { nil: null }),
    fee: fc.constantFrom('0.00', '43.00', '100.00', '100.01', '250.00'),
  })
  .map((r) => {
    const doc: CanonicalDocument = {
      documentType: r.documentType,
      id: r.id,
      issueDate: r.issueDate,
      currency: r.currency,
      supplier: r.supplier,
      buyer: { ean: r.ean },
      cprNumbers: r.cprNumbers,
      lines: r.lines.map((l, i) => {
        const netOre = Math.round(Number(l.netAmount) * 100); // test data only; the product never does this
        const vatOre = l.vat === '25' ? Math.round(netOre / 4) : 0;
        const vat = `${vatOre < 0 ? '-' : ''}${Math.trunc(Math.abs(vatOre) / 100)}.${String(Math.abs(vatOre) % 100).padStart(2, '0')}`;
        return { id: String(i + 1), serviceNumber: l.serviceNumber, netAmount: l.netAmount, vatAmount: vat };
      }),
      totals: { net: '0.00', vat: '0.00', payable: '0.00' },
    };
    if (r.documentType !== 'invoice' && r.billing) doc.billingReference = { id: r.billing };
    if (r.documentType === 'reminder') doc.reminder = { fee: r.fee, sequence: 1 };
    doc.totals = r.consistent ? totalsOf(doc) : r.randomTotals;
    return doc;
  });

export const ledgerArb: fc.Arbitrary<LedgerSnapshot> = fc.record({
  matchingInvoice: fc.option(
    fc.record({
      id: fc.constant('A1'),
      status: fc.constantFrom('approved', 'rejected', 'manual') as fc.Arbitrary<
        'approved' | 'rejected' | 'manual'
      >,
      payable: moneyArb,
      postings: fc.constant([{ account: '5.32.32.001', amount: '100.00' }]),
      credited: fc.option(
        moneyArb.map((a) => a.replace('-', '')),
        { nil: undefined },
      ),
    }),
    { nil: null },
  ),
  openCaseThisYear: fc.boolean(),
  openCaseTypes: fc.option(fc.subarray(['ALM_TANDLAEGE', 'ALM_FYSIOTERAPI', 'ALM_MEDICIN']), {
    nil: undefined,
  }),
  previous: fc.option(fc.record({ contentHash: fc.constantFrom('sha256:other') }), { nil: null }),
});

// --- random rules ------------------------------------------------------------------------------

function valueFor(def: FactDefinition): fc.Arbitrary<unknown> {
  switch (def.type) {
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.oneof(fc.integer({ min: -1, max: 4 }), fc.constantFrom(0.5, '1', '2', 'x'));
    case 'money':
    case 'money?':
      return fc.oneof(moneyArb, fc.constantFrom('0.00', '100.00', '25000.00', null, 100, '1e3'));
    case 'string[]':
      return fc.constantFrom(...(def.values ?? SERVICE_POOL), 'ALM_TANDLAEGE', 'UDV_BRILLER');
    case 'date':
      return dateArb;
    default:
      return def.values
        ? fc.constantFrom(...def.values, 'other')
        : fc.constantFrom('DKK', 'EUR', 'DK16356706', '40506070', KP_EAN, null, '');
  }
}

const OPERATORS = [...BUILTIN_OPERATORS.map((o) => o.name), ...MONEY_OPERATORS.map((o) => o.name)];
const operatorArb = fc
  .tuple(fc.array(fc.constantFrom(...DECORATOR_NAMES), { maxLength: 2 }), fc.constantFrom(...OPERATORS))
  .map(([decs, op]) => [...decs, op].join(':'));

const factArb = fc.constantFrom(...FACT_CATALOGUE);

const leafArb = (): fc.Arbitrary<Condition> =>
  factArb
    .chain((def) =>
      fc
        .record({
          operator: fc.oneof(
            { weight: 6, arbitrary: fc.constantFrom(...defaultOps(def)) },
            { weight: 1, arbitrary: operatorArb },
          ),
          value: fc.oneof(
            { weight: 6, arbitrary: valueFor(def) },
            { weight: 1, arbitrary: fc.array(valueFor(def), { maxLength: 3 }) },
            { weight: 1, arbitrary: factArb.map((d) => ({ fact: d.name })) },
            {
              weight: 1,
              arbitrary: factArb
                .filter((d) => d.type === 'string[]')
                .map((d) => ({ fact: d.name, path: '$[0]' })),
            },
          ),
          path: fc.option(fc.constantFrom('$', '$.length', '$[0]', '$[1]', "$['0']", '$.x'), {
            nil: undefined,
            freq: 6,
          }),
          priority: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined, freq: 4 }),
        })
        .map(({ operator, value, path, priority }) => {
          const c: Record<string, unknown> = { fact: def.name, operator, value };
          if (path !== undefined) c.path = path;
          if (priority !== undefined) c.priority = priority;
          return c as unknown as Condition;
        }),
    )
    .map((c) => c) as fc.Arbitrary<Condition>;

function defaultOps(def: FactDefinition): string[] {
  switch (def.type) {
    case 'integer':
      return [
        'equal',
        'notEqual',
        'greaterThan',
        'lessThan',
        'greaterThanInclusive',
        'lessThanInclusive',
        'in',
        'notIn',
      ];
    case 'money':
    case 'money?':
      return MONEY_OPERATORS.map((o) => o.name).concat(['equal']);
    case 'string[]':
      return ['contains', 'doesNotContain', 'someFact:equal', 'everyFact:notEqual'];
    default:
      return ['equal', 'notEqual', 'in', 'notIn'];
  }
}

function conditionArb(names: string[], depth: number): fc.Arbitrary<Condition> {
  if (depth <= 0) return leafArb();
  const sub = conditionArb(names, depth - 1);
  const options: fc.Arbitrary<Condition>[] = [
    leafArb(),
    leafArb(),
    fc.array(sub, { maxLength: 4 }).map((all) => ({ all })),
    fc.array(sub, { maxLength: 4 }).map((any) => ({ any })),
    sub.map((not) => ({ not })),
  ];
  if (names.length > 0) options.push(fc.constantFrom(...names).map((condition) => ({ condition })));
  return fc.oneof(...options);
}

const topArb = (names: string[]): fc.Arbitrary<Rule['conditions']> => {
  const sub = conditionArb(names, 2);
  const options: fc.Arbitrary<Rule['conditions']>[] = [
    fc.array(sub, { maxLength: 4 }).map((all) => ({ all })),
    fc.array(sub, { maxLength: 4 }).map((any) => ({ any })),
    sub.map((not) => ({ not })),
  ];
  if (names.length > 0) options.push(fc.constantFrom(...names).map((condition) => ({ condition })));
  return fc.oneof(...options);
};

const BASES = [
  'rulesets/templates/kp-standard.json',
  'rulesets/examples/aalborg-851.json',
  'rulesets/examples/broenderslev-810.json',
].map(loadRuleset);

export const rulesetArb: fc.Arbitrary<Ruleset> = fc
  .record({
    base: fc.constantFrom(...BASES),
    automaticProcessing: fc.boolean(),
    acceptVat: fc.boolean(),
    autoApprove: fc.boolean(),
    feeUpTo: fc.constantFrom(null, '43.00', '100.00'),
    // an ordinary service not set up for automatic processing, and an udvidet one that is — so
    // ordinaryManualServiceNumbers differs from manualServiceNumbers (issue 8, finding 11)
    notAutomatic: fc.subarray(['1003', '3001']),
    automatic: fc.subarray(['5101', '6001']),
    keep: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
    priorities: fc.array(fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined, freq: 3 }), {
      minLength: 40,
      maxLength: 40,
    }),
    namedCount: fc.integer({ min: 0, max: 3 }),
  })
  .chain((r) => {
    // named conditions: each may refer only to earlier ones, so there are no cycles
    const namedArbs: fc.Arbitrary<Condition>[] = [];
    for (let i = 0; i < r.namedCount; i++)
      namedArbs.push(topArb(Array.from({ length: i }, (_, k) => `n${k}`)) as fc.Arbitrary<Condition>);
    const allNames = [
      ...Object.keys(r.base.conditions ?? {}),
      ...Array.from({ length: r.namedCount }, (_, k) => `n${k}`),
    ];
    return fc.tuple(
      fc.constant(r),
      fc.tuple(...namedArbs),
      fc.array(
        fc.record({
          conditions: topArb(allNames),
          type: fc.constantFrom('reject', 'manual'),
          priority: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
        }),
        { maxLength: 8 },
      ),
    );
  })
  .map(([r, named, extra]) => {
    const rs: Ruleset = structuredClone(r.base);
    rs.settings.automaticProcessing = r.automaticProcessing;
    rs.settings.acceptVat = r.acceptVat;
    rs.settings.kpEans = [KP_EAN];
    rs.creditNotes.autoApproveWhenInvoiceApproved = r.autoApprove;
    rs.reminders.autoAcceptFeeUpTo = r.feeUpTo;
    for (const s of rs.serviceNumbers) {
      if (r.notAutomatic.includes(s.code)) s.automatic = false;
      if (r.automatic.includes(s.code)) s.automatic = true;
    }
    rs.rules = rs.rules
      .filter((_, i) => r.keep[i] !== false || i % 3 === 0)
      .map((rule, i) => {
        const p = r.priorities[i];
        return p === undefined ? rule : { ...rule, priority: p };
      });
    const conditions: Record<string, Condition> = { ...(rs.conditions ?? {}) };
    named.forEach((c, i) => (conditions[`n${i}`] = c));
    rs.conditions = conditions;
    extra.forEach((e, i) => {
      const rule: Rule = {
        name: `random-${i}`,
        conditions: e.conditions,
        event: {
          type: e.type as 'reject' | 'manual',
          params: { reason: e.type === 'reject' ? 'SAMLEREGNING' : 'RYKKERGEBYR' },
        },
      };
      if (e.priority !== undefined) rule.priority = e.priority;
      rs.rules.push(rule);
    });
    return rs;
  });

/** Perturbs computed facts with values of other types, to exercise operator semantics. */
export const wildFactsArb = (facts: Facts): fc.Arbitrary<Facts> =>
  fc
    .array(
      fc.tuple(
        fc.constantFrom(...FACT_CATALOGUE.map((d) => d.name)),
        fc.oneof(
          fc.constantFrom(
            null,
            undefined,
            0,
            -1,
            1.5,
            '',
            '0',
            '10',
            '1e2',
            'abc',
            true,
            false,
            [],
            ['udvidet'],
            [1, 2],
            {},
            { x: 1 },
            NaN,
          ),
          fc.jsonValue({ maxDepth: 2 }),
        ),
      ),
      { maxLength: 6 },
    )
    .map((changes) => {
      const copy = { ...facts } as Record<string, unknown>;
      for (const [k, v] of changes) copy[k] = v;
      return copy as unknown as Facts;
    });
