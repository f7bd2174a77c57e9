/**
 * The application as a Fastify plugin tree: external plugins, then ours, then routes under
 * /api/v1, each given the services created once by services.ts. The one error handler
 * (http/error-handler.ts) turns every error into application/problem+json (RFC 9457).
 * server.ts starts it (through platform.ts); tests build it and call app.inject().
 */
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { AppContext } from './context.js';
import { problemType } from './http/errors.js';
import { BODY_LIMIT, problemHandler } from './http/error-handler.js';
import { registerJsonBody } from './http/json-body.js';
import { loggerOptions } from './http/logging.js';
import { authPlugin } from './features/auth/auth-plugin.js';
import { authRoutes } from './features/auth/auth-routes.js';
import { systemRoutes } from './features/system/system-routes.js';
import { RULESET_CHANNEL } from './features/rulesets/ruleset-resolver.js';
import { FEATURES } from './features/index.js';
import { ApiKeyCache } from './features/auth/api-key-cache.js';
import { createServices, type Services } from './services.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's services (services.ts), for what runs beside the routes (the demo seed). */
    services: Services;
  }
}

export interface BuildAppOptions {
  ctx: Omit<AppContext, 'log'>;
  /** pino options, or false for no logging (tests); defaults to the configured level. */
  logger?: boolean | Record<string, unknown>;
  /** Where log lines go (tests capture them). */
  logStream?: NodeJS.WritableStream;
}

export { BODY_LIMIT };

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config } = options.ctx;
  const loggerConfig =
    options.logger === false
      ? false
      : {
          ...loggerOptions(config.logLevel),
          ...(typeof options.logger === 'object' ? options.logger : {}),
          ...(options.logStream ? { stream: options.logStream } : {}),
        };
  const app = Fastify({
    logger: loggerConfig,
    bodyLimit: BODY_LIMIT,
    trustProxy: config.trustProxy,
    ajv: {
      // Unknown properties are errors, never silently dropped; types are never coerced in bodies.
      customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true, useDefaults: true },
    },
  });
  const ctx: AppContext = { ...options.ctx, log: app.log };
  const services = createServices(ctx);
  const { metrics, resolver, apiKeyCache } = services;
  app.decorate('services', services);
  app.addHook('onClose', async () => services.close());

  // Every instance listens for publishes (its own included) and drops its cached version list —
  // all of them when the listening connection was interrupted (a publish may have been missed).
  const unlisten = await ctx.database.listen(RULESET_CHANNEL, (m) => resolver.invalidate(m), {
    onStatus: () => resolver.invalidateAll(),
  });
  app.addHook('onClose', async () => unlisten());
  const unlistenKeys = await ApiKeyCache.listen(ctx.database, apiKeyCache);
  app.addHook('onClose', async () => unlistenKeys());

  registerJsonBody(app, BODY_LIMIT);
  app.addContentTypeParser(
    ['application/xml', 'text/xml'],
    { parseAs: 'string', bodyLimit: BODY_LIMIT },
    (_req, body, done) => {
      done(null, body);
    },
  );

  app.setErrorHandler(problemHandler);

  // The console's built files at / (admin-ui/dist, or CONSOLE_DIR), when they exist. Paths that
  // are not files fall back to index.html so the single-page app can route them.
  const consoleIndex = path.join(config.consoleDir, 'index.html');
  const serveConsole = existsSync(consoleIndex);
  if (serveConsole)
    await app.register(fastifyStatic, {
      root: config.consoleDir,
      prefix: '/',
      wildcard: true,
      index: 'index.html',
    });

  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0]!;
    const isApi =
      url.startsWith('/api/') ||
      url === '/api' ||
      url.startsWith('/docs') ||
      ['/health', '/ready', '/metrics'].includes(url);
    if (serveConsole && request.method === 'GET' && !isApi) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    reply
      .code(404)
      .type('application/problem+json; charset=utf-8')
      .send({
        type: problemType('Not Found'),
        title: 'Not Found',
        status: 404,
        detail: `No route ${request.method} ${request.url.split('?')[0]}.`,
      });
  });

  app.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });

  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Regelværk API',
        version: '1',
        description:
          'Rules platform for Danish municipal eFaktura in KP. Errors are application/problem+json (RFC 9457).',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'rv_session' },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(authPlugin, { auth: services.auth, apiKeys: apiKeyCache });
  await app.register(systemRoutes, { ctx, registry: metrics.registry });
  await app.register(
    async (api) => {
      await api.register(authRoutes, services);
      for (const feature of FEATURES) await api.register(feature, services);
    },
    { prefix: '/api/v1' },
  );
  return app;
}
