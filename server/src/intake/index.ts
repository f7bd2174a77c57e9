/**
 * Intake: OIOUBL 2.1 / OIOUBL 3 / Peppol BIS 3 XML → the canonical document, and business
 * responses back to XML (responses.ts). The HTTP layer calls {@link parseDocumentXml} and turns
 * an {@link IntakeError} into a problem+json answer with its status and element-path pointers.
 */
import type { CanonicalDocument } from '../domain/document.js';
import { DEFAULT_MAX_BYTES } from './decode.js';
import { detectDocument, type SourceFormat } from './detect.js';
import type { FormatProfile } from './format-profile.js';
import { compileIntake, type IntakeSettings } from './intake-settings.js';
import { OIOUBL21 } from './oioubl21.js';
import { OIOUBL3, PEPPOL_BIS3 } from './peppol.js';
import { readUblDocument } from './ubl-common.js';
import { DEFAULT_MAX_DEPTH, parseXmlTree } from './xml-tree.js';

export { IntakeError, type IntakeStatus } from './errors.js';
export {
  DEFAULT_INTAKE,
  InvalidIntakeSettingsError,
  validateIntakeSettings,
  type IntakeSettings,
} from './intake-settings.js';
export type { SourceFormat } from './detect.js';
export { DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH };
export {
  renderApplicationResponse,
  renderInvoiceResponse,
  type ResponseInput,
  type ResponseOutcome,
} from './responses.js';

export interface ParseOptions {
  /** The ruleset's `intake` settings; omitted lists use {@link DEFAULT_INTAKE}'s. */
  intake?: IntakeSettings;
  /** Largest accepted document in bytes (UTF-8 for a string). Default 5 MiB. */
  maxBytes?: number;
  /** Deepest accepted element nesting (the root is 1). Default 64. */
  maxDepth?: number;
}

/** A limit option: a positive integer, or the default. A bad value is a programming error. */
function limit(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer`);
  return value;
}

const PROFILES: Readonly<Record<SourceFormat, FormatProfile>> = {
  oioubl21: OIOUBL21,
  oioubl3: OIOUBL3,
  'peppol-bis3': PEPPOL_BIS3,
};

/**
 * Parses an XML invoice, credit note or reminder into a canonical document that passes
 * `validateDocument`. Synchronous and bounded: a document is read in one pass with no regular
 * expression backtracking on its content beyond the checked CPR pattern.
 *
 * @throws IntakeError — 400 not well-formed / DOCTYPE / undecodable; 413 too large or too deep;
 *   415 not a supported document or format; 422 required elements missing or unreadable.
 * @throws InvalidIntakeSettingsError — the intake settings themselves are invalid (a ruleset
 *   configuration error, which the ruleset validator prevents).
 */
export function parseDocumentXml(
  xml: string | Buffer | Uint8Array,
  options?: ParseOptions,
): CanonicalDocument {
  const intake = compileIntake(options?.intake);
  const root = parseXmlTree(xml, {
    maxBytes: limit(options?.maxBytes, DEFAULT_MAX_BYTES, 'maxBytes'),
    maxDepth: limit(options?.maxDepth, DEFAULT_MAX_DEPTH, 'maxDepth'),
  });
  const { documentType, format } = detectDocument(root);
  return readUblDocument(root, documentType, PROFILES[format], intake);
}
