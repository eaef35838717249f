import type { FastifyInstance, FastifyReply } from 'fastify';
import { DomainError } from '../../lib/errors.js';
import { loadCustomer, renderCard } from '../customers/card.js';
import type { CustomerDetails } from '../customers/queries.js';
import {
  addGuardian,
  customerIdByNumber,
  findGuardianCandidates,
  guardianLinks,
  removeGuardian,
} from './queries.js';

type GuardianError = { key: string; params?: Record<string, string | number> };

/**
 * The card's basic tab with the guardians section showing why an addition was refused
 * (422), the number typed kept in its box.
 */
async function renderRefused(
  app: FastifyInstance,
  reply: FastifyReply,
  customer: CustomerDetails,
  guardianError: GuardianError,
  guardianNumber: string,
) {
  const links = await guardianLinks(app.db, customer.customer.id);
  return renderCard(
    reply,
    customer,
    'basic',
    '/customers/_tab-basic',
    { guardianLinks: links, guardianError, guardianNumber },
    422,
  );
}

/** Guardians (R-REG-11) on the basic tab of person customers: list, add, remove. */
export default async function guardianRoutes(app: FastifyInstance) {
  const db = app.db;

  app.get('/customers/:id/guardians/search', async (request, reply) => {
    const customer = await loadCustomer(db, request);
    const raw = (request.query as { q?: unknown }).q;
    const q = typeof raw === 'string' ? raw.trim().slice(0, 100) : '';
    const rows = q.length >= 2 ? await findGuardianCandidates(db, q, customer.customer.id) : [];
    return reply.render('guardians/_options', { rows, q });
  });

  app.post('/customers/:id/guardians', async (request, reply) => {
    const customer = await loadCustomer(db, request);
    // Organisations have no guardians section to show a message in: a plain 400.
    if (customer.customer.type !== 'person') throw new DomainError('guardians.wardNotPerson', 400);
    const body = request.body as Record<string, unknown>;
    const typed = typeof body.number === 'string' ? body.number.trim() : '';
    const picked =
      typeof body.guardianId === 'string' && /^\d{1,9}$/.test(body.guardianId) ? Number(body.guardianId) : 0;
    try {
      let guardianId = picked;
      if (!guardianId) {
        if (!typed) throw new DomainError('guardians.missing', 400);
        const found = /^\d{1,9}$/.test(typed) ? await customerIdByNumber(db, Number(typed)) : undefined;
        if (!found) throw new DomainError('guardians.unknownNumber', 400, { number: typed.slice(0, 20) });
        guardianId = found;
      }
      const name = await addGuardian(db, customer.customer.id, guardianId, request.user!.id);
      reply.flash('success', 'guardians.added', { name });
      return reply.seeOther(`/customers/${customer.customer.id}`);
    } catch (e) {
      if (!(e instanceof DomainError) || e.statusCode !== 400) throw e;
      return renderRefused(app, reply, customer, { key: e.message, params: e.params }, typed);
    }
  });

  app.post('/customers/:id/guardians/:guardianId/delete', async (request, reply) => {
    const customer = await loadCustomer(db, request);
    const raw = (request.params as { guardianId: string }).guardianId;
    if (!/^\d{1,9}$/.test(raw)) throw new DomainError('error.notFound', 404);
    const name = await removeGuardian(db, customer.customer.id, Number(raw), request.user!.id);
    reply.flash('success', 'guardians.removed', { name });
    return reply.seeOther(`/customers/${customer.customer.id}`);
  });
}
