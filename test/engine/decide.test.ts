import { describe, expect, it } from 'vitest';
import {
  compileRuleset,
  decide,
  EMPTY_SNAPSHOT,
  ENGINE_VERSION,
  rulesetHash,
} from '../../server/src/engine/index.js';
import { invoice, line, municipalityRuleset, totalsOf } from '../support/fixtures.js';

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

describe('decide', () => {
  it('is deterministic: the same ruleset, document and ledger give the same decision, byte for byte', () => {
    const doc = invoice({ lines: [line('1', '1001', '1600.00'), line('2', '3001', '200.00')] });
    doc.totals = totalsOf(doc);
    const a = JSON.stringify(decide(compileRuleset(municipalityRuleset()), doc, EMPTY_SNAPSHOT));
    const b = JSON.stringify(
      decide(compileRuleset(municipalityRuleset()), structuredClone(doc), EMPTY_SNAPSHOT),
    );
    expect(a).toBe(b);
    expect(JSON.parse(a).engineVersion).toBe(ENGINE_VERSION);
  });

  it('never mutates the ruleset or the document (a compiled version is shared by concurrent requests)', () => {
    const rs = deepFreeze(municipalityRuleset());
    const doc = deepFreeze(invoice({ cprNumbers: ['0101501234', '3112991234'] }));
    const compiled = compileRuleset(rs);
    expect(() => decide(compiled, doc, EMPTY_SNAPSHOT)).not.toThrow();
    expect(decide(compiled, doc, EMPTY_SNAPSHOT).outcome).toBe('rejected');
  });

  it('records in the trace every rule with its conditions and fact values, and which were not evaluated', () => {
    const d = decide(compileRuleset(municipalityRuleset()), invoice(), EMPTY_SNAPSHOT);
    expect(d.trace).toHaveLength(26);
    const samle = d.trace.find((t) => t.rule === 'samleregning')!;
    expect(samle).toEqual({
      rule: 'samleregning',
      priority: 100,
      fired: false,
      conditions: [{ fact: 'cprCount', operator: 'greaterThan', value: 1, factValue: 1, result: false }],
    });
    const valuta = d.trace.find((t) => t.rule === 'valuta')!;
    expect(valuta.conditions[0]).toMatchObject({
      fact: 'currency',
      value: { fact: 'expectedCurrency' },
      valueResult: 'DKK',
      factValue: 'DKK',
      result: false,
    });
    const credit = d.trace.find((t) => t.rule === 'kreditnota-uden-faktura')!;
    expect(credit.conditions.map((c) => c.result)).toEqual([false, true]); // same priority set: both evaluated
    // a higher-priority condition that fails settles an `all` before the next set is evaluated
    const rs = municipalityRuleset((r) =>
      r.rules.push({
        name: 'prioriteret',
        conditions: {
          all: [
            { fact: 'currency', operator: 'equal', value: 'DKK' },
            { fact: 'cprCount', operator: 'equal', value: 5, priority: 2 },
          ],
        },
        event: { type: 'manual', params: { reason: 'RYKKERGEBYR' } },
      }),
    );
    const short = decide(compileRuleset(rs), invoice(), EMPTY_SNAPSHOT).trace.find(
      (t) => t.rule === 'prioriteret',
    )!;
    expect(short.conditions.map((c) => [c.fact, c.result])).toEqual([
      ['currency', null],
      ['cprCount', false],
    ]);
    expect(
      decide(compileRuleset(municipalityRuleset()), invoice(), EMPTY_SNAPSHOT, { trace: false }).trace,
    ).toEqual([]);
  });

  it('hashes a ruleset by content, not by key order', () => {
    const rs = municipalityRuleset();
    const reordered = Object.fromEntries(Object.entries(rs).reverse()) as typeof rs;
    expect(rulesetHash(reordered)).toBe(rulesetHash(rs));
    expect(rulesetHash({ ...rs, name: 'other' })).not.toBe(rulesetHash(rs));
  });

  it('takes the comment of the first reject event to the ERP', () => {
    const rs = municipalityRuleset(
      (r) =>
        (r.rules.find((x) => x.name === 'samleregning')!.event.params.comment =
          'Send én faktura pr. borger.'),
    );
    const d = decide(
      compileRuleset(rs),
      invoice({ cprNumbers: ['0101501234', '3112991234'] }),
      EMPTY_SNAPSHOT,
    );
    expect(d.comment).toBe('Send én faktura pr. borger.');
  });
});
