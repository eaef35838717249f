import type { FastifyInstance, FastifyReply } from 'fastify';
import { InputError } from '../../lib/errors.js';
import { loadCustomer, renderCard } from '../customers/card.js';
import type { CustomerDetails } from '../customers/queries.js';
import { loadClassification, saveClassification } from './queries.js';
import { parseClassificationForm } from './schemas.js';

function renderRefused(reply: FastifyReply, customer: CustomerDetails, data: Record<string, unknown>) {
  return renderCard(reply, customer, 'classification', '/classification/_tab', data, 422);
}

/** The card's "Ominaisuudet ja seuranta" tab: tracking values and properties (R-REG-5, R-REG-6). */
export default async function classificationRoutes(app: FastifyInstance) {
  const db = app.db;

  app.get('/customers/:id/classification', async (request, reply) => {
    const customer = await loadCustomer(db, request);
    const classification = await loadClassification(db, customer.customer.id);
    return renderCard(reply, customer, 'classification', '/classification/_tab', {
      classification,
      formValues: null,
      errors: {},
    });
  });

  app.post('/customers/:id/classification', async (request, reply) => {
    const customer = await loadCustomer(db, request);
    const id = customer.customer.id;
    const body = request.body as Record<string, unknown>;
    try {
      const { changed } = await saveClassification(db, id, parseClassificationForm(body), request.user!.id);
      reply.flash(
        changed ? 'success' : 'info',
        changed ? 'classification.tab.saved' : 'classification.tab.unchanged',
      );
      return reply.seeOther(`/customers/${id}/classification`);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      const classification = await loadClassification(db, id);
      return renderRefused(reply, customer, { classification, formValues: body, errors: e.fields });
    }
  });
}
