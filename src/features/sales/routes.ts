import type { FastifyInstance } from 'fastify';

/** Routes of the sales feature. */
export default async function salesRoutes(_app: FastifyInstance) {}
