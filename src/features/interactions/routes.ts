import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, InputError } from '../../lib/errors.js';
import { formatDate } from '../../lib/format.js';
import { idParam, parseId } from '../../lib/ids.js';
import { type FieldErrors, parseInput } from '../../lib/validation.js';
import { loadCustomer, renderCard } from '../customers/card.js';
import { type CustomerDetails, getCustomer } from '../customers/queries.js';
import { acknowledgeAlarm, activeAlarmCount, listActiveAlarms } from './alarms.js';
import interactionApiRoutes from './api.js';
import { listInteractionBatches, undoInteractionBatch } from './batch.js';
import {
  contactPersonOptions,
  createInteraction,
  deleteInteraction,
  getInteraction,
  type InteractionRow,
  listContactTypes,
  listInteractions,
  staffOptions,
  updateInteraction,
} from './queries.js';
import { interactionFormSchema, interactionFromForm, todayInHelsinki } from './schemas.js';
import contactTypeSettingsRoutes from './settings-routes.js';

type FormValues = Record<string, unknown>;

type TabData = {
  values: FormValues;
  errors: FieldErrors;
  /** The alarm date of the form is in the past: the form asks to confirm it ("Tallenna silti"). */
  pastAlarm?: string | null;
  saved?: boolean;
  before?: number | null;
};

/** The form's values of a stored entry (dates as 1.2.2026, as people type them). */
function valuesOf(row: InteractionRow): FormValues {
  return {
    typeId: row.typeId,
    text: row.text,
    contactPersonId: row.contactPersonId ?? '',
    alarm: row.alarm ? 'on' : '',
    alarmDate: row.alarm ? formatDate(row.alarm.dueDate, 'fi') : '',
    alarmMessage: row.alarm?.message ?? row.text,
    alarmAudience: row.alarm?.audience ?? 'self',
    alarmUserId: row.alarm?.audience === 'user' ? (row.alarm.userId ?? '') : '',
    version: row.version,
  };
}

/** The form as sent, with an empty alarm message filled from the entry's text (it is pre-filled from it). */
function sentValues(body: FormValues): FormValues {
  const msg = typeof body.alarmMessage === 'string' ? body.alarmMessage : '';
  return { ...body, alarmMessage: msg.trim() ? msg : (body.text ?? '') };
}

/**
 * Parses the entry form. A past alarm date is refused once with a warning; the re-rendered form
 * carries `confirmPast` with that date, and sending the same date again saves it.
 */
function parseForm(body: FormValues, actorId: number) {
  const parsed = parseInput(interactionFormSchema, body);
  const input = interactionFromForm(parsed, actorId);
  if (input.alarm && input.alarm.dueDate < todayInHelsinki() && body.confirmPast !== input.alarm.dueDate) {
    return { input, pastAlarm: input.alarm.dueDate };
  }
  return { input, pastAlarm: null };
}

