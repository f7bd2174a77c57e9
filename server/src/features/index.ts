/** The features mounted under /api/v1, each a Fastify plugin taking the app's services. */
import type { FastifyPluginAsync } from 'fastify';
import type { AppServices } from '../app.js';

export const FEATURES: FastifyPluginAsync<AppServices>[] = [];
