/**
 * A ruleset's `intake` settings: where on an XML document the CPR numbers and, per line, the
 * service number (ydelsesnummer) are — which is not standardised; each municipality's
 * suppliers do it their own way (PRODUCT.md §1). Paths use the grammar in paths.ts.
 *
 * A list given in the ruleset *replaces* the default list (it does not add to it), so a
 * municipality can narrow the search as well as widen it; an omitted list means the default.
 */
import { DEFAULT_CPR_TEXT_PATTERN } from '../domain/cpr.js';
import { issue, type Issue } from '../domain/issues.js';
import { parseElementPath, type ElementPath } from './paths.js';
import { checkCprPattern } from './regex-safety.js';

export interface IntakeSettings {
  /** Element paths from the document root where CPR numbers may be. */
  cpr?: readonly string[];
  /** Regular expression finding a CPR number in free text (default {@link DEFAULT_CPR_TEXT_PATTERN}). */
  cprPattern?: string;
  /** Element paths from each line to its service number; the first non-empty one wins. */
  serviceNumber?: readonly string[];
}

/**
 * Where Danish health providers put them (PRODUCT.md §1), in the order they are tried.
 *
 * CPR — every place is read and every distinct number kept, so a samleregning is caught:
 * the order reference and the customer contact's ID (identifier fields: a ten-digit value is a
 * candidate even if its date is invalid, so the ruleset can reject UGYLDIGT_CPR); the
 * document note, accounting cost and buyer reference, and each line's note, accounting cost,
 * item name, description and additional item property values (free text: only date-valid
 * matches of `cprPattern`); and any element marked `schemeID="DK:CPR"` (identifier).
 *
 * Service number — a line's `AdditionalItemProperty` named Ydelsesnummer/Ydelsesnr/Ydelseskode
 * is the most explicit signal and is tried first, then the seller's and the standard item
 * identification.
 */
export const DEFAULT_INTAKE: Readonly<Required<IntakeSettings>> = Object.freeze({
  cpr: Object.freeze([
    'OrderReference/ID',
    'AccountingCustomerParty/Party/Contact/ID',
    'Note',
    'AccountingCost',
    'BuyerReference',
    'Line/Note',
    'Line/AccountingCost',
    'Line/Item/Name',
    'Line/Item/Description',
    'Line/Item/AdditionalItemProperty/Value',
    '@schemeID=DK:CPR',
  ]),
  cprPattern: DEFAULT_CPR_TEXT_PATTERN.source,
  serviceNumber: Object.freeze([
    "Item/AdditionalItemProperty[Name='Ydelsesnummer']/Value",
    "Item/AdditionalItemProperty[Name='Ydelsesnr']/Value",
    "Item/AdditionalItemProperty[Name='Ydelseskode']/Value",
    'Item/SellersItemIdentification/ID',
    'Item/StandardItemIdentification/ID',
  ]),
});

/** Settings ready to run: parsed paths and a compiled (global) pattern. */
export interface CompiledIntake {
  cpr: ElementPath[];
  cprPattern: RegExp;
  serviceNumber: ElementPath[];
}

/** Mirrors the JSON Schema's limits for `intake` (rulesets/schema/ruleset.v1.schema.json). */
const MAX_PATHS = 50;
const MAX_PATH_LENGTH = 300;
const PATH_CHARS = /^[A-Za-z0-9_:@=*/.[\]' -]+$/;

function checkPathList(value: unknown, key: 'cpr' | 'serviceNumber', issues: Issue[]): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    issues.push(
      issue(`/intake/${key}`, 'intake.paths', 'Skal være en liste af stier.', 'Must be a list of paths.'),
    );
    return;
  }
  if (value.length > MAX_PATHS) {
    issues.push(
      issue(
        `/intake/${key}`,
        'intake.paths',
        `Højst ${MAX_PATHS} stier er tilladt.`,
        `At most ${MAX_PATHS} paths are allowed.`,
      ),
    );
  }
  value.forEach((raw: unknown, i) => {
    const ptr = `/intake/${key}/${i}`;
    if (typeof raw !== 'string') {
      issues.push(issue(ptr, 'intake.path', 'Stien skal være tekst.', 'The path must be a string.'));
      return;
    }
    if (raw.length > MAX_PATH_LENGTH || !PATH_CHARS.test(raw)) {
      issues.push(
        issue(
          ptr,
          'intake.path',
          `Stien må højst være ${MAX_PATH_LENGTH} tegn og kun indeholde bogstaver A–Z, cifre og _ : @ = * / . [ ] ' - og mellemrum.`,
          `The path must be at most ${MAX_PATH_LENGTH} characters of letters A–Z, digits and _ : @ = * / . [ ] ' - and space.`,
        ),
      );
      return;
    }
    const parsed = parseElementPath(raw, key === 'cpr');
    if (!parsed.ok) {
      issues.push(
        issue(
          ptr,
          'intake.path',
          `Ugyldig sti "${raw}": ${parsed.da}`,
          `Invalid path "${raw}": ${parsed.en}`,
        ),
      );
    }
  });
}

