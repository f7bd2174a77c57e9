/**
 * The evaluation feature: evaluate, the decision log, replay and impact preview, sharing one
 * RulesetTargets (compiled versions via the resolver, the compiled draft cache). Running impact
 * jobs are stopped (and marked failed) when the server closes.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { AppServices } from '../../app.js';
import { evaluationRoutes } from './evaluation-routes.js';
import { ImpactService } from './impact-service.js';
import { impactRoutes } from './impact-routes.js';
import { RulesetTargets } from './ruleset-targets.js';

export const evaluationFeature: FastifyPluginAsync<AppServices> = async (app, services) => {
  const targets = new RulesetTargets(services.ctx.db, services.resolver);
  const impact = new ImpactService(services.ctx, targets);
  app.addHook('onClose', async () => impact.close());
  await app.register(evaluationRoutes, { ...services, targets });
  await app.register(impactRoutes, { ...services, impact });
};