/** Contact log (R-CARD-3) on the card, alarms (R-CARD-4), batches, contact types and the API. */
export default async function interactionsRoutes(app: FastifyInstance) {
  const db = app.db;

  async function renderTab(reply: FastifyReply, customer: CustomerDetails, data: TabData, status = 200) {
    const id = customer.customer.id;
    const [page, types, contactPersons, staff] = await Promise.all([
      listInteractions(db, id, { before: data.before ?? null }),
      listContactTypes(db),
      customer.customer.type === 'organisation' ? contactPersonOptions(db, id) : Promise.resolve([]),
      staffOptions(db),
    ]);
    return renderCard(
      reply,
      customer,
      'interactions',
      '/interactions/_tab',
      {
        entries: page.rows,
        next: page.next,
        before: data.before ?? null,
        types,
        contactPersons,
        staff,
        ...data,
      },
      status,
    );
  }

  async function renderEdit(
    reply: FastifyReply,
    entry: InteractionRow,
    data: { values: FormValues; errors: FieldErrors; pastAlarm?: string | null; conflict?: boolean },
    status = 200,
  ) {
    const customer = await getCustomer(db, entry.customerId);
    if (!customer) throw Object.assign(new Error('error.notFound'), { statusCode: 404 });
    const [types, contactPersons, staff] = await Promise.all([
      listContactTypes(db),
      customer.customer.type === 'organisation'
        ? contactPersonOptions(db, entry.customerId)
        : Promise.resolve([]),
      staffOptions(db),
    ]);
    return renderCard(
      reply,
      customer,
      'interactions',
      '/interactions/_edit',
      { entry, types, contactPersons, staff, ...data },
      status,
    );
  }

  async function entryOf(request: FastifyRequest): Promise<InteractionRow> {
    const entry = await getInteraction(db, idParam(request.params));
    if (!entry) throw Object.assign(new Error('error.notFound'), { statusCode: 404 });
    return entry;
  }

  const tabUrl = (customerId: number) => `/customers/${customerId}/interactions`;

  // ---------------------------------------------------------------- the Kontaktit tab

  app.get('/customers/:id/interactions', async (request, reply) => {
    const customer = await loadCustomer(db, request);
    const before = parseId((request.query as { before?: string }).before);
    return renderTab(reply, customer, { values: { alarmAudience: 'self' }, errors: {}, before });
  });

  app.post('/customers/:id/interactions', async (request, reply) => {
    const customer = await loadCustomer(db, request);
    const body = (request.body ?? {}) as FormValues;
    const userId = request.user!.id;
    try {
      const { input, pastAlarm } = parseForm(body, userId);
      if (pastAlarm) {
        return renderTab(reply, customer, { values: sentValues(body), errors: {}, pastAlarm }, 422);
      }
      await createInteraction(db, customer.customer.id, input, userId);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      return renderTab(reply, customer, { values: sentValues(body), errors: e.fields }, 422);
    }
    if (request.isPartial) {
      return renderTab(reply, customer, { values: { alarmAudience: 'self' }, errors: {}, saved: true });
    }
    reply.flash('success', 'interactions.saved');
    return reply.seeOther(tabUrl(customer.customer.id));
  });

  app.get('/interactions/:id/edit', async (request, reply) => {
    const entry = await entryOf(request);
    return renderEdit(reply, entry, { values: valuesOf(entry), errors: {} });
  });

  app.post('/interactions/:id', async (request, reply) => {
    const entry = await entryOf(request);
    const body = (request.body ?? {}) as FormValues;
    const userId = request.user!.id;
    try {
      const { input, pastAlarm } = parseForm(body, userId);
      if (pastAlarm)
        return renderEdit(reply, entry, { values: sentValues(body), errors: {}, pastAlarm }, 422);
      // Keep the owner of a 'self' alarm when someone else edits the entry.
      if (input.alarm?.audience === 'self' && entry.alarm?.audience === 'self')
        input.alarm.userId = entry.alarm.userId;
      await updateInteraction(db, entry.id, Number(body.version), input, userId);
    } catch (e) {
      if (e instanceof InputError)
        return renderEdit(reply, entry, { values: sentValues(body), errors: e.fields }, 422);
      if (e instanceof ConflictError) {
        const current = await entryOf(request);
        return renderEdit(reply, current, { values: valuesOf(current), errors: {}, conflict: true }, 409);
      }
      throw e;
    }
    reply.flash('success', 'interactions.saved');
    return reply.seeOther(tabUrl(entry.customerId));
  });

  app.post('/interactions/:id/delete', async (request, reply) => {
    const entry = await entryOf(request);
    const body = (request.body ?? {}) as FormValues;
    try {
      await deleteInteraction(db, entry.id, Number(body.version), request.user!.id);
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e;
      const current = await entryOf(request);
      return renderEdit(reply, current, { values: valuesOf(current), errors: {}, conflict: true }, 409);
    }
    reply.flash('success', 'interactions.deleted', { number: entry.id });
    return reply.seeOther(tabUrl(entry.customerId));
  });

  // ---------------------------------------------------------------- alarms

  app.get('/alarms', async (request, reply) => {
    const q = request.query as { after?: string };
    const m = typeof q.after === 'string' ? /^(\d{4}-\d{2}-\d{2})_(\d{1,18})$/.exec(q.after) : null;
    const after = m ? { dueDate: m[1]!, id: Number(m[2]) } : null;
    const page = await listActiveAlarms(db, request.user!.id, { after });
    return reply.render(
      'interactions/alarms',
      { alarms: page.rows, next: page.next ? `${page.next.dueDate}_${page.next.id}` : null, paged: !!after },
      { fragment: 'interactions/_alarm-list' },
    );
  });

  app.post('/alarms/:id/acknowledge', { config: { readonlyAllowed: true } }, async (request, reply) => {
    const raw = (request.params as { id?: string }).id;
    const id = typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : 0;
    if (!id) throw Object.assign(new Error('error.notFound'), { statusCode: 404 });
    await acknowledgeAlarm(db, id, request.user!.id);
    if (request.isPartial) {
      const alarmCount = await activeAlarmCount(db, request.user!.id);
      return reply.render('interactions/_acknowledged', { alarmId: id, alarmCount });
    }
    reply.flash('success', 'interactions.alarms.acknowledged');
    return reply.seeOther('/alarms');
  });

  // ---------------------------------------------------------------- batches

  app.get('/interactions/batches', async (request, reply) => {
    const before = parseId((request.query as { before?: string }).before);
    const batches = await listInteractionBatches(db, before ?? undefined, 51);
    const more = batches.length > 50;
    if (more) batches.pop();
    return reply.render('interactions/batches', {
      batches,
      next: more ? batches[batches.length - 1]!.id : null,
    });
  });

  app.post('/interactions/batches/:id/undo', async (request, reply) => {
    const id = idParam(request.params);
    const count = await undoInteractionBatch(db, id, request.user!.id);
    reply.flash('success', 'interactions.batches.undone', { id, count });
    return reply.seeOther('/interactions/batches');
  });

  await app.register(contactTypeSettingsRoutes, { prefix: '/settings/contact-types' });
  await app.register(interactionApiRoutes, { prefix: '/api/v1' });
}
