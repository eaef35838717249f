import type { FastifyInstance, FastifyReply } from 'fastify';
import { DomainError } from '../../../lib/errors.js';
import { type FieldErrors, parseInput } from '../../../lib/validation.js';
import { adminOnly, checkbox, fieldErrorsOf, idParam } from '../../settings/form.js';
import { trackingItemSchema } from '../schemas.js';
import {
  createDimension,
  createValue,
  type Dimension,
  deleteDimension,
  deleteValue,
  dimensionUsage,
  getDimension,
  getValue,
  listDimensions,
  listValues,
  type TrackingValue,
  updateDimension,
  updateValue,
  valueUsage,
} from './queries.js';

type DimensionPage = {
  dimension: Dimension | null;
  values: Record<string, unknown>;
  errors: FieldErrors;
  newValue?: Record<string, unknown>;
  newValueErrors?: FieldErrors;
  message?: string;
};

type ValuePage = {
  value: TrackingValue;
  values: Record<string, unknown>;
  errors: FieldErrors;
  message?: string;
};

const notFound = () => new DomainError('error.notFound', 404);

/** Tracking pick lists (seurantakohteet): /settings/tracking, admins only. */
export default async function trackingRoutes(app: FastifyInstance) {
  const db = app.db;

  async function showDimension(reply: FastifyReply, page: DimensionPage, status = 200) {
    const id = page.dimension?.id;
    const [trackingValues, usage] = id
      ? await Promise.all([listValues(db, id), dimensionUsage(db, id)])
      : [[], 0];
    return reply.render(
      'classification/tracking/dimension',
      { newValue: { sort: '' }, newValueErrors: {}, ...page, trackingValues, usage },
      { status },
    );
  }

  async function showValue(reply: FastifyReply, page: ValuePage, status = 200) {
    const [dimension, usage] = await Promise.all([
      getDimension(db, page.value.dimensionId),
      valueUsage(db, page.value.id),
    ]);
    return reply.render('classification/tracking/value', { ...page, dimension, usage }, { status });
  }

  async function dimensionOf(id: number) {
    const dimension = await getDimension(db, id);
    if (!dimension) throw notFound();
    return dimension;
  }

  async function trackingValueOf(id: number) {
    const value = await getValue(db, id);
    if (!value) throw notFound();
    return value;
  }

  // ------------------------------------------------------------- dimensions

  app.get('/', adminOnly, async (_request, reply) =>
    reply.render('classification/tracking/list', { dimensions: await listDimensions(db) }),
  );

  app.get('/new', adminOnly, async (_request, reply) =>
    showDimension(reply, { dimension: null, values: {}, errors: {} }),
  );

  app.post('/', adminOnly, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    try {
      const dimension = await createDimension(db, parseInput(trackingItemSchema, body), request.user!.id);
      reply.flash('success', 'classification.tracking.created', { name: dimension.name });
      return reply.seeOther(`/settings/tracking/${dimension.id}`);
    } catch (e) {
      return showDimension(reply, { dimension: null, values: body, errors: fieldErrorsOf(e) }, 422);
    }
  });

  app.get('/:id', adminOnly, async (request, reply) => {
    const dimension = await dimensionOf(idParam(request.params));
    return showDimension(reply, { dimension, values: dimension, errors: {} });
  });

  app.post('/:id', adminOnly, async (request, reply) => {
    const id = idParam(request.params);
    const body = request.body as Record<string, unknown>;
    try {
      const dimension = await updateDimension(db, id, parseInput(trackingItemSchema, body), request.user!.id);
      reply.flash('success', 'classification.tracking.saved', { name: dimension.name });
      return reply.seeOther(`/settings/tracking/${id}`);
    } catch (e) {
      const errors = fieldErrorsOf(e);
      return showDimension(reply, { dimension: await dimensionOf(id), values: body, errors }, 422);
    }
  });

  app.post('/:id/delete', adminOnly, async (request, reply) => {
    const id = idParam(request.params);
    const confirmed = checkbox((request.body as Record<string, unknown>).confirm);
    try {
      const { dimension, cleared } = await deleteDimension(db, id, confirmed, request.user!.id);
      reply.flash('success', 'classification.tracking.deleted', { name: dimension.name, count: cleared });
      return reply.seeOther('/settings/tracking');
    } catch (e) {
      if (!(e instanceof DomainError) || e.statusCode !== 409) throw e;
      const dimension = await dimensionOf(id);
      const message = request.t('classification.inUse', e.params);
      return showDimension(reply, { dimension, values: dimension, errors: {}, message }, 409);
    }
  });

  // ------------------------------------------------------------- values

  app.post('/:id/values', adminOnly, async (request, reply) => {
    const id = idParam(request.params);
    const body = request.body as Record<string, unknown>;
    try {
      const value = await createValue(db, id, parseInput(trackingItemSchema, body), request.user!.id);
      reply.flash('success', 'classification.tracking.valueCreated', { name: value.name });
      return reply.seeOther(`/settings/tracking/${id}`);
    } catch (e) {
      const newValueErrors = fieldErrorsOf(e);
      const dimension = await dimensionOf(id);
      return showDimension(
        reply,
        { dimension, values: dimension, errors: {}, newValue: body, newValueErrors },
        422,
      );
    }
  });

  app.get('/values/:id', adminOnly, async (request, reply) => {
    const value = await trackingValueOf(idParam(request.params));
    return showValue(reply, { value, values: value, errors: {} });
  });

  app.post('/values/:id', adminOnly, async (request, reply) => {
    const id = idParam(request.params);
    const body = request.body as Record<string, unknown>;
    try {
      const value = await updateValue(db, id, parseInput(trackingItemSchema, body), request.user!.id);
      reply.flash('success', 'classification.tracking.valueSaved', { name: value.name });
      return reply.seeOther(`/settings/tracking/${value.dimensionId}`);
    } catch (e) {
      const errors = fieldErrorsOf(e);
      return showValue(reply, { value: await trackingValueOf(id), values: body, errors }, 422);
    }
  });

  app.post('/values/:id/delete', adminOnly, async (request, reply) => {
    const id = idParam(request.params);
    const confirmed = checkbox((request.body as Record<string, unknown>).confirm);
    try {
      const { value, cleared } = await deleteValue(db, id, confirmed, request.user!.id);
      reply.flash('success', 'classification.tracking.valueDeleted', { name: value.name, count: cleared });
      return reply.seeOther(`/settings/tracking/${value.dimensionId}`);
    } catch (e) {
      if (!(e instanceof DomainError) || e.statusCode !== 409) throw e;
      const value = await trackingValueOf(id);
      const message = request.t('classification.inUse', e.params);
      return showValue(reply, { value, values: value, errors: {}, message }, 409);
    }
  });
}
