/** The features mounted under /api/v1, each a Fastify plugin taking the app's services. */
import type { FastifyPluginAsync } from 'fastify';
import type { AppServices } from '../app.js';
import { apiKeyRoutes } from './api-keys/api-key-routes.js';
import { auditRoutes } from './audit/audit-routes.js';
import { dashboardRoutes } from './dashboard/dashboard-routes.js';
import { documentRoutes } from './documents/document-routes.js';
import { evaluationFeature } from './evaluation/evaluation-feature.js';
import { factRoutes } from './facts/fact-routes.js';
import { municipalityRoutes } from './municipalities/municipality-routes.js';
import { rulesetRoutes } from './rulesets/ruleset-routes.js';
import { splitRoutes } from './split/split-routes.js';
import { templateRoutes } from './templates/template-routes.js';
import { userRoutes } from './users/user-routes.js';

export const FEATURES: FastifyPluginAsync<AppServices>[] = [
  municipalityRoutes,
  userRoutes,
  apiKeyRoutes,
  auditRoutes,
  dashboardRoutes,
  evaluationFeature,
  documentRoutes,
  splitRoutes,
  rulesetRoutes,
  templateRoutes,
  factRoutes,
];
