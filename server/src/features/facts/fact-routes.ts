/**
 * GET /facts: the fact catalogue and the operators, for the console's condition builder — from
 * the server's own catalogue, so the console never keeps a second copy. Readable by every role
 * that reads rules (a municipality's ruleset, or the templates).
 */
import type { RoutePlugin } from '../../http/route-plugin.js';
import type { Services } from '../../services.js';
import { factCatalogue } from './fact-catalogue.js';

const labelSchema = {
  type: 'object',
  required: ['da', 'en'],
  properties: { da: { type: 'string' }, en: { type: 'string' } },
} as const;

const catalogueSchema = {
  type: 'object',
  required: ['version', 'facts', 'operators', 'decorators'],
  properties: {
    version: { type: 'integer' },
    facts: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'type', 'source', 'description'],
        properties: {
          name: { type: 'string' },
          type: { type: 'string' },
          source: { type: 'string', enum: ['document', 'ruleset', 'ledger'] },
          description: labelSchema,
          values: { type: 'array', items: { type: 'string' }, description: 'The only values (enums)' },
        },
      },
    },
    operators: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'factTypes', 'value', 'label'],
        properties: {
          name: { type: 'string' },
          factTypes: { type: 'array', items: { type: 'string' } },
          value: { type: 'string', enum: ['scalar', 'list', 'money', 'number'] },
          label: labelSchema,
        },
      },
    },
    decorators: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'label'],
        properties: { name: { type: 'string' }, label: labelSchema },
      },
    },
  },
} as const;

export const factRoutes: RoutePlugin<Services> = async (app) => {
  const catalogue = factCatalogue();
  app.get(
    '/facts',
    {
      config: { permission: ['ruleset:read', 'templates:read'] },
      schema: {
        tags: ['rulesets'],
        summary:
          'The fact catalogue (names, types, Danish/English descriptions, enum values) and the operators',
        response: { 200: catalogueSchema },
      },
    },
    async () => catalogue,
  );
};
