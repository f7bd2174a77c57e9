/** Validation of canonical documents sent as JSON (or produced by the XML parsers). */
import schema from '../../../rulesets/schema/document.v1.schema.json' with { type: 'json' };
import type { CanonicalDocument } from './document.js';
import { createAjv, ajvIssues, issue, type Issue } from './issues.js';

const validate = createAjv().compile<CanonicalDocument>(schema);

export const documentSchema = schema;

export type DocumentValidation = { ok: true; document: CanonicalDocument } | { ok: false; errors: Issue[] };

/**
 * Checks a canonical document: the JSON Schema (types, money as strings, dates), then what a
 * schema cannot say (unique line ids). Semantics that a municipality may want to handle by rule
 * — invalid CPR numbers, totals that do not add up, a wrong EAN — are *not* errors here: they
 * become facts and the ruleset decides (e.g. reject with UGYLDIGT_CPR).
 */
export function validateDocument(input: unknown): DocumentValidation {
  if (!validate(input)) return { ok: false, errors: ajvIssues(validate.errors, input) };
  const doc = input;
  const errors: Issue[] = [];
  const ids = new Set<string>();
  doc.lines.forEach((line, i) => {
    if (ids.has(line.id)) {
      errors.push(
        issue(
          `/lines/${i}/id`,
          'document.duplicateLineId',
          `Linje-id "${line.id}" bruges mere end én gang.`,
          `Line id "${line.id}" is used more than once.`,
        ),
      );
    }
    ids.add(line.id);
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, document: doc };
}
