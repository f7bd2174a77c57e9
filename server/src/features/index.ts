/** The features mounted under /api/v1, each a Fastify plugin taking the app's services (services.ts). */
import type { RoutePlugin } from '../http/route-plugin.js';
import type { Services } from '../services.js';
import { apiKeyRoutes } from './api-keys/api-key-routes.js';
import { auditRoutes } from './audit/audit-routes.js';
import { dashboardRoutes } from './dashboard/dashboard-routes.js';
import { documentRoutes } from './documents/document-routes.js';
import { evaluationRoutes } from './evaluation/evaluation-routes.js';
import { impactRoutes } from './evaluation/impact-routes.js';
import { factRoutes } from './facts/fact-routes.js';
import { municipalityRoutes } from './municipalities/municipality-routes.js';
import { platformRoutes } from './platform/platform-routes.js';
import { rulesetRoutes } from './rulesets/ruleset-routes.js';
import { splitRoutes } from './split/split-routes.js';
import { templateRoutes } from './templates/template-routes.js';
import { userRoutes } from './users/user-routes.js';

export const FEATURES: RoutePlugin<Services>[] = [
  municipalityRoutes,
  platformRoutes,
  userRoutes,
  apiKeyRoutes,
  auditRoutes,
  dashboardRoutes,
  evaluationRoutes,
  impactRoutes,
  documentRoutes,
  splitRoutes,
  rulesetRoutes,
  templateRoutes,
  factRoutes,
];
