import type { FastifyInstance } from 'fastify';

/** JSON API v1 under /api/v1. (Being written.) */
export default async function apiRoutes(_app: FastifyInstance) {}
