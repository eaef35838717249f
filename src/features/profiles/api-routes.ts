import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { translator } from '../../i18n/index.js';
import { DomainError } from '../../lib/errors.js';
import { parseId } from '../api/schemas.js';
import { loadCustomer } from '../customers/card.js';
import { answersFromApi, answersToApi, ProfileInputError } from './answers.js';
import { listDefinitions } from './definitions.js';
import { loadAnswers, saveAnswers } from './queries.js';

/**
 * Profiles in the JSON API v1 (registered with prefix /api/v1): the field definitions,
 * and a customer's answers to read and to set. Every route takes a bearer token.
 */
export default async function profileApiRoutes(app: FastifyInstance) {
  app.addHook('onRoute', (routeOptions) => {
    routeOptions.config = { ...routeOptions.config, api: true };
  });
  const db = app.db;
  const en = translator('en');

  /** A refused PUT: 400 with one message per field code, naming the codes that were wrong. */
  function refused(reply: FastifyReply, error: ProfileInputError) {
    const details = Object.fromEntries(
      Object.entries(error.problems).map(([code, p]) => [code, en(p.key, p.params)]),
    );
    return reply.code(400).send({ error: en('profiles.api.invalid'), details });
  }

  /** The customer of `:id`, or 404 — also for an id too big for the database (it answered 500). */
  async function customerOf(request: FastifyRequest) {
    if (!parseId((request.params as { id: string }).id)) throw new DomainError('error.notFound', 404);
    return loadCustomer(db, request);
  }

  async function profileOf(customerId: number) {
    const [defs, answers] = await Promise.all([listDefinitions(db), loadAnswers(db, customerId)]);
    return { values: answersToApi(defs, answers) };
  }

  app.get('/profile-fields', async () => {
    const defs = await listDefinitions(db);
    return defs.map((d) => ({
      code: d.code,
      title: d.title,
      type: d.type,
      values: d.values.map((v) => ({ code: v.code, label: v.label })),
    }));
  });

  app.get('/customers/:id/profile', async (request) => {
    const customer = await customerOf(request);
    return profileOf(customer.customer.id);
  });

  app.put('/customers/:id/profile', async (request, reply) => {
    const customer = await customerOf(request);
    const defs = await listDefinitions(db);
    try {
      const answers = answersFromApi(defs, request.body);
      await saveAnswers(db, customer.customer.id, defs, answers, request.user!.id);
    } catch (e) {
      if (e instanceof ProfileInputError) return refused(reply, e);
      throw e;
    }
    return profileOf(customer.customer.id);
  });
}
