import type { FastifyInstance } from 'fastify';

/** Routes of the imports feature. */
export default async function importsRoutes(_app: FastifyInstance) {}
