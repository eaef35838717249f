import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, InputError } from '../../lib/errors.js';
import { idParam } from '../../lib/ids.js';
import { parseInput } from '../../lib/validation.js';
import { bansFromForm } from '../bans/schemas.js';
import {
  contactPersonPropertiesFor,
  contactPersonPropertyOptions,
} from '../classification/contact-person-properties.js';
import { parseContactPersonPropertyIds } from '../classification/schemas.js';
import { contactRolesOf } from '../contact-roles/queries.js';
import { loadCustomer, renderCard } from '../customers/card.js';
import { getCustomer } from '../customers/queries.js';
import { contactPersonSchema } from '../customers/schemas.js';
import {
  type ContactPerson,
  type ContactPersonExtras,
  createContactPerson,
  deleteContactPerson,
  getContactPerson,
  listContactPersons,
  updateContactPerson,
} from './queries.js';

function notFound(): never {
  throw Object.assign(new Error('error.notFound'), { statusCode: 404 });
}

// -- contact-person properties (markkinointiryhmät) --

/** The properties the form sent; none when the form had no property section (nothing to change). */
function propertyExtras(body: Record<string, unknown>): ContactPersonExtras {
  if (!body.cpPropertiesShown) return {};
  return { propertyIds: parseContactPersonPropertyIds(body.cpProperty) };
}

/** The form's property checkboxes: every property, and which are ticked (sent back, or saved). */
async function propertyFormData(
  db: FastifyInstance['db'],
  values: Record<string, unknown>,
  person?: ContactPerson,
) {
  const cpPropertyGroups = await contactPersonPropertyOptions(db);
  let cpPropertyIds: unknown[];
  if (values.cpPropertiesShown) {
    const sent = values.cpProperty;
    cpPropertyIds = Array.isArray(sent) ? sent : sent === undefined ? [] : [sent];
  } else if (person) {
    cpPropertyIds = ((await contactPersonPropertiesFor(db, [person.id])).get(person.id) ?? []).map(
      (p) => p.id,
    );
  } else {
    cpPropertyIds = [];
  }
  return { cpPropertyGroups, cpPropertyIds };
}

// -- marketing bans (R-REG-9) --

/** Everything the contact-person form saves besides the person's own fields. */
function formExtras(body: Record<string, unknown>): ContactPersonExtras {
  return { ...propertyExtras(body), bans: bansFromForm(body) };
}

/** Contact persons (yhteyshenkilöt) of an organisation: add, edit, delete; listed on the card's tab. */
export default async function contactPersonRoutes(app: FastifyInstance) {
  const db = app.db;

  async function contactPerson(request: FastifyRequest): Promise<ContactPerson> {
    const person = await getContactPerson(db, idParam(request.params));
    if (!person) notFound();
    return person;
  }

  async function showForm(
    reply: FastifyReply,
    customerId: number,
    data: {
      values: Record<string, unknown>;
      errors?: Record<string, string>;
      person?: ContactPerson;
      conflict?: boolean;
    },
    status = 200,
  ) {
    const customer = await getCustomer(db, customerId);
    const properties = await propertyFormData(db, data.values, data.person);
    return reply.render('contact-persons/form', { errors: {}, customer, ...properties, ...data }, { status });
  }

  const backToTab = (customerId: number) => `/customers/${customerId}/contact-persons`;

  app.get('/customers/:id/contact-persons', async (request, reply) => {
    const customer = await loadCustomer(db, request);
    if (customer.customer.type !== 'organisation')
      return reply.seeOther(`/customers/${customer.customer.id}`);
    const contactPersons = await listContactPersons(db, customer.customer.id);
    const cpProperties = await contactPersonPropertiesFor(
      db,
      contactPersons.map((p) => p.id),
    );
    return renderCard(reply, customer, 'contact-persons', '/contact-persons/_tab', {
      contactPersons,
      cpProperties,
      contactRoles: await contactRolesOf(db, customer.customer.id),
    });
  });

  app.get('/customers/:id/contact-persons/new', async (request, reply) => {
    const customer = await loadCustomer(db, request);
    return showForm(reply, customer.customer.id, { values: { language: customer.customer.language } });
  });

  app.post('/customers/:id/contact-persons', async (request, reply) => {
    const customer = await loadCustomer(db, request);
    const body = request.body as Record<string, unknown>;
    try {
      await createContactPerson(
        db,
        customer.customer.id,
        parseInput(contactPersonSchema, body),
        request.user!.id,
        formExtras(body),
      );
      reply.flash('success', 'common.saved');
      return reply.seeOther(backToTab(customer.customer.id));
    } catch (e) {
      if (e instanceof InputError)
        return showForm(reply, customer.customer.id, { values: body, errors: e.fields }, 422);
      throw e;
    }
  });

  app.get('/contact-persons/:id/edit', async (request, reply) => {
    const person = await contactPerson(request);
    return showForm(reply, person.customerId, { values: person, person });
  });

  app.post('/contact-persons/:id', async (request, reply) => {
    const person = await contactPerson(request);
    const body = request.body as Record<string, unknown>;
    try {
      const input = parseInput(contactPersonSchema, body);
      await updateContactPerson(
        db,
        person.id,
        Number(body.version),
        input,
        request.user!.id,
        formExtras(body),
      );
      reply.flash('success', 'common.saved');
      return reply.seeOther(backToTab(person.customerId));
    } catch (e) {
      if (e instanceof InputError)
        return showForm(reply, person.customerId, { values: body, errors: e.fields, person }, 422);
      if (e instanceof ConflictError) {
        const current = await contactPerson(request);
        return showForm(reply, person.customerId, { values: current, person: current, conflict: true }, 409);
      }
      throw e;
    }
  });

  app.post('/contact-persons/:id/delete', async (request, reply) => {
    const person = await contactPerson(request);
    await deleteContactPerson(db, person.id, request.user!.id);
    reply.flash('success', 'common.deleted');
    return reply.seeOther(backToTab(person.customerId));
  });
}
