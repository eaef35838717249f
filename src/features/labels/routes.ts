import type { FastifyInstance } from 'fastify';

/** Routes of the labels feature. */
export default async function labelsRoutes(_app: FastifyInstance) {}
