/**
 * The compiled evaluator against json-rules-engine itself: thousands of generated documents and
 * ruleset variations per run; the same rules must fire — zero disagreements allowed. When
 * json-rules-engine refuses to run (it throws), the evaluator must throw too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRuleset, runRules } from '../../server/src/engine/compile.js';
import { computeFacts, type Facts } from '../../server/src/engine/facts.js';
import { referenceRun } from '../../server/src/engine/reference.js';
import type { Ruleset } from '../../server/src/engine/ruleset.js';
import { documentArb, ledgerArb, rulesetArb, wildFactsArb } from '../support/arbitraries.js';

type Outcome = { fired: string[] } | { error: true };

function ours(rs: Ruleset, facts: Facts): Outcome {
  try {
    const compiled = compileRuleset(rs);
    return { fired: runRules(compiled, facts).fired.map((i) => compiled.rules[i]!.name) };
  } catch {
    return { error: true };
  }
}

async function theirs(rs: Ruleset, facts: Facts): Promise<Outcome> {
  try {
    return { fired: await referenceRun(rs, facts) };
  } catch {
    return { error: true };
  }
}

describe('differential: compiled evaluator vs json-rules-engine', () => {
  it('fires the same rules for ≥ 5,000 generated documents × ruleset variations', async () => {
    let cases = 0;
    let firedSomething = 0;
    await fc.assert(
      fc.asyncProperty(
        rulesetArb,
        fc.array(fc.tuple(documentArb, ledgerArb), { minLength: 5, maxLength: 5 }),
        async (rs, docs) => {
          const tables = compileRuleset({ ...rs, rules: [] }).tables;
          for (const [doc, ledger] of docs) {
            const facts = computeFacts(tables, doc, ledger);
            const a = ours(rs, facts);
            const b = await theirs(rs, facts);
            expect(a).toEqual(b);
            cases++;
            if ('fired' in a && a.fired.length > 0) firedSomething++;
          }
        },
      ),
      { numRuns: 1100 },
    );
    expect(cases).toBeGreaterThanOrEqual(5000);
    // the generators must actually exercise the rules, not just agree on "nothing fired"
    // (about half the cases fire at least one rule; a third is the floor)
    expect(firedSomething).toBeGreaterThan(cases / 3);
  }, 300_000); // ~6 s alone; generous for a loaded 2-core CI machine

  it('agrees on facts of unexpected types (operator edge semantics)', async () => {
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(
        rulesetArb,
        fc.tuple(documentArb, ledgerArb).chain(([doc, ledger]) => {
          return fc.constant({ doc, ledger });
        }),
        fc.integer(),
        async (rs, { doc, ledger }, seed) => {
          const tables = compileRuleset({ ...rs, rules: [] }).tables;
          const base = computeFacts(tables, doc, ledger);
          const [facts] = fc.sample(wildFactsArb(base), { numRuns: 1, seed });
          const a = ours(rs, facts!);
          const b = await theirs(rs, facts!);
          expect(a).toEqual(b);
          cases++;
        },
      ),
      { numRuns: 600 },
    );
    expect(cases).toBe(600);
  }, 300_000);
});
