import type { FastifyInstance } from 'fastify';

/** Routes of the interactions feature. */
export default async function interactionsRoutes(_app: FastifyInstance) {}
