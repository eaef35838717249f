import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';

/** Health for load balancers: /healthz says the process answers, /readyz that the database does. */
export default async function healthRoutes(app: FastifyInstance) {
  app.get('/healthz', { config: { public: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { public: true } }, async (_request, reply) => {
    try {
      await app.db.execute(sql`select 1`);
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'database unavailable' });
    }
  });
}
