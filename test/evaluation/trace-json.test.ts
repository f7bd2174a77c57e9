/**
 * The evaluate response's trace text (traceJson, from the version's skeleton) is the same JSON as
 * JSON.stringify of the trace, for every decision of the benchmark's verification corpus under
 * kp-standard and a variant, and for a trace the skeleton no longer fits (a new skeleton).
 */
import { describe, expect, it } from 'vitest';
import { compileRuleset, decide } from '../../server/src/engine/index.js';
import type { TraceRule } from '../../server/src/engine/decide.js';
import { TraceEncoder, traceJson } from '../../server/src/features/evaluation/trace-codec.js';
import { decisionViewJson } from '../../server/src/features/evaluation/decision-view.js';
import { baseRuleset, variantRuleset, verificationCases } from '../../bench/corpus.js';

describe('traceJson', () => {
  it('gives the same JSON as JSON.stringify for every decision of the corpus', () => {
    const encoder = new TraceEncoder();
    let n = 0;
    for (const [source, ruleset] of [
      ['base', baseRuleset()],
      ['variant', variantRuleset()],
    ] as const) {
      const compiled = compileRuleset(ruleset);
      for (const c of verificationCases()) {
        const { trace } = decide(compiled, c.doc, c.ledger);
        const known = encoder.skeletonFor(trace, source);
        expect(known).not.toBeNull();
        expect(JSON.parse(traceJson(trace, known!))).toEqual(JSON.parse(JSON.stringify(trace)));
        n++;
      }
    }
    expect(n).toBeGreaterThan(40);
  });

  it('escapes as JSON.stringify does; a changed trace gets a new skeleton, an unknown shape none', () => {
    const encoder = new TraceEncoder();
    const trace: TraceRule[] = [
      {
        rule: 'a',
        priority: 10,
        fired: true,
        event: { type: 'manual', reason: 'X' },
        conditions: [
          { fact: 'f', path: '$.p', operator: 'in', value: ['1', '2'], factValue: '1', result: true },
          { fact: 'g', operator: 'equal', value: { fact: 'h' }, factValue: 3, valueResult: 3, result: null },
          { fact: 'u', operator: 'equal', value: 'x"\\\u0001', factValue: 'æ\n', result: false },
        ],
      },
    ];
    // a key holding undefined is something the codec does not know: no skeleton (JSON.stringify)
    const odd = structuredClone(trace);
    odd[0]!.conditions[2]!.factValue = undefined;
    expect(encoder.skeletonFor(odd, 's')).toBeNull();
    const known = encoder.skeletonFor(trace, 's')!;
    expect(JSON.parse(traceJson(trace, known))).toEqual(JSON.parse(JSON.stringify(trace)));
    const changed = structuredClone(trace);
    changed[0]!.conditions[0]!.value = ['3'];
    const again = encoder.skeletonFor(changed, 's')!;
    expect(again.id).not.toBe(known.id);
    expect(JSON.parse(traceJson(changed, again))).toEqual(JSON.parse(JSON.stringify(changed)));
  });

  it('decisionViewJson is the view as JSON, with or without the trace text', () => {
    const view = { id: 'x', outcome: 'approved', trace: [{ rule: 'a' }], comment: undefined } as never;
    expect(JSON.parse(decisionViewJson(view))).toEqual(JSON.parse(JSON.stringify(view)));
    expect(JSON.parse(decisionViewJson(view, '[{"rule":"a"}]'))).toEqual(JSON.parse(JSON.stringify(view)));
  });
});
