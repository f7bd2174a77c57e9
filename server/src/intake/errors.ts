/**
 * Why an XML document was refused. Every refusal is an {@link IntakeError} carrying the HTTP
 * status the API should answer with and the problems found, each naming the XML element path
 * (e.g. `/Invoice/LegalMonetaryTotal/PayableAmount`, `/Invoice/InvoiceLine[2]/ID`) in its
 * `pointer`, with Danish and English text. Nothing from a refused document is stored.
 *
 * - 400: not XML, not well-formed, DOCTYPE/entity declarations, undecodable bytes.
 * - 413: larger than the byte limit, or nested deeper than the depth limit.
 * - 415: well-formed XML, but not a document type/format Regelværk reads (an Order, an
 *        ApplicationResponse, an unknown CustomizationID, a character encoding we do not read).
 * - 422: a supported document with required elements missing or values that cannot be read.
 */
import { issue, type Issue } from '../domain/issues.js';

export type IntakeStatus = 400 | 413 | 415 | 422;

export class IntakeError extends Error {
  override readonly name = 'IntakeError';
  readonly status: IntakeStatus;
  readonly errors: Issue[];

  constructor(status: IntakeStatus, errors: Issue[]) {
    super(errors[0]?.message ?? 'The document was refused.');
    this.status = status;
    this.errors = errors;
  }

  /** A refusal with a single problem. */
  static of(status: IntakeStatus, pointer: string, code: string, da: string, en: string): IntakeError {
    return new IntakeError(status, [issue(pointer, code, da, en)]);
  }
}
