/**
 * The evaluation feature: evaluate, the decision log, replay and impact preview, sharing one
 * RulesetTargets (compiled versions via the resolver, the compiled draft cache). Running impact
 * jobs are given back (queued) when the server closes, for another server or its restart.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { AppServices } from '../../app.js';
import { evaluationRoutes } from './evaluation-routes.js';
import { ImpactService } from './impact-service.js';
import { impactRoutes } from './impact-routes.js';
import { RulesetTargets } from './ruleset-targets.js';
import { DecisionWriter } from './decision-writer.js';

export const evaluationFeature: FastifyPluginAsync<AppServices> = async (app, services) => {
  const targets = new RulesetTargets(services.ctx.db, services.resolver);
  const impact = new ImpactService(services.ctx, targets, {
    timeoutSeconds: services.ctx.config.impactJobTimeoutSeconds,
  });
  // One writer per server: PGlite is one session, so one batch at a time; PostgreSQL overlaps two.
  const writer = new DecisionWriter(services.ctx.database, {
    maxInFlight: services.ctx.database.kind === 'postgres' ? 2 : 1,
  });
  app.addHook('onClose', async () => impact.close());
  await app.register(evaluationRoutes, { ...services, targets, writer });
  await app.register(impactRoutes, { ...services, impact });
};
