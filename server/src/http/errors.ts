/**
 * The errors services throw: each carries its HTTP status, title and problem fields (pointers in
 * `errors`), so a service never imports Fastify; the one error handler (error-handler.ts) turns
 * them — and the intake's IntakeError, schema failures and Fastify's own refusals — into
 * RFC 9457 application/problem+json.
 */
import type { Issue } from '../domain/issues.js';

export interface ProblemFields {
  type?: string;
  detail?: string;
  errors?: { pointer: string; message: string; code?: string; messages?: { da: string; en: string } }[];
  [extra: string]: unknown;
}

export class AppError extends Error {
  readonly status: number;
  readonly title: string;
  readonly fields: ProblemFields;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    title: string,
    detail?: string,
    fields: ProblemFields = {},
    headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
    this.status = status;
    this.title = title;
    this.fields = detail === undefined ? fields : { ...fields, detail };
    this.headers = headers;
  }
}

const slug = (title: string): string =>
  `https://regelvaerk.dk/problems/${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;

export const problemType = slug;

export class BadRequestError extends AppError {
  constructor(detail: string, issues: Issue[] = []) {
    super(400, 'Bad Request', detail, issues.length ? { errors: issues.map(toProblemError) } : {});
  }
}
export class UnauthorizedError extends AppError {
  constructor(detail = 'Log in, or send an API key as "Authorization: Bearer <key>".') {
    super(401, 'Unauthorized', detail);
  }
}
export class ForbiddenError extends AppError {
  constructor(detail = 'Your role does not allow this.') {
    super(403, 'Forbidden', detail);
  }
}
export class NotFoundError extends AppError {
  constructor(what: string) {
    super(404, 'Not Found', `${what} was not found.`);
  }
}
export class ConflictError extends AppError {
  constructor(detail: string, fields: ProblemFields = {}) {
    super(409, 'Conflict', detail, fields);
  }
}
export class ValidationError extends AppError {
  constructor(detail: string, issues: Issue[], fields: ProblemFields = {}) {
    super(422, 'Unprocessable Content', detail, { ...fields, errors: issues.map(toProblemError) });
  }
}
export class UnavailableError extends AppError {
  constructor(
    detail = 'The database is unavailable; nothing was stored. Try again shortly.',
    retryAfterSeconds = 5,
  ) {
    super(503, 'Service Unavailable', detail, {}, { 'retry-after': String(retryAfterSeconds) });
  }
}

export function toProblemError(i: Issue): NonNullable<ProblemFields['errors']>[number] {
  return { pointer: i.pointer, message: i.message, code: i.code, messages: i.messages };
}
