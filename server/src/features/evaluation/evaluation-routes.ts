/**
 * POST /municipalities/:m/evaluate, the decision log (GET …/decisions, …/decisions/:id), the
 * business response (GET …/decisions/:id/response) and replay (POST …/decisions/:id/replay).
 * Thin: schema → service → response. Role and tenant are enforced centrally from
 * `config.permission` and `:m`; evaluate declares 'evaluate' OR 'simulate' (an administrator
 * simulates) and narrows here: a stored evaluation needs 'evaluate'.
 *
 * Status codes of evaluate: 201 a new decision was stored (Location: the decision); 200 the same
 * document was already decided (the stored decision, unchanged — an ERP's retry), or a dry run
 * (nothing stored; `dryRun: true`); 400 invalid document (pointers) or query; 403; 404 unknown
 * version / no draft; 409 no published version in force at receivedAt; 413/415/422 XML refused
 * by intake; 422 invalid draft; 503 database unavailable (Retry-After; nothing stored).
 */
import type { FastifyRequest } from 'fastify';
import type { RoutePlugin } from '../../http/route-plugin.js';
import { mParams, mIdParams } from '../../http/params.js';
import type { Services } from '../../services.js';
import { AppError } from '../../http/errors.js';
import { filters, listPage, listQuerySchema, type FilterReaders, type ListSpec } from '../../http/list.js';
import { authorize, requirePrincipal } from '../auth/auth-plugin.js';
import { roleAllows } from '../auth/permissions.js';
import { DECISION_SORTABLE, type DecisionSortField } from './decision-repository.js';
import { EvaluationService, type EvaluateOptions } from './evaluation-service.js';

/** The decision as §10 shows it; nested values are documented, not re-shaped. */
export const decisionSchema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    id: { type: ['string', 'null'] },
    documentId: { type: ['string', 'null'] },
    municipality: { type: 'string' },
    outcome: { type: 'string', enum: ['approved', 'manual', 'rejected'] },
    actions: { type: 'array', items: { type: 'string' }, description: 'The suggested actions, as codes' },
    actionDetails: {
      type: 'array',
      description:
        "Each action's code with KP's name for it (e.g. TILFOEJ_YDELSE_TIL_BEVILLING: 'Tilføj ydelse til bevilling'), in the order of actions",
      items: {
        type: 'object',
        properties: {
          code: { type: 'string' },
          text: { type: 'object', properties: { da: { type: 'string' }, en: { type: 'string' } } },
        },
      },
    },
    engineVersion: { type: 'string' },
    duplicate: { type: 'boolean' },
    payable: { type: 'string' },
    receivedAt: { type: 'string', format: 'date-time' },
    createdAt: { type: 'string', format: 'date-time' },
    dryRun: { type: 'boolean' },
  },
} as const;

const DECISION_LIST = {
  resource: 'decisions',
  sortable: DECISION_SORTABLE,
  defaultSort: 'createdAt',
  defaultOrder: 'desc',
  filters: {
    id: filters.uuids,
    outcome: filters.values,
    documentType: filters.values,
    supplier: filters.values,
    reason: filters.values,
    documentId: filters.uuids,
    duplicate: filters.boolean,
    version: filters.integers,
    from: filters.time,
    to: filters.until,
  },
} satisfies ListSpec<DecisionSortField, FilterReaders>;

export function mayReadDocument(request: FastifyRequest): boolean {
  return roleAllows(requirePrincipal(request).role, 'documents:read');
}

