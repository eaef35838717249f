import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../lib/errors.js';
import { parseId } from '../../lib/ids.js';
import { type FieldErrors, parseInput } from '../../lib/validation.js';
import { loadCustomer, renderCard } from '../customers/card.js';
import type { CustomerDetails } from '../customers/queries.js';
import { adminOnly, checkbox, fieldErrorsOf, idParam } from '../settings/form.js';
import salesApiRoutes from './api-routes.js';
import {
  autoValueOptions,
  createDestinationType,
  type DestinationType,
  deleteDestinationType,
  destinationTypeSchema,
  getDestinationType,
  listDestinationTypes,
  updateDestinationType,
} from './destination-types.js';
import { SALES_KINDS, type SalesKind } from './ingest.js';
import {
  decodeCursor,
  documentAudit,
  getDocument,
  listDocuments,
  PURCHASE_KINDS,
  purchaseHistory,
} from './queries.js';
import { readSalesSettings, saveSalesSettings } from './settings.js';

const kindOf = (raw: unknown): SalesKind | null =>
  SALES_KINDS.includes(raw as SalesKind) ? (raw as SalesKind) : null;

/**
 * The sales feature: the card's Varaushistoria tab (R-CARD-6) with its document list
 * and per-document history, the admin screens for destination types (with the AUTO map,
 * R-SALES-3) and the STARTDATE settings (R-REG-10), and the API (api-routes.ts).
 */
export default async function salesRoutes(app: FastifyInstance) {
  const db = app.db;

  // ------------------------------------------------------------------ card tab

  async function tabData(customer: CustomerDetails, request: FastifyRequest) {
    const q = request.query as Record<string, unknown>;
    const history = await purchaseHistory(db, customer.customer.id);
    const docKind = kindOf(q.kind);
    return { history, purchaseKinds: PURCHASE_KINDS, docKind, kinds: SALES_KINDS };
  }

  app.get('/customers/:id/purchases', async (request, reply) => {
    const customer = await loadCustomer(db, request);
    return renderCard(reply, customer, 'purchases', '/sales/_tab', await tabData(customer, request));
  });

  /** The documents drop-down: a page of documents (htmx), or the tab with the list open. */
  app.get('/customers/:id/purchases/documents', async (request, reply) => {
    const customer = await loadCustomer(db, request);
    const q = request.query as Record<string, unknown>;
    const kind = kindOf(q.kind);
    const after = decodeCursor(q.after);
    const documents = await listDocuments(db, customer.customer.id, { kind, after });
    const data = { customerId: customer.customer.id, documents, docKind: kind, appending: !!after };
    if (request.isPartial) return reply.render('sales/_documents', data);
    return renderCard(reply, customer, 'purchases', '/sales/_tab', {
      ...(await tabData(customer, request)),
      ...data,
      appending: false,
    });
  });

  /** One document's change history (audit_log entity 'sales_document'). */
  app.get('/customers/:id/purchases/documents/:docId/history', async (request, reply) => {
    const customer = await loadCustomer(db, request);
    const docId = parseId((request.params as { docId: string }).docId);
    if (!docId) throw new DomainError('error.notFound', 404);
    const document = await getDocument(db, customer.customer.id, docId);
    if (!document) throw new DomainError('error.notFound', 404);
    const audit = await documentAudit(db, customer.customer.id, docId);
    const data = { audit, docId };
    if (request.isPartial) return reply.render('sales/_document-history', data);
    const documents = await listDocuments(db, customer.customer.id);
    return renderCard(reply, customer, 'purchases', '/sales/_tab', {
      ...(await tabData(customer, request)),
      customerId: customer.customer.id,
      documents,
      appending: false,
      openHistory: data,
    });
  });

  // ------------------------------------------------------------------ destination types

  type TypeForm = {
    type: DestinationType | null;
    values: Record<string, unknown>;
    errors: FieldErrors;
    message?: string;
  };
  const showTypeForm = async (reply: FastifyReply, form: TypeForm, status = 200) =>
    reply.render('sales/destination-type', { ...form, autoValues: await autoValueOptions(db) }, { status });

  app.get('/settings/destination-types', adminOnly, async (_request, reply) =>
    reply.render('sales/destination-types', { types: await listDestinationTypes(db) }),
  );

  app.get('/settings/destination-types/new', adminOnly, async (_request, reply) =>
    showTypeForm(reply, { type: null, values: {}, errors: {} }),
  );

  app.post('/settings/destination-types', adminOnly, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      const type = await createDestinationType(db, parseInput(destinationTypeSchema, body), request.user!.id);
      reply.flash('success', 'sales.destinationTypes.created', { code: type.code });
      return reply.seeOther('/settings/destination-types');
    } catch (e) {
      return showTypeForm(reply, { type: null, values: body, errors: fieldErrorsOf(e) }, 422);
    }
  });

  async function typeOf(request: FastifyRequest) {
    const type = await getDestinationType(db, idParam(request.params));
    if (!type) throw new DomainError('error.notFound', 404);
    return type;
  }

  app.get('/settings/destination-types/:id', adminOnly, async (request, reply) => {
    const type = await typeOf(request);
    return showTypeForm(reply, { type, values: type, errors: {} });
  });

  app.post('/settings/destination-types/:id', adminOnly, async (request, reply) => {
    const type = await typeOf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      const input = parseInput(destinationTypeSchema, body);
      const saved = await updateDestinationType(db, type.id, input, request.user!.id);
      reply.flash('success', 'sales.destinationTypes.saved', { code: saved.code });
      return reply.seeOther('/settings/destination-types');
    } catch (e) {
      return showTypeForm(reply, { type, values: body, errors: fieldErrorsOf(e) }, 422);
    }
  });

  app.post('/settings/destination-types/:id/delete', adminOnly, async (request, reply) => {
    const type = await typeOf(request);
    try {
      await deleteDestinationType(db, type.id, request.user!.id);
    } catch (e) {
      if (!(e instanceof DomainError) || e.statusCode !== 409) throw e;
      const message = request.t('sales.destinationTypes.inUse', { code: type.code });
      return showTypeForm(reply, { type, values: type, errors: {}, message }, 409);
    }
    reply.flash('success', 'sales.destinationTypes.deleted', { code: type.code });
    return reply.seeOther('/settings/destination-types');
  });

  // ------------------------------------------------------------------ STARTDATE settings

  app.get('/settings/sales', adminOnly, async (_request, reply) =>
    reply.render('sales/settings', { settings: await readSalesSettings(db) }),
  );

  app.post('/settings/sales', adminOnly, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    await saveSalesSettings(
      db,
      {
        startDateInvoice: checkbox(body.startDateInvoice),
        startDateSalesOrder: checkbox(body.startDateSalesOrder),
      },
      request.user!.id,
    );
    reply.flash('success', 'sales.settings.saved');
    return reply.seeOther('/settings/sales');
  });

  // ------------------------------------------------------------------ API

  await app.register(salesApiRoutes, { prefix: '/api/v1' });
}
