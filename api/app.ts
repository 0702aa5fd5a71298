import type { FastifyPluginAsync } from 'fastify';
import { healthRoutes } from './routes/health';

/** The Tenure API as a Fastify plugin: register it on any Fastify instance (server, tests). */
export const app: FastifyPluginAsync = async (fastify) => {
  await fastify.register(healthRoutes);
};