export const evaluationRoutes: RoutePlugin<Services> = async (app, { evaluation, decisions, replays }) => {
  app.post(
    '/municipalities/:m/evaluate',
    {
      config: { permission: ['evaluate', 'simulate'] },
      schema: {
        tags: ['evaluation'],
        summary: 'Evaluate a document: canonical JSON, or OIOUBL/Peppol XML (Content-Type: application/xml)',
        description:
          'Stored unless a dry run (dryRun=true; version=N and draft=true are always dry runs). 201: a new decision ' +
          'was stored; 200: the same document was already decided (the stored decision), or a dry run. A stored ' +
          "evaluation needs the 'evaluate' permission; a dry run 'evaluate' or 'simulate'.",
        params: mParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            dryRun: { type: 'string', enum: ['true', 'false'] },
            draft: { type: 'string', enum: ['true', 'false'] },
            version: { type: 'string', pattern: '^[1-9][0-9]{0,8}$' },
            receivedAt: {
              type: 'string',
              format: 'date-time',
              description:
                'When the ERP received an XML document (a JSON document carries its own receivedAt)',
            },
          },
        },
        response: { 200: decisionSchema, 201: decisionSchema },
      },
    },
    async (request, reply) => {
      const { m } = request.params;
      const q = request.query;
      const opts: EvaluateOptions = {};
      if (q.dryRun !== undefined) opts.dryRun = q.dryRun === 'true';
      if (q.draft !== undefined) opts.draft = q.draft === 'true';
      if (q.version !== undefined) opts.version = Number(q.version);
      if (q.receivedAt !== undefined) opts.receivedAt = q.receivedAt;
      const principal = EvaluationService.isDryRun(opts)
        ? requirePrincipal(request)
        : authorize(request, 'evaluate', m);
      const contentType = request.headers['content-type'] ?? '';
      const xml = /^(application|text)\/([a-z.+-]+\+)?xml\b/i.test(contentType);
      if (!xml && typeof request.body === 'string') {
        // Fastify reads text/plain as text; a document is JSON or XML.
        throw new AppError(
          415,
          'Unsupported Media Type',
          'Send the canonical document as application/json, or OIOUBL/Peppol XML as application/xml.',
        );
      }
      const result = await evaluation.evaluate(m, { body: request.body, xml }, opts, {
        mayReadDocument: roleAllows(principal.role, 'documents:read'),
      });
      if (result.status === 'created') {
        reply.code(201).header('location', `/api/v1/municipalities/${m}/decisions/${result.decision.id}`);
      }
      // the decision's JSON made here (decisionSchema documents it): the trace, most of it, from
      // its version's skeleton text (trace-codec.ts), several times faster than serializing it
      reply.type('application/json; charset=utf-8');
      return result.toJson();
    },
  );

  app.get(
    '/municipalities/:m/decisions',
    {
      config: { permission: 'decisions:read' },
      schema: {
        tags: ['decisions'],
        summary:
          'The decision log (no trace, facts or document; CPR masked). Filter: outcome, documentType, supplier, reason, ' +
          'from, to (receivedAt; a date "to" includes that day), documentId, duplicate, id, version (the ruleset version). Sort: createdAt, receivedAt, outcome, payable',
        params: mParams,
        querystring: listQuerySchema,
        response: { 200: { type: 'array', items: { type: 'object', additionalProperties: true } } },
      },
    },
    async (request, reply) => {
      return listPage(request.query, reply, DECISION_LIST, (filter, page) =>
        decisions.list(request.params.m, filter, page),
      );
    },
  );

  app.get(
    '/municipalities/:m/decisions/:id',
    {
      config: { permission: 'decisions:read' },
      schema: {
        tags: ['decisions'],
        summary:
          'One decision in full (the document with full CPR numbers only for roles that may read documents)',
        params: mIdParams,
        response: { 200: decisionSchema },
      },
    },
    async (request) =>
      decisions.get(request.params.m, request.params.id, { mayReadDocument: mayReadDocument(request) }),
  );

  app.get(
    '/municipalities/:m/decisions/:id/response',
    {
      config: { permission: 'decisions:read' },
      schema: {
        tags: ['decisions'],
        summary:
          'The business response to the ERP as XML: format=oioubl (OIOUBL 2.1 ApplicationResponse) or peppol ' +
          '(Peppol BIS InvoiceResponse); default: the family the document came in',
        params: mIdParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { format: { type: 'string', enum: ['oioubl', 'peppol'] } },
        },
      },
    },
    async (request, reply) => {
      const xml = await decisions.response(request.params.m, request.params.id, request.query.format);
      reply.type('application/xml; charset=utf-8');
      return xml;
    },
  );

  app.post(
    '/municipalities/:m/decisions/:id/replay',
    {
      config: { permission: 'replay' },
      schema: {
        tags: ['decisions'],
        summary:
          'Replay a decision from its stored document and ledger snapshot: as recorded, as of a time, under a version, or under the draft',
        params: mIdParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['mode'],
          properties: {
            mode: { type: 'string', enum: ['recorded', 'asOf', 'version', 'draft'] },
            asOf: { type: 'string', format: 'date-time' },
            version: { type: 'integer', minimum: 1 },
          },
        },
        response: {
          200: {
            type: 'object',
            additionalProperties: true,
            required: ['original', 'replayed', 'identical', 'differences'],
            properties: {
              mode: { type: 'string' },
              original: { type: 'object', additionalProperties: true },
              replayed: { type: 'object', additionalProperties: true },
              identical: { type: 'boolean' },
              differences: { type: 'array', items: { type: 'object', additionalProperties: true } },
              cause: { type: 'string' },
            },
          },
        },
      },
    },
    async (request) =>
      replays.replay(request.params.m, request.params.id, request.body ?? { mode: 'recorded' }, {
        mayReadDocument: mayReadDocument(request),
      }),
  );
};