/**
 * Checks a ruleset's `intake` object: path syntax, and that `cprPattern` compiles and cannot
 * backtrack catastrophically. Pointers are relative to the ruleset (`/intake/cpr/2`). The
 * ruleset validator calls this after the JSON Schema; it is also safe on unchecked input.
 */
export function validateIntakeSettings(intake: unknown): Issue[] {
  if (intake === undefined || intake === null) return [];
  if (typeof intake !== 'object' || Array.isArray(intake)) {
    return [issue('/intake', 'intake.type', 'Skal være et objekt.', 'Must be an object.')];
  }
  const settings = intake as Record<string, unknown>;
  const issues: Issue[] = [];
  checkPathList(settings.cpr, 'cpr', issues);
  checkPathList(settings.serviceNumber, 'serviceNumber', issues);
  const pattern = settings.cprPattern;
  if (pattern !== undefined) {
    if (typeof pattern !== 'string' || pattern === '') {
      issues.push(
        issue(
          '/intake/cprPattern',
          'intake.cprPattern',
          'Skal være en ikke-tom tekst.',
          'Must be a non-empty string.',
        ),
      );
    } else {
      for (const p of checkCprPattern(pattern))
        issues.push(issue('/intake/cprPattern', 'intake.cprPattern', p.da, p.en));
    }
  }
  return issues;
}

/** Thrown by {@link compileIntake} for settings that {@link validateIntakeSettings} rejects. */
export class InvalidIntakeSettingsError extends Error {
  override readonly name = 'InvalidIntakeSettingsError';
  constructor(readonly errors: Issue[]) {
    super(`Invalid intake settings: ${errors.map((e) => `${e.pointer}: ${e.message}`).join('; ')}`);
  }
}

const cache = new WeakMap<object, CompiledIntake>();
let defaultCompiled: CompiledIntake | undefined;

function compilePaths(paths: readonly string[], allowLine: boolean): ElementPath[] {
  return paths.map((p) => {
    const parsed = parseElementPath(p, allowLine);
    if (!parsed.ok) throw new Error(`unreachable: validated path ${p}`);
    return parsed.path;
  });
}

/**
 * Validates and compiles settings (memoised per settings object: rulesets are immutable once
 * published). Throws {@link InvalidIntakeSettingsError} — a configuration error, not the
 * document's fault — when they are invalid.
 */
export function compileIntake(settings: IntakeSettings | undefined): CompiledIntake {
  if (settings === undefined) {
    defaultCompiled ??= compileIntake(DEFAULT_INTAKE);
    return defaultCompiled;
  }
  const hit = cache.get(settings);
  if (hit !== undefined) return hit;
  const problems = validateIntakeSettings(settings);
  if (problems.length > 0) throw new InvalidIntakeSettingsError(problems);
  const compiled: CompiledIntake = {
    cpr: compilePaths(settings.cpr ?? DEFAULT_INTAKE.cpr, true),
    cprPattern: new RegExp(settings.cprPattern ?? DEFAULT_INTAKE.cprPattern, 'g'),
    serviceNumber: compilePaths(settings.serviceNumber ?? DEFAULT_INTAKE.serviceNumber, false),
  };
  cache.set(settings, compiled);
  return compiled;
}
