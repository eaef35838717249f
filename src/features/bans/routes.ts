import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../lib/errors.js';
import { idParam } from '../../lib/ids.js';
import { getContactPerson } from '../contact-persons/queries.js';
import { loadCustomer } from '../customers/card.js';
import { banHistoryFor, setBans } from './queries.js';
import { parseBanForm } from './schemas.js';

function notFound(): never {
  throw new DomainError('error.notFound', 404);
}

/**
 * Marketing bans on the card (R-REG-9): the person customer's checkboxes on the
 * "Ominaisuudet ja seuranta" tab and each recipient's change history on demand.
 * A contact person's bans are saved with the contact-person form.
 */
export default async function banRoutes(app: FastifyInstance) {
  const db = app.db;

  app.post('/customers/:id/bans', async (request, reply) => {
    const { customer } = await loadCustomer(db, request);
    const bans = parseBanForm(request.body as Record<string, unknown>);
    const { changed } = await setBans(db, { customerId: customer.id }, bans, {
      source: 'staff',
      userId: request.user!.id,
    });
    reply.flash(changed.length ? 'success' : 'info', changed.length ? 'bans.saved' : 'bans.unchanged');
    return reply.seeOther(`/customers/${customer.id}/classification`);
  });

  app.get('/customers/:id/bans/history', async (request, reply) => {
    const { customer } = await loadCustomer(db, request);
    const history = customer.type === 'person' ? await banHistoryFor(db, { customerId: customer.id }) : [];
    return reply.render(
      'bans/history',
      { history, name: customer.name, back: `/customers/${customer.id}/classification` },
      { fragment: 'bans/_history' },
    );
  });

  app.get('/contact-persons/:id/bans/history', async (request, reply) => {
    const person = await getContactPerson(db, idParam(request.params));
    if (!person) notFound();
    const history = await banHistoryFor(db, { contactPersonId: person.id });
    return reply.render(
      'bans/history',
      { history, name: `${person.firstName} ${person.lastName}`, back: `/contact-persons/${person.id}/edit` },
      { fragment: 'bans/_history' },
    );
  });
}
