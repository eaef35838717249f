import type { FastifyInstance } from 'fastify';

/** The CRM workspace (R-WS-*). Until its search and lists exist, the page says so plainly. */
export default async function crmRoutes(app: FastifyInstance) {
  app.get('/crm', async (request, reply) => reply.render('crm/index', { title: request.t('crm.title') }));
}
