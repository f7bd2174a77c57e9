/**
 * Validation of a ruleset document as the product needs it: the engine's checks (schema,
 * cross-references, locked template rules, lint) plus the intake settings (element paths and the
 * CPR pattern), which belong to the intake module. The CLI and the API both call this.
 */
import { validateRuleset, type ValidateOptions, type ValidationResult } from './engine/validate.js';
import { validateIntakeSettings } from './intake/index.js';

export function validateRulesetDocument(
  input: unknown,
  options: Omit<ValidateOptions, 'intakeValidator'> = {},
): ValidationResult {
  return validateRuleset(input, { ...options, intakeValidator: validateIntakeSettings });
}
