/**
 * Validation of a ruleset document as the product needs it: the engine's checks (schema,
 * cross-references, fact types, locked template rules, lint) plus the intake settings (element
 * paths and the CPR pattern), which belong to the intake module — `validateRulesetDocument`, for
 * the CLI and the API alike; and `validateDocument`, which also looks up the template version a
 * document is based on (its locked rules are kept) — as saving, publishing and evaluating a
 * draft do.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { issue, type Issue } from '../../domain/issues.js';
import {
  validateRuleset,
  type Ruleset,
  type ValidateOptions,
  type ValidationResult,
} from '../../engine/index.js';
import { ValidationError } from '../../http/errors.js';
import { validateIntakeSettings } from '../../intake/index.js';
import { findTemplateVersion } from '../templates/template-repository.js';

export function validateRulesetDocument(
  input: unknown,
  options: Omit<ValidateOptions, 'intakeValidator'> = {},
): ValidationResult {
  return validateRuleset(input, { ...options, intakeValidator: validateIntakeSettings });
}

export interface BasedOn {
  template: string;
  version: number;
}

export function basedOnOf(doc: unknown): BasedOn | null {
  if (doc === null || typeof doc !== 'object') return null;
  const b = (doc as { basedOn?: unknown }).basedOn;
  if (b === null || typeof b !== 'object') return null;
  const { template, version } = b as Record<string, unknown>;
  return typeof template === 'string' && Number.isInteger(version)
    ? { template, version: version as number }
    : null;
}

export function requiresApprovalInDoc(doc: unknown): boolean {
  const g = (doc as { governance?: { requireApproval?: unknown } } | null)?.governance;
  return g?.requireApproval === true;
}

/**
 * Validates a ruleset document as publishing would: the JSON Schema, cross-references, the
 * intake settings, and — when it is based on a template — that the template version exists and
 * its locked rules are kept.
 */
export async function validateDocument(db: Kysely<DB>, doc: unknown, now: Date): Promise<ValidationResult> {
  const basedOn = basedOnOf(doc);
  const extra: Issue[] = [];
  let template: Ruleset | undefined;
  if (basedOn) {
    const tv = await findTemplateVersion(db, basedOn.template, basedOn.version);
    if (tv) template = tv.document;
    else
      extra.push(
        issue(
          '/basedOn',
          'ruleset.unknownTemplate',
          `Skabelonen "${basedOn.template}" version ${basedOn.version} findes ikke.`,
          `Template "${basedOn.template}" version ${basedOn.version} does not exist.`,
        ),
      );
  }
  const result = validateRulesetDocument(doc, {
    today: now.toISOString().slice(0, 10),
    ...(template ? { template } : {}),
  });
  return extra.length === 0
    ? result
    : { valid: false, errors: [...result.errors, ...extra], warnings: result.warnings };
}

export function invalid(detail: string, result: ValidationResult): ValidationError {
  return new ValidationError(detail, result.errors, { warnings: result.warnings });
}
