/**
 * PUT/DELETE /municipalities/:m/documents/:id/split (PRODUCT.md §7: distribute an invoice over
 * parts, or remove the distribution) and GET/PUT …/documents/:id/payment-groups (a caseworker's
 * payment groups). Thin: schema → service → response.
 *
 * Status codes: 200 saved (the split or the groups as stored); 204 removed; 404 unknown document
 * or no split; 409 the setting is off in the deciding version, the document is not a manual
 * invoice, or the split is completed; 422 a distribution or grouping that breaks a rule (each
 * error names its rule in `code` and its field in `pointer`; a split's refusal also says what
 * `remaining` per column).
 */
import type { RoutePlugin } from '../../http/route-plugin.js';
import { mIdParams } from '../../http/params.js';
import type { Services } from '../../services.js';
import { requirePrincipal } from '../auth/auth-plugin.js';
import { actorOf } from '../auth/auth-service.js';
import { MAX_SPLIT_PARTS } from '../../domain/split.js';

const moneyString = { type: 'string', maxLength: 20, description: 'DKK, a decimal string' } as const;

const splitPartSchema = {
  type: 'object',
  required: ['net', 'vat', 'vatComputed', 'dueDate'],
  properties: {
    net: moneyString,
    vat: moneyString,
    vatComputed: { type: 'boolean' },
    dueDate: { type: ['string', 'null'], format: 'date' },
  },
} as const;

const splitSchema = {
  type: 'object',
  required: ['status', 'message', 'parts', 'totals', 'savedAt', 'savedBy'],
  properties: {
    status: { type: 'string', enum: ['pending', 'completed'] },
    message: { type: 'string' },
    parts: { type: 'array', items: splitPartSchema },
    totals: { type: 'object', properties: { net: moneyString, vat: moneyString } },
    savedAt: { type: 'string', format: 'date-time' },
    savedBy: { type: 'string' },
    completedAt: { type: 'string', format: 'date-time' },
    completedBy: { type: 'string' },
    partDocuments: { type: 'array', items: { type: 'string' } },
  },
} as const;

const groupsViewSchema = {
  type: 'object',
  required: ['changed', 'groups', 'postings'],
  properties: {
    changed: { type: 'boolean', description: 'false: as the decision proposed them' },
    groups: {
      type: 'array',
      items: {
        type: 'object',
        required: ['caseType', 'account', 'lines', 'amount'],
        properties: {
          caseType: { type: ['string', 'null'] },
          account: { type: 'string' },
          lines: { type: 'array', items: { type: 'string' } },
          amount: moneyString,
        },
      },
    },
    postings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['account', 'amount'],
        properties: { account: { type: 'string' }, amount: moneyString },
      },
    },
  },
} as const;

export const splitRoutes: RoutePlugin<Services> = async (app, { split: service }) => {
  app.put(
    '/municipalities/:m/documents/:id/split',
    {
      config: { permission: 'documents:process' },
      schema: {
        tags: ['documents'],
        summary:
          'Distribute a manual invoice over parts (Del faktura); saving again replaces the distribution',
        description:
          "Each part: net, VAT (computed from the net at the document's VAT rate when omitted), due date. " +
          'A part needs a non-zero net or VAT; at least two parts; the parts distribute the whole net and VAT exactly; a message is required.',
        params: mIdParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['parts', 'message'],
          properties: {
            parts: {
              type: 'array',
              maxItems: MAX_SPLIT_PARTS,
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['net'],
                properties: {
                  net: moneyString,
                  vat: moneyString,
                  dueDate: { type: 'string', maxLength: 10 },
                },
              },
            },
            message: { type: 'string', maxLength: 2000 },
          },
        },
        response: { 200: splitSchema },
      },
    },
    async (request) =>
      service.distribute(
        request.params.m,
        request.params.id,
        request.body,
        actorOf(requirePrincipal(request)),
      ),
  );

  app.delete(
    '/municipalities/:m/documents/:id/split',
    {
      config: { permission: 'documents:process' },
      schema: {
        tags: ['documents'],
        summary: 'Remove a split that is not completed (Fjern deling)',
        params: mIdParams,
      },
    },
    async (request, reply) => {
      await service.remove(request.params.m, request.params.id, actorOf(requirePrincipal(request)));
      reply.code(204);
    },
  );

  app.post(
    '/municipalities/:m/documents/:id/split/complete',
    {
      config: { permission: 'documents:process' },
      schema: {
        tags: ['documents'],
        summary:
          'Complete a split in investigation (Annullér og del faktura): annul the original, create and decide the parts',
        description:
          'In one transaction: the original is annulled with a system message naming the new documents; the parts become new documents <original>_1 … _n, each decided under the version in force (cause: split). 409 outside investigation, without a pending split, or when a part number is taken.',
        params: mIdParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['message'],
          properties: { message: { type: 'string', maxLength: 2000 } },
        },
        response: {
          200: {
            type: 'object',
            required: ['split', 'parts'],
            properties: {
              split: splitSchema,
              parts: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['documentId', 'decisionId', 'number', 'outcome'],
                  properties: {
                    documentId: { type: 'string' },
                    decisionId: { type: 'string' },
                    number: { type: 'string' },
                    outcome: { type: 'string' },
                  },
                },
              },
            },
          },
        },
      },
    },
    async (request) => {
      const done = await service.complete(
        request.params.m,
        request.params.id,
        request.body.message,
        actorOf(requirePrincipal(request)),
      );
      return {
        split: done.split,
        parts: done.decisions.map((d) => ({
          documentId: d.documentId,
          decisionId: d.id,
          number: d.document.id,
          outcome: d.outcome,
        })),
      };
    },
  );

  app.get(
    '/municipalities/:m/documents/:id/payment-groups',
    {
      config: { permission: 'documents:read' },
      schema: {
        tags: ['documents'],
        summary:
          "A document's payment groups and postings (the caseworker's, or as the decision proposed them)",
        params: mIdParams,
        response: { 200: groupsViewSchema },
      },
    },
    async (request) => service.paymentGroups(request.params.m, request.params.id),
  );

  app.put(
    '/municipalities/:m/documents/:id/payment-groups',
    {
      config: { permission: 'documents:process' },
      schema: {
        tags: ['documents'],
        summary:
          'Move invoice lines between payment groups (betalingsgrupper); the postings follow the groups',
        params: mIdParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['groups'],
          properties: {
            groups: {
              type: 'array',
              maxItems: 1000,
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['caseType', 'account', 'lines'],
                properties: {
                  caseType: { type: ['string', 'null'], maxLength: 100 },
                  account: { type: 'string', maxLength: 50 },
                  lines: { type: 'array', maxItems: 10000, items: { type: 'string', maxLength: 100 } },
                },
              },
            },
            comment: { type: 'string', maxLength: 2000 },
          },
        },
        response: { 200: groupsViewSchema },
      },
    },
    async (request) =>
      service.setPaymentGroups(
        request.params.m,
        request.params.id,
        request.body.groups,
        actorOf(requirePrincipal(request)),
        request.body.comment ?? null,
      ),
  );
};
