import type { FastifyInstance } from 'fastify';

/** (Being written.) */
export default async function routes(_app: FastifyInstance) {}
