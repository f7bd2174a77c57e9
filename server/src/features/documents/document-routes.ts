/**
 * The ledger: GET /municipalities/:m/documents, GET …/documents/:id (status, stage, history),
 * POST …/documents/:id/outcome (record a manual document's outcome) and POST …/documents/:id/stage.
 * Thin: schema → service → response.
 *
 * Status codes: outcome/stage 200 (the document as it now is); 404 unknown document; 409 the
 * document is not manual; 422 a rejection without a reason, or with one that is not an active
 * rejection reason of the version that decided the document (pointer /reason).
 */
import type { RoutePlugin } from '../../http/route-plugin.js';
import { mParams, mIdParams } from '../../http/params.js';
import type { Services } from '../../services.js';
import {
  filters,
  listPage,
  listQuerySchema,
  parseFilter,
  type FilterReaders,
  type ListSpec,
} from '../../http/list.js';
import { requirePrincipal } from '../auth/auth-plugin.js';
import { actorOf } from '../auth/auth-service.js';
import { DOCUMENT_SORTABLE, type DocumentSortField } from './document-repository.js';

const documentSchema = { type: 'object', additionalProperties: true } as const;

/** THE reading of the ledger's `filter` (the list and the summary alike). */
const DOCUMENT_LIST = {
  resource: 'documents',
  sortable: DOCUMENT_SORTABLE,
  defaultSort: 'createdAt',
  defaultOrder: 'desc',
  filters: {
    id: filters.uuids,
    status: filters.values,
    stage: filters.values,
    documentType: filters.values,
    supplier: filters.values,
    number: filters.values,
    updatedSince: filters.time,
    reason: filters.values,
    from: filters.time,
    to: filters.until,
  },
} satisfies ListSpec<DocumentSortField, FilterReaders>;

export const documentRoutes: RoutePlugin<Services> = async (app, { documents: service }) => {
  app.get(
    '/municipalities/:m/documents',
    {
      config: { permission: 'documents:read' },
      schema: {
        tags: ['documents'],
        summary:
          'The ledger: documents and their current status (CPR masked), with the caseworker’s last outcome. Filter: ' +
          'status, stage, documentType, supplier, number, id, reason (a reason code of the current decision), ' +
          'from/to (received; a date or ISO 8601 timestamp, to inclusive of its day), updatedSince (ISO 8601: ' +
          'changed at or after it — the ERP polls with it). Sort: createdAt, updatedAt, issueDate, payable, ' +
          'status, receivedAt, thread (each credit note and reminder right after its invoice). Each item has ' +
          'its reasons with their texts, the suggested actions, the supplier name and its linked documents',
        params: mParams,
        querystring: listQuerySchema,
        response: { 200: { type: 'array', items: documentSchema } },
      },
    },
    async (request, reply) => {
      return listPage(request.query, reply, DOCUMENT_LIST, (filter, page) =>
        service.list(request.params.m, filter, page),
      );
    },
  );

  app.get(
    '/municipalities/:m/documents/summary',
    {
      config: { permission: 'documents:read' },
      schema: {
        tags: ['documents'],
        summary:
          'Counts over the ledger for the console (SQL group by): the documents a filter selects (the list’s ' +
          '`filter`), how many of them each reason of the current decision names (the filter without its reason) ' +
          'and how many each supplier sent (the filter without its supplier)',
        params: mParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { filter: listQuerySchema.properties.filter },
        },
        response: {
          200: {
            type: 'object',
            required: ['total', 'reasons', 'suppliers'],
            properties: {
              total: { type: 'integer' },
              reasons: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['code', 'kind', 'text', 'count'],
                  properties: {
                    code: { type: 'string' },
                    kind: { type: 'string' },
                    text: { type: 'string' },
                    count: { type: 'integer' },
                  },
                },
              },
              suppliers: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['id', 'name', 'count'],
                  properties: {
                    id: { type: 'string' },
                    name: { type: ['string', 'null'] },
                    count: { type: 'integer' },
                  },
                },
              },
            },
          },
        },
      },
    },
    async (request) => {
      return service.summary(request.params.m, parseFilter(request.query.filter, DOCUMENT_LIST.filters));
    },
  );

  app.get(
    '/municipalities/:m/documents/:id',
    {
      config: { permission: 'documents:read' },
      schema: {
        tags: ['documents'],
        summary: 'A document: current status and stage, and its history (decisions and recorded outcomes)',
        params: mIdParams,
        response: { 200: documentSchema },
      },
    },
    async (request) => service.get(request.params.m, request.params.id),
  );

  app.get(
    '/municipalities/:m/documents/:id/response',
    {
      config: { permission: 'documents:read' },
      schema: {
        tags: ['documents'],
        summary:
          "The business response for the document's CURRENT status as XML — the caseworker's approval, or rejection " +
          'with its reason text and comment, else the latest decision: format=oioubl (OIOUBL 2.1 ApplicationResponse) ' +
          'or peppol (Peppol BIS InvoiceResponse); default: the family the document came in',
        params: mIdParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { format: { type: 'string', enum: ['oioubl', 'peppol'] } },
        },
      },
    },
    async (request, reply) => {
      const xml = await service.response(request.params.m, request.params.id, request.query.format);
      reply.type('application/xml; charset=utf-8');
      return xml;
    },
  );

  app.post(
    '/municipalities/:m/documents/:id/outcome',
    {
      config: { permission: 'documents:outcome' },
      schema: {
        tags: ['documents'],
        summary:
          'Record the outcome of a manual document: approved, or rejected with an active rejection reason of the deciding version',
        params: mIdParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['outcome'],
          properties: {
            outcome: { type: 'string', enum: ['approved', 'rejected'] },
            reason: { type: 'string', minLength: 1, maxLength: 100 },
            comment: { type: 'string', maxLength: 2000 },
          },
        },
        response: { 200: documentSchema },
      },
    },
    async (request) =>
      service.recordOutcome(
        request.params.m,
        request.params.id,
        request.body,
        actorOf(requirePrincipal(request)),
      ),
  );

  app.post(
    '/municipalities/:m/documents/:id/stage',
    {
      config: { permission: 'documents:process' },
      schema: {
        tags: ['documents'],
        summary: 'Move a manual document between processing stages (review, approval, investigation)',
        params: mIdParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['stage'],
          properties: { stage: { type: 'string', enum: ['review', 'approval', 'investigation'] } },
        },
        response: { 200: documentSchema },
      },
    },
    async (request) =>
      service.setStage(
        request.params.m,
        request.params.id,
        request.body.stage,
        actorOf(requirePrincipal(request)),
      ),
  );
};
