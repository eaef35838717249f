import type { FastifyInstance } from 'fastify';

/** Routes of the documents feature. */
export default async function documentsRoutes(_app: FastifyInstance) {}
