import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError, InputError } from '../../lib/errors.js';
import { type FieldErrors, parseInput } from '../../lib/validation.js';
import { bodyObject, parseId } from '../api/schemas.js';
import { loadCustomer } from '../customers/card.js';
import { contactTypeByCode } from './batch.js';
import { activeUserId, createInteraction, type InteractionRow, listInteractions } from './queries.js';
import { type InteractionInput, interactionApiSchema, todayInHelsinki } from './schemas.js';

/** A contact entry as the API answers it (the Interaction schema of openapi-interactions.ts). */
export function interactionJson(r: InteractionRow) {
  return {
    id: r.id,
    customerId: r.customerId,
    type: r.typeCode,
    typeName: r.typeName,
    text: r.text,
    contactPersonId: r.contactPersonId,
    batchId: r.batchId,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdByUsername,
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
    alarm: r.alarm
      ? {
          date: r.alarm.dueDate,
          message: r.alarm.message,
          audience: r.alarm.audience,
          username: r.alarm.audience === 'all' ? null : r.alarm.username,
        }
      : null,
  };
}

/** `limit` 1–200 (default 50) and the opaque `cursor` of the previous page (the last entry's number). */
function parsePageQuery(query: Record<string, unknown>): { limit: number; before: number | null } {
  const errors: FieldErrors = {};
  let limit = 50;
  if (query.limit !== undefined) {
    limit =
      typeof query.limit === 'string' && /^\d{1,3}$/.test(query.limit) ? Number(query.limit) : Number.NaN;
    if (!(limit >= 1 && limit <= 200)) errors.limit = 'api.limit';
  }
  let before: number | null = null;
  const cursor = query.cursor;
  if (cursor !== undefined && cursor !== '') {
    try {
      if (typeof cursor !== 'string' || cursor.length > 100) throw new Error('cursor');
      const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { before?: unknown };
      if (!Number.isSafeInteger(parsed?.before) || (parsed.before as number) < 1) throw new Error('cursor');
      before = parsed.before as number;
    } catch {
      errors.cursor = 'api.cursor';
    }
  }
  if (Object.keys(errors).length) throw new InputError(errors);
  return { limit, before };
}

const cursorOf = (before: number) => Buffer.from(JSON.stringify({ before })).toString('base64url');

/** The contact log in the JSON API v1 (registered with prefix /api/v1); every route takes a bearer token. */
export default async function interactionApiRoutes(app: FastifyInstance) {
  app.addHook('onRoute', (routeOptions) => {
    routeOptions.config = { ...routeOptions.config, api: true };
  });
  const db = app.db;

  /** The customer of `:id`, or 404 — also for an id too big for the database. */
  async function customerOf(request: FastifyRequest) {
    if (!parseId((request.params as { id: string }).id)) throw new DomainError('error.notFound', 404);
    return loadCustomer(db, request);
  }

  app.get('/customers/:id/interactions', async (request) => {
    const customer = await customerOf(request);
    const { limit, before } = parsePageQuery(request.query as Record<string, unknown>);
    const page = await listInteractions(db, customer.customer.id, { before, limit });
    return { items: page.rows.map(interactionJson), nextCursor: page.next ? cursorOf(page.next) : null };
  });

  app.post('/customers/:id/interactions', async (request, reply) => {
    const customer = await customerOf(request);
    const body = parseInput(interactionApiSchema, bodyObject(request.body));
    const errors: FieldErrors = {};
    const type = await contactTypeByCode(db, body.type);
    if (!type) errors.type = 'validation.unknownContactType';
    let alarm: InteractionInput['alarm'] = null;
    if (body.alarm) {
      const a = body.alarm;
      let userId: number | null = null;
      if (a.audience === 'self') userId = request.user!.id;
      if (a.audience === 'user') {
        userId = a.username ? await activeUserId(db, a.username) : null;
        if (!userId) errors['alarm.username'] = 'validation.alarmUser';
      }
      if (a.date! < todayInHelsinki()) errors['alarm.date'] = 'validation.alarmPast';
      alarm = { dueDate: a.date!, message: a.message ?? body.text, audience: a.audience, userId };
    }
    if (Object.keys(errors).length) throw new InputError(errors);
    const entry = await createInteraction(
      db,
      customer.customer.id,
      { typeId: type!.id, text: body.text, contactPersonId: body.contactPersonId, alarm },
      request.user!.id,
    );
    return reply.code(201).send(interactionJson(entry));
  });
}
