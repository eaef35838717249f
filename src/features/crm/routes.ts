import type { FastifyInstance } from 'fastify';

/** The CRM workspace page (/crm) and its API live in src/features/workspace/routes.ts. */
export default async function crmRoutes(_app: FastifyInstance) {}
