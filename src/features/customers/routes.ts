import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { ConflictError, InputError } from '../../lib/errors.js';
import { optionalId, optionalText, parseInput } from '../../lib/validation.js';
import { listCustomerAudit } from '../audit/queries.js';
import { guardianLinks } from '../guardians/queries.js';
import { loadCustomer, renderCard } from './card.js';
import {
  type CustomerDetails,
  createCustomer,
  findOrganisations,
  formOptions,
  getCustomer,
  listDepartments,
  setArchived,
  updateCustomer,
} from './queries.js';
import { customerSchema } from './schemas.js';
import { listCustomers, quickSearch } from './search.js';

const listQuery = z.object({
  q: optionalText(200),
  kindId: optionalId(),
  groupId: optionalId(),
  city: optionalText(100),
  archived: z.enum(['active', 'archived', 'all']).catch('active'),
  sort: z.enum(['number', 'name']).catch('number'),
  after: optionalText(500),
});

/** The form's values for an existing customer. */
function valuesOf(c: CustomerDetails): Record<string, unknown> {
  return { ...c.customer, companyName: c.companyName, departmentName: c.departmentName };
}

export default async function customerRoutes(app: FastifyInstance) {
  const db = app.db;

  // ------------------------------------------------------------- list and quick search

  app.get('/customers', async (request, reply) => {
    const filters = parseInput(listQuery, request.query);
    const [result, options] = await Promise.all([
      listCustomers(db, {
        q: filters.q ?? undefined,
        kindId: filters.kindId ?? undefined,
        groupId: filters.groupId ?? undefined,
        city: filters.city ?? undefined,
        archived: filters.archived,
        sort: filters.sort,
        after: filters.after ?? undefined,
      }),
      formOptions(db),
    ]);
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) if (v && k !== 'after') params.set(k, String(v));
    return reply.render(
      'customers/list',
      { title: request.t('customers.title'), filters, options, ...result, params: params.toString() },
      { fragment: 'customers/_results' },
    );
  });

  app.get('/customers/quick', async (request, reply) => {
    const { q } = parseInput(z.object({ q: optionalText(200) }), request.query);
    if (!request.isPartial) return reply.seeOther(`/customers${q ? `?q=${encodeURIComponent(q)}` : ''}`);
    const rows = q ? await quickSearch(db, q, 10) : [];
    return reply.render('customers/_quick', { rows, q });
  });

  // ------------------------------------------------------------- create

  async function showForm(
    reply: FastifyReply,
    data: {
      values: Record<string, unknown>;
      errors?: Record<string, string>;
      customer?: CustomerDetails;
      conflict?: boolean;
    },
    status = 200,
  ) {
    const options = await formOptions(db);
    const companyId = Number(data.values.companyId) || null;
    const departments = companyId ? await listDepartments(db, companyId) : [];
    return reply.render('customers/form', { errors: {}, ...data, options, departments }, { status });
  }

  app.get('/customers/new', async (request, reply) => {
    const type = (request.query as { type?: string }).type === 'organisation' ? 'organisation' : 'person';
    const options = await formOptions(db);
    return showForm(reply, {
      values: {
        type,
        country: 'FI',
        language: 'fi',
        kindId: options.kinds[0]?.id,
        accountManagerId: request.user!.id,
      },
    });
  });

  app.post('/customers', async (request, reply) => {
    try {
      const created = await createCustomer(db, parseInput(customerSchema, request.body), request.user!.id);
      reply.flash('success', 'customers.created', { number: created.number });
      return reply.seeOther(`/customers/${created.id}`);
    } catch (e) {
      if (e instanceof InputError) {
        return showForm(reply, { values: request.body as Record<string, unknown>, errors: e.fields }, 422);
      }
      throw e;
    }
  });

  // ------------------------------------------------------------- company picker (person form)

  app.get('/customers/company-picker', async (request, reply) => {
    const { q, select } = parseInput(z.object({ q: optionalText(200), select: optionalId() }), request.query);
    if (select) {
      const company = await getCustomer(db, select);
      const departments = company ? await listDepartments(db, select) : [];
      return reply.render('customers/_company-picker', {
        values: { companyId: select, companyName: company?.customer.name ?? '' },
        departments,
      });
    }
    const rows = q ? await findOrganisations(db, q) : [];
    return reply.render('customers/_company-options', { rows, q });
  });

  /** Inline "create company": a new organisation of the default kind with just a name. */
  app.post('/customers/company-picker', async (request, reply) => {
    const { name } = parseInput(z.object({ name: optionalText(200) }), request.body);
    if (!name) throw new InputError({ name: 'validation.required' });
    const { kinds } = await formOptions(db);
    const created = await createCustomer(
      db,
      parseInput(customerSchema, { type: 'organisation', name, kindId: kinds[0]?.id }),
      request.user!.id,
    );
    return reply.render('customers/_company-picker', {
      values: { companyId: created.id, companyName: created.name },
      departments: [],
      createdCompany: true,
    });
  });

  // ------------------------------------------------------------- card and tabs

  app.get('/customers/:id', async (request, reply) => {
    const customer = await loadCustomer(db, request);
    const links = customer.customer.type === 'person' ? await guardianLinks(db, customer.customer.id) : null;
    return renderCard(reply, customer, 'basic', '/customers/_tab-basic', { guardianLinks: links });
  });

  app.get('/customers/:id/history', async (request, reply) => {
    const customer = await loadCustomer(db, request);
    const before = Number((request.query as { before?: string }).before) || undefined;
    const audit = await listCustomerAudit(db, customer.customer.id, before, 50);
    const auditNext = audit.length === 50 ? audit[audit.length - 1]!.id : null;
    return renderCard(reply, customer, 'history', '/customers/_tab-history', { audit, auditNext });
  });

  // ------------------------------------------------------------- edit, archive

  app.get('/customers/:id/edit', async (request, reply) => {
    const customer = await loadCustomer(db, request);
    return showForm(reply, { values: valuesOf(customer), customer });
  });

  app.post('/customers/:id', async (request, reply) => {
    const customer = await loadCustomer(db, request);
    const body = request.body as Record<string, unknown>;
    const version = Number(body.version);
    try {
      await updateCustomer(
        db,
        customer.customer.id,
        version,
        parseInput(customerSchema, request.body),
        request.user!.id,
      );
      reply.flash('success', 'common.saved');
      return reply.seeOther(`/customers/${customer.customer.id}`);
    } catch (e) {
      if (e instanceof InputError) return showForm(reply, { values: body, errors: e.fields, customer }, 422);
      if (e instanceof ConflictError) {
        // Show what is stored now; nothing of the stale form was written.
        const current = await loadCustomer(db, request);
        return showForm(reply, { values: valuesOf(current), customer: current, conflict: true }, 409);
      }
      throw e;
    }
  });

  app.post('/customers/:id/archive', async (request, reply) => {
    const customer = await loadCustomer(db, request);
    await setArchived(db, customer.customer.id, true, request.user!.id);
    reply.flash('success', 'customers.archivedDone');
    return reply.seeOther(`/customers/${customer.customer.id}`);
  });

  app.post('/customers/:id/restore', async (request, reply) => {
    const customer = await loadCustomer(db, request);
    await setArchived(db, customer.customer.id, false, request.user!.id);
    reply.flash('success', 'customers.restoredDone');
    return reply.seeOther(`/customers/${customer.customer.id}`);
  });
}
