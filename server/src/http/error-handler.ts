/**
 * THE error handler: every error becomes application/problem+json (RFC 9457) with its status —
 * an AppError (services throw these; http/errors.ts), an IntakeError (an XML document refused
 * by the intake module, with its element-path pointers), a request that fails its schema (400,
 * pointers into body, querystring or params), a body that is not JSON (http/json-body.ts), an
 * unavailable database (503, Retry-After), and Fastify's own refusals (415, 413, 429, other
 * 4xx). Anything else is a logged 500.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isUnavailableError } from '../db/database.js';
import { ajvIssues } from '../domain/issues.js';
import { IntakeError } from '../intake/index.js';
import { AppError, problemType, toProblemError, UnavailableError } from './errors.js';

/** Largest request body: a 5 MB XML invoice, as the intake module bounds it. */
export const BODY_LIMIT = 5 * 1024 * 1024;

const INTAKE_TITLES: Record<IntakeError['status'], string> = {
  400: 'Bad Request',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
};

export function problemHandler(
  error: FastifyError & { validation?: unknown },
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  let status = 500;
  let title = 'Internal Server Error';
  let fields: Record<string, unknown> = { detail: 'Something went wrong on our side; it has been logged.' };
  let headers: Record<string, string> = {};
  if (error instanceof AppError) {
    status = error.status;
    title = error.title;
    fields = error.fields;
    headers = error.headers;
  } else if (error instanceof IntakeError) {
    status = error.status;
    title = INTAKE_TITLES[error.status];
    fields = {
      detail: `The XML document was refused: ${error.message}`,
      errors: error.errors.map(toProblemError),
    };
  } else if (error.validation) {
    status = 400;
    title = 'Bad Request';
    const context = (error as { validationContext?: string }).validationContext ?? 'body';
    const data =
      context === 'body'
        ? request.body
        : context === 'querystring'
          ? request.query
          : context === 'params'
            ? request.params
            : request.headers;
    const issues = ajvIssues(error.validation as Parameters<typeof ajvIssues>[0], data).map((i) =>
      context === 'body' ? i : { ...i, pointer: `/${context}${i.pointer}` },
    );
    fields = {
      detail: `The request ${context === 'body' ? 'body' : context} is not valid.`,
      errors: issues.map(toProblemError),
    };
  } else if (isUnavailableError(error)) {
    const u = new UnavailableError();
    status = u.status;
    title = u.title;
    fields = u.fields;
    headers = u.headers;
    request.log.error({ err: error }, 'database unavailable');
  } else if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    status = 415;
    title = 'Unsupported Media Type';
    fields = { detail: 'Send application/json, or application/xml for an OIOUBL/Peppol document.' };
  } else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    status = 413;
    title = 'Content Too Large';
    fields = { detail: `The body is larger than ${BODY_LIMIT} bytes.` };
  } else if (error.statusCode === 429) {
    status = 429;
    title = 'Too Many Requests';
    fields = { detail: 'Too many attempts; wait a minute and try again.' };
  } else if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    status = error.statusCode;
    title = status === 400 ? 'Bad Request' : 'Client Error';
    fields = { detail: error.message };
  } else {
    request.log.error({ err: error }, 'unhandled error');
  }
  reply
    .code(status)
    .headers(headers)
    .type('application/problem+json; charset=utf-8')
    .send({ type: problemType(title), title, status, ...fields, instance: request.url.split('?')[0] });
}
