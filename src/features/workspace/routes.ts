import type { FastifyInstance } from 'fastify';

/** Routes of the workspace feature. */
export default async function workspaceRoutes(_app: FastifyInstance) {}
