/**
 * json-rules-engine, kept as the reference: the same rules run through the real library, to
 * prove (in the differential test) and to show (in the benchmark) that the compiled evaluator
 * fires the same events. A json-rules-engine Engine keeps run state on itself and is unsafe to
 * share between concurrent runs, so `referenceRun` builds a fresh Engine every time;
 * `ReferenceEngine` reuses one for strictly sequential use (the benchmark's best case for it).
 */
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import { MONEY_OPERATORS } from './operators.js';
import type { Facts } from './facts.js';
import type { Ruleset } from './ruleset.js';

function buildEngine(ruleset: Ruleset): Engine {
  const engine = new Engine([], { allowUndefinedFacts: false, allowUndefinedConditions: false });
  for (const op of MONEY_OPERATORS) engine.addOperator(op.name, op.cb);
  for (const [name, condition] of Object.entries(ruleset.conditions ?? {})) {
    engine.setCondition(name, condition as unknown as TopLevelCondition);
  }
  for (const rule of ruleset.rules) {
    const props: RuleProperties = {
      name: rule.name,
      conditions: rule.conditions as unknown as TopLevelCondition,
      event: rule.event,
    };
    if (rule.priority !== undefined) props.priority = rule.priority;
    engine.addRule(props);
  }
  return engine;
}

function firedNames(ruleset: Ruleset, names: Set<string>): string[] {
  return ruleset.rules
    .map((r, i) => ({ name: r.name, priority: r.priority || 1, i }))
    .filter((r) => names.has(r.name))
    .sort((a, b) => b.priority - a.priority || a.i - b.i)
    .map((r) => r.name);
}

async function run(engine: Engine, ruleset: Ruleset, facts: Facts): Promise<string[]> {
  const { results } = await engine.run(facts as unknown as Record<string, unknown>);
  return firedNames(ruleset, new Set(results.map((r) => String(r.name))));
}

/** Names of the rules json-rules-engine fires, in outcome order (priority, then ruleset order). */
export async function referenceRun(ruleset: Ruleset, facts: Facts): Promise<string[]> {
  return run(buildEngine(ruleset), ruleset, facts);
}

/** One Engine reused for sequential runs only (never share it between concurrent runs). */
export class ReferenceEngine {
  private readonly engine: Engine;
  private busy = false;

  constructor(private readonly ruleset: Ruleset) {
    this.engine = buildEngine(ruleset);
  }

  async run(facts: Facts): Promise<string[]> {
    if (this.busy) throw new Error('ReferenceEngine is not safe for concurrent runs');
    this.busy = true;
    try {
      return await run(this.engine, this.ruleset, facts);
    } finally {
      this.busy = false;
    }
  }
}
