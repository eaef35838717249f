import type { FastifyInstance } from 'fastify';

/** Admin screens under /settings. (Being written.) */
export default async function settingsRoutes(_app: FastifyInstance) {}
