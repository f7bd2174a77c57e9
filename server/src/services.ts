/**
 * Every service of the server, created in one place from the context (as Unleash's
 * `create*Service` functions do): app.ts builds them once per app and hands them to the routes;
 * the demo seed uses the same ones. A service is a class taking what it reads (the database,
 * the clock, other services) in its constructor, and never knows about HTTP.
 */
import type { AppContext } from './context.js';
import { createMetrics, type Metrics } from './http/metrics.js';
import { ApiKeyService } from './features/api-keys/api-key-service.js';
import { AuditService } from './features/audit/audit-service.js';
import { ApiKeyCache } from './features/auth/api-key-cache.js';
import { AuthService } from './features/auth/auth-service.js';
import { DashboardService } from './features/dashboard/dashboard-service.js';
import { DocumentService } from './features/documents/document-service.js';
import { DecisionService } from './features/evaluation/decision-service.js';
import { DecisionWriter } from './features/evaluation/decision-writer.js';
import { EvaluationService } from './features/evaluation/evaluation-service.js';
import { ImpactService } from './features/evaluation/impact-service.js';
import { ReplayService } from './features/evaluation/replay-service.js';
import { MunicipalityService } from './features/municipalities/municipality-service.js';
import { PlatformService } from './features/platform/platform-service.js';
import { DraftService } from './features/rulesets/draft-service.js';
import { PublishService } from './features/rulesets/publish-service.js';
import { RulesetResolver } from './features/rulesets/ruleset-resolver.js';
import { RulesetService, type RulesetContext } from './features/rulesets/ruleset-service.js';
import { UpstreamService } from './features/rulesets/upstream-service.js';
import { SplitService } from './features/split/split-service.js';
import { TemplateService } from './features/templates/template-service.js';
import { UserService } from './features/users/user-service.js';

export interface Services {
  ctx: AppContext;
  metrics: Metrics;
  /** Which ruleset decides (a version in force, a given version, the draft), compiled once and cached. */
  resolver: RulesetResolver;
  /** API keys served from memory, dropped on revoke (NOTIFY on every server). */
  apiKeyCache: ApiKeyCache;
  auth: AuthService;
  municipalities: MunicipalityService;
  /** The platform administrator's overview of all municipalities and national templates. */
  platform: PlatformService;
  users: UserService;
  apiKeys: ApiKeyService;
  audit: AuditService;
  dashboard: DashboardService;
  documents: DocumentService;
  split: SplitService;
  rulesets: RulesetService;
  drafts: DraftService;
  publishing: PublishService;
  upstream: UpstreamService;
  templates: TemplateService;
  evaluation: EvaluationService;
  decisions: DecisionService;
  replays: ReplayService;
  impact: ImpactService;
  /** Stops what runs in the background (impact jobs are given back, queued, for another server). */
  close(): Promise<void>;
}

/**
 * The ruleset workflow's services. createServices makes the app's; the demo seed makes its own
 * on a clock set in the past, to publish its version 1 as of then.
 */
export function createRulesetServices(
  ctx: RulesetContext,
): Pick<Services, 'rulesets' | 'drafts' | 'publishing' | 'upstream'> {
  return {
    rulesets: new RulesetService(ctx),
    drafts: new DraftService(ctx),
    publishing: new PublishService(ctx),
    upstream: new UpstreamService(ctx),
  };
}

export function createServices(ctx: AppContext): Services {
  const now = (): Date => ctx.now();
  const metrics = createMetrics();
  const resolver = new RulesetResolver(ctx);
  const apiKeyCache = new ApiKeyCache(ctx.database.raw);
  // One writer per server: PGlite is one session, so one batch at a time; PostgreSQL overlaps two.
  const writer = new DecisionWriter(ctx.database, { maxInFlight: ctx.database.kind === 'postgres' ? 2 : 1 });
  const impact = new ImpactService(ctx, resolver, { timeoutSeconds: ctx.config.impactJobTimeoutSeconds });
  return {
    ctx,
    metrics,
    resolver,
    apiKeyCache,
    auth: new AuthService(ctx),
    municipalities: new MunicipalityService(ctx.db),
    platform: new PlatformService(ctx.db, now),
    users: new UserService(ctx.db),
    apiKeys: new ApiKeyService(ctx.db, now, (id) => apiKeyCache.revokedHere(id)),
    audit: new AuditService(ctx.db),
    dashboard: new DashboardService(ctx.db, now),
    documents: new DocumentService(ctx.db, resolver, now),
    split: new SplitService(ctx.db, resolver, now, ctx.cprKey),
    ...createRulesetServices(ctx),
    templates: new TemplateService(ctx),
    evaluation: new EvaluationService(ctx, resolver, metrics, writer),
    decisions: new DecisionService(ctx.db),
    replays: new ReplayService(ctx.db, resolver),
    impact,
    close: () => impact.close(),
  };
}
