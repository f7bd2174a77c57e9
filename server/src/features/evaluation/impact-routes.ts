/**
 * POST /municipalities/:m/impact (start an impact-preview job → 202) and GET …/impact/:job (its
 * status, progress and, when done, the summary). Thin: schema → service → response.
 */
import type { RoutePlugin } from '../../http/route-plugin.js';
import { municipalityParam, mParams } from '../../http/params.js';
import type { Services } from '../../services.js';
import { requirePrincipal } from '../auth/auth-plugin.js';
import { actorOf } from '../auth/auth-service.js';

const periodBound = {
  type: 'string',
  pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}(T.+)?$',
  maxLength: 40,
  description: 'A date (a whole day, UTC) or an ISO 8601 timestamp',
} as const;

export const impactRoutes: RoutePlugin<Services> = async (app, { impact }) => {
  app.post(
    '/municipalities/:m/impact',
    {
      config: { permission: 'impact' },
      schema: {
        tags: ['impact'],
        summary:
          'Start an impact preview: replay every decision received in [from, to) against a version or the draft. 202 {job, status}',
        params: mParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['from', 'to', 'against'],
          properties: {
            from: periodBound,
            to: { ...periodBound, description: 'Exclusive; a date includes that whole day' },
            against: {
              type: 'object',
              additionalProperties: false,
              minProperties: 1,
              maxProperties: 1,
              properties: {
                version: { type: 'integer', minimum: 1 },
                draft: { const: true },
              },
            },
          },
        },
        response: {
          202: {
            type: 'object',
            required: ['job', 'status'],
            properties: { job: { type: 'string' }, status: { type: 'string' } },
          },
        },
      },
    },
    async (request, reply) => {
      // The schema admits exactly one of `version` and `draft` (min/maxProperties: 1).
      const { from, to, against } = request.body;
      const target = against.version !== undefined ? { version: against.version } : { draft: true as const };
      const started = await impact.start(
        request.params.m,
        { from, to, against: target },
        actorOf(requirePrincipal(request)),
      );
      reply.code(202).header('location', `/api/v1/municipalities/${request.params.m}/impact/${started.job}`);
      return started;
    },
  );

  app.get(
    '/municipalities/:m/impact/:job',
    {
      config: { permission: 'impact' },
      schema: {
        tags: ['impact'],
        summary:
          'An impact-preview job: {status: queued|running|done|failed, progress (0–1), processed, total, summary}',
        params: {
          type: 'object',
          required: ['m', 'job'],
          properties: { m: municipalityParam, job: { type: 'string', minLength: 1, maxLength: 100 } },
        },
        response: {
          200: {
            type: 'object',
            additionalProperties: true,
            properties: {
              id: { type: 'string' },
              status: { type: 'string', enum: ['queued', 'running', 'done', 'failed'] },
              progress: { type: 'number' },
              processed: { type: 'integer' },
              total: { type: ['integer', 'null'] },
            },
          },
        },
      },
    },
    async (request) => impact.get(request.params.m, request.params.job),
  );
};
