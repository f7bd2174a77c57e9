/** /health (the process is up), /ready (the database answers), /metrics (Prometheus). */
import type { RoutePlugin } from '../../http/route-plugin.js';
import { sql } from 'kysely';
import type { Registry } from 'prom-client';
import type { AppContext } from '../../context.js';

export const systemRoutes: RoutePlugin<{ ctx: AppContext; registry: Registry }> = async (
  app,
  { ctx, registry },
) => {
  app.get('/health', { schema: { tags: ['system'], summary: 'Liveness' } }, async () => ({ status: 'ok' }));

  app.get(
    '/ready',
    { schema: { tags: ['system'], summary: 'Readiness: the database answers' } },
    async (_request, reply) => {
      try {
        await sql`select 1`.execute(ctx.db);
        return { status: 'ready', database: ctx.database.kind };
      } catch {
        reply.code(503).header('retry-after', '5');
        return { status: 'unavailable', database: ctx.database.kind };
      }
    },
  );

  app.get(
    '/metrics',
    { schema: { tags: ['system'], summary: 'Prometheus metrics', hide: false } },
    async (_request, reply) => {
      reply.header('content-type', registry.contentType);
      return registry.metrics();
    },
  );
};
