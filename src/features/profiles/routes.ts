import type { FastifyInstance, FastifyReply } from 'fastify';
import { loadCustomer, renderCard } from '../customers/card.js';
import type { CustomerDetails } from '../customers/queries.js';
import {
  type Answers,
  answersFromForm,
  formValuesFromBody,
  formValuesOf,
  ProfileInputError,
} from './answers.js';
import { listDefinitions, type ProfileDefinition } from './definitions.js';
import { loadAnswers, saveAnswers } from './queries.js';

type TabData = {
  defs: ProfileDefinition[];
  formValues: Record<string, string | string[]>;
  errors: Record<string, string>;
  saved?: boolean;
};

function renderTab(reply: FastifyReply, customer: CustomerDetails, data: TabData, status = 200) {
  return renderCard(reply, customer, 'profile', '/profiles/_tab', data, status);
}

/** The card's Profiilit tab (R-CARD-2): every profile field with the control its type needs. */
export default async function profileRoutes(app: FastifyInstance) {
  const db = app.db;

  app.get('/customers/:id/profile', async (request, reply) => {
    const customer = await loadCustomer(db, request);
    const [defs, answers] = await Promise.all([listDefinitions(db), loadAnswers(db, customer.customer.id)]);
    const formValues = formValuesOf(defs, answers, request.language);
    return renderTab(reply, customer, { defs, formValues, errors: {} });
  });

  app.post('/customers/:id/profile', async (request, reply) => {
    const customer = await loadCustomer(db, request);
    const id = customer.customer.id;
    const defs = await listDefinitions(db);
    const body = (request.body ?? {}) as Record<string, unknown>;
    let answers: Answers;
    try {
      answers = answersFromForm(defs, body);
    } catch (e) {
      if (!(e instanceof ProfileInputError)) throw e;
      const formValues = formValuesFromBody(defs, body);
      return renderTab(reply, customer, { defs, formValues, errors: e.fields }, 422);
    }
    await saveAnswers(db, id, defs, answers, request.user!.id);
    if (request.isPartial) {
      const formValues = formValuesOf(defs, await loadAnswers(db, id), request.language);
      return renderTab(reply, customer, { defs, formValues, errors: {}, saved: true });
    }
    reply.flash('success', 'profiles.saved');
    return reply.seeOther(`/customers/${id}/profile`);
  });
}
