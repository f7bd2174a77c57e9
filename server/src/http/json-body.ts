/**
 * The JSON body parser: Fastify's own (secure-json-parse: `__proto__` and `constructor.prototype`
 * refused), but a body that is not JSON is answered with where it breaks — "(line 3, column 15)"
 * — in Danish and English, instead of Fastify's bare "Body is not valid JSON". An ERP developer
 * can then find the fault in the document they sent.
 */
import type { FastifyInstance } from 'fastify';
import sjson from 'secure-json-parse';
import { issue } from '../domain/issues.js';
import { jsonSyntaxFault } from '../domain/json-syntax.js';
import { BadRequestError } from './errors.js';

function jsonBodyError(text: string, error: unknown): BadRequestError {
  const message = error instanceof Error ? error.message : String(error);
  if (/prototype property/.test(message))
    return new BadRequestError('The body contains a forbidden "__proto__" or "constructor.prototype" key.', [
      issue(
        '/',
        'body.forbiddenKey',
        'Indholdet har en nøgle ("__proto__" eller "constructor.prototype"), som ikke er tilladt.',
        'The body has a key ("__proto__" or "constructor.prototype") that is not allowed.',
      ),
    ]);
  const at = jsonSyntaxFault(text);
  const where = (da: boolean) =>
    at === null
      ? ''
      : da
        ? ` (linje ${at.line}, kolonne ${at.column})`
        : ` (line ${at.line}, column ${at.column})`;
  return new BadRequestError(`The body is not valid JSON${where(false)}: ${message}`, [
    issue(
      '/',
      'body.invalidJson',
      `Indholdet er ikke gyldig JSON${where(true)}.`,
      `The body is not valid JSON${where(false)}.`,
    ),
  ]);
}

/** Replaces Fastify's application/json parser (same limits, same protections). */
export function registerJsonBody(app: FastifyInstance, bodyLimit: number): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (_req, body, done) => {
    const text = body as string;
    if (text.length === 0) {
      done(
        new BadRequestError('The body is empty; send JSON.', [
          issue(
            '/',
            'body.empty',
            'Forespørgslen har intet indhold; send JSON.',
            'The request has no body; send JSON.',
          ),
        ]),
        undefined,
      );
      return;
    }
    try {
      done(null, sjson.parse(text, { protoAction: 'error', constructorAction: 'error' }));
    } catch (e) {
      done(jsonBodyError(text, e), undefined);
    }
  });
}
