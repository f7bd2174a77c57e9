/** The decision engine's public surface: what the platform, the CLI and the benchmarks use. */
import type { Ruleset } from './ruleset.js';
import { contentHash } from '../domain/hash.js';

export { ACTION_TEXTS, actionDetails, actionText, type ActionDetail, type ActionText } from './actions.js';
export { compileRuleset, runRules, CompileError, type CompiledRuleset } from './compile.js';
export {
  decide,
  outcomeOf,
  type EngineDecision,
  type DecisionReason,
  type PaymentGroup,
  type TraceRule,
  type Outcome,
} from './decide.js';
export { computeFacts, type Facts } from './facts.js';
export { FACT_CATALOGUE, FACT_CATALOGUE_VERSION, type FactDefinition } from './fact-catalogue.js';
export { validateRuleset, rulesetSchema, type ValidationResult, type ValidateOptions } from './validate.js';
export { describeRulesetChange, type ChangeText } from './describe-change.js';
export {
  InMemoryLedger,
  EMPTY_SNAPSHOT,
  documentContentHash,
  type Ledger,
  type LedgerEntry,
  type LedgerSnapshot,
  type Posting,
} from './ledger.js';
export { ENGINE_VERSION } from './version.js';
export type { Ruleset } from './ruleset.js';

/** The hash stored with a published version and every decision made under it. */
export function rulesetHash(ruleset: Ruleset): string {
  return contentHash(ruleset);
}
