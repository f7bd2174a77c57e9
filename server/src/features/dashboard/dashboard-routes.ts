/** GET /municipalities/:m/dashboard: the aggregates behind Oversigt (the console's dashboard). */
import type { RoutePlugin } from '../../http/route-plugin.js';
import { mParams } from '../../http/params.js';
import type { Services } from '../../services.js';
import { AGE_BUCKETS } from './dashboard-service.js';

const count = { type: 'integer', minimum: 0 } as const;
const amount = { type: 'string', description: 'DKK, a decimal string' } as const;
const shareSchema = {
  type: ['number', 'null'],
  description: 'approved automatically ÷ documents (4 decimals); null without documents',
} as const;

const dashboardSchema = {
  type: 'object',
  required: ['period', 'totals', 'weeks', 'reasons', 'suppliers', 'manualQueue'],
  properties: {
    period: {
      type: 'object',
      required: ['from', 'to'],
      properties: {
        from: { type: 'string', format: 'date-time' },
        to: { type: 'string', format: 'date-time' },
      },
    },
    totals: {
      type: 'object',
      required: ['documents', 'approvedAutomatically', 'manual', 'rejected', 'automationShare'],
      properties: {
        documents: count,
        approvedAutomatically: count,
        manual: count,
        rejected: count,
        automationShare: shareSchema,
      },
    },
    weeks: {
      type: 'array',
      description:
        'Documents received per ISO week (Monday, Danish time), by the outcome of their first decision.',
      items: {
        type: 'object',
        required: ['week', 'documents', 'approved', 'manual', 'rejected', 'automationShare'],
        properties: {
          week: { type: 'string', format: 'date' },
          documents: count,
          approved: count,
          manual: count,
          rejected: count,
          automationShare: shareSchema,
        },
      },
    },
    reasons: {
      type: 'array',
      description:
        'Reasons of manual and rejected decisions in the period, by documents, most first (top 30).',
      items: {
        type: 'object',
        required: ['code', 'kind', 'text', 'documents'],
        properties: {
          code: { type: 'string' },
          kind: { type: 'string', enum: ['reject', 'manual'] },
          text: { type: 'string' },
          documents: count,
        },
      },
    },
    suppliers: {
      type: 'array',
      description: 'The ten suppliers with the most documents in the period.',
      items: {
        type: 'object',
        required: ['supplier', 'name', 'documents', 'amount'],
        properties: {
          supplier: { type: 'string' },
          name: { type: ['string', 'null'] },
          documents: count,
          amount,
        },
      },
    },
    manualQueue: {
      type: 'array',
      description: 'The open manual queue now, by age: under a day, 1–7 days, 8–30 days, over 30 days.',
      items: {
        type: 'object',
        required: ['bucket', 'documents', 'amount'],
        properties: { bucket: { type: 'string', enum: [...AGE_BUCKETS] }, documents: count, amount },
      },
    },
  },
} as const;

export const dashboardRoutes: RoutePlugin<Services> = async (app, { dashboard: service }) => {
  app.get(
    '/municipalities/:m/dashboard',
    {
      config: { permission: 'decisions:read' },
      schema: {
        tags: ['dashboard'],
        summary: 'The dashboard: automation per week, reasons, suppliers, the manual queue by age',
        description: 'from/to: ISO 8601 (to exclusive); default the last twelve weeks.',
        params: mParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { from: { type: 'string', maxLength: 40 }, to: { type: 'string', maxLength: 40 } },
        },
        response: { 200: dashboardSchema },
      },
    },
    async (request) => service.get(request.params.m, request.query),
  );
};
