/**
 * Validation of a ruleset version, in three layers, each issue with a JSON pointer and Danish
 * and English text (this file is the entry and layer 1; each other layer is a file of its own):
 *  1. the JSON Schema (ajv, strict, draft 2020-12; unknown properties are errors);
 *  2. cross-reference checks a schema cannot express (reasons, case types, facts, operators and
 *     named conditions that rules use must exist; codes and names are unique; values fit the
 *     fact's type — money compares only with money operators; locked template rules are kept) —
 *     validate-references.ts, validate-fact-types.ts, validate-locked.ts;
 *  3. lint warnings: a rule no document can reach, a service number without an account, an
 *     expired opt-out, a reason code nothing uses — validate-lint.ts.
 */
import schema from '../../../rulesets/schema/ruleset.v1.schema.json' with { type: 'json' };
import { ajvIssues, createAjv, type Issue } from '../domain/issues.js';
import type { Ruleset } from './ruleset.js';
import { lintIssues } from './validate-lint.js';
import { lockedRuleIssues } from './validate-locked.js';
import { crossReferenceIssues } from './validate-references.js';

export { PLATFORM_REASONS } from './validate-lint.js';
export { lockedRuleIssues } from './validate-locked.js';

export const rulesetSchema = schema;
const validateSchema = createAjv().compile<Ruleset>(schema);

/** Checks intake settings (element paths, the CPR pattern); supplied by the intake module. */
export type IntakeValidator = (intake: NonNullable<Ruleset['intake']>) => Issue[];

export interface ValidateOptions {
  /** "Today" for the expired-opt-out warning (YYYY-MM-DD); defaults to the current date. */
  today?: string;
  /** The template version this ruleset is based on: its locked rules must be kept unchanged. */
  template?: Ruleset;
  intakeValidator?: IntakeValidator;
}

export interface ValidationResult {
  valid: boolean;
  errors: Issue[];
  warnings: Issue[];
}

export function validateRuleset(input: unknown, options: ValidateOptions = {}): ValidationResult {
  if (!validateSchema(input)) {
    return { valid: false, errors: ajvIssues(validateSchema.errors, input), warnings: [] };
  }
  const ruleset = input;
  const errors = crossReferenceIssues(ruleset);
  if (options.template) errors.push(...lockedRuleIssues(ruleset, options.template));
  if (ruleset.intake && options.intakeValidator) errors.push(...options.intakeValidator(ruleset.intake));
  const warnings =
    errors.length === 0 ? lintIssues(ruleset, options.today ?? new Date().toISOString().slice(0, 10)) : [];
  return { valid: errors.length === 0, errors, warnings };
}
