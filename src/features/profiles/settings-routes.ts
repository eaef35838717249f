import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, InputError } from '../../lib/errors.js';
import { type FieldErrors, parseInput } from '../../lib/validation.js';
import { adminOnly, fieldErrorsOf, idParam } from '../settings/form.js';
import {
  createField,
  createValue,
  deleteField,
  deleteValue,
  fieldCustomerCount,
  fieldHasData,
  getField,
  getValue,
  listFields,
  listValues,
  mergeValue,
  moveField,
  moveValue,
  type ProfileField,
  type ProfileValue,
  updateField,
  updateValue,
} from './definitions.js';
import { isChoiceType, PROFILE_FIELD_TYPES, profileFieldSchema, profileValueSchema } from './schemas.js';

const notFound = () => new DomainError('error.notFound', 404);
const direction = (body: unknown) => ((body as { direction?: string })?.direction === 'up' ? 'up' : 'down');

type FieldPage = {
  field: ProfileField | null;
  values: Record<string, unknown>;
  errors: FieldErrors;
  valueForm?: { values: Record<string, unknown>; errors: FieldErrors };
  message?: string;
};

/** Profile fields and their list values (R-CARD-2, R-SET-1): /settings/profiles. */
export default async function profileSettingsRoutes(app: FastifyInstance) {
  const db = app.db;
  const base = '/settings/profiles';

  async function fieldOf(request: FastifyRequest): Promise<ProfileField> {
    const field = await getField(db, idParam(request.params));
    if (!field) throw notFound();
    return field;
  }

  async function fieldAndValue(
    request: FastifyRequest,
  ): Promise<{ field: ProfileField; value: ProfileValue }> {
    const field = await fieldOf(request);
    const value = await getValue(db, idParam({ id: (request.params as { valueId?: string }).valueId }));
    if (!value || value.fieldId !== field.id) throw notFound();
    return { field, value };
  }

  async function showField(reply: FastifyReply, page: FieldPage, status = 200) {
    const { field } = page;
    const [valueRows, customerCount, typeLocked] = field
      ? await Promise.all([
          listValues(db, field.id),
          fieldCustomerCount(db, field.id),
          fieldHasData(db, field.id),
        ])
      : [[], 0, false];
    return reply.render(
      'profiles/field',
      {
        types: PROFILE_FIELD_TYPES,
        valueRows,
        customerCount,
        typeLocked,
        choice: field ? isChoiceType(field.type) : false,
        valueForm: { values: {}, errors: {} },
        ...page,
      },
      { status },
    );
  }

  async function showValue(
    reply: FastifyReply,
    field: ProfileField,
    value: ProfileValue,
    extra: { values?: Record<string, unknown>; errors?: FieldErrors; message?: string } = {},
    status = 200,
  ) {
    const rows = await listValues(db, field.id);
    const siblings = rows.filter((v) => v.id !== value.id);
    const customerCount = rows.find((v) => v.id === value.id)?.customerCount ?? 0;
    return reply.render(
      'profiles/value',
      { field, value, siblings, customerCount, values: value, errors: {}, ...extra },
      { status },
    );
  }

  app.get('/', adminOnly, async (_request, reply) =>
    reply.render('profiles/fields', { fields: await listFields(db) }),
  );

  app.get('/new', adminOnly, async (_request, reply) =>
    showField(reply, { field: null, values: { type: 'single' }, errors: {} }),
  );

  app.post('/', adminOnly, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    try {
      const field = await createField(db, parseInput(profileFieldSchema, body), request.user!.id);
      reply.flash('success', 'settings.profiles.created', { code: field.code });
      return reply.seeOther(isChoiceType(field.type) ? `${base}/${field.id}` : base);
    } catch (e) {
      return showField(reply, { field: null, values: body, errors: fieldErrorsOf(e) }, 422);
    }
  });

  app.get('/:id', adminOnly, async (request, reply) => {
    const field = await fieldOf(request);
    return showField(reply, { field, values: field, errors: {} });
  });

  app.post('/:id', adminOnly, async (request, reply) => {
    const field = await fieldOf(request);
    const body = request.body as Record<string, unknown>;
    try {
      const saved = await updateField(db, field.id, parseInput(profileFieldSchema, body), request.user!.id);
      reply.flash('success', 'settings.profiles.saved', { code: saved.code });
      return reply.seeOther(base);
    } catch (e) {
      return showField(reply, { field, values: body, errors: fieldErrorsOf(e) }, 422);
    }
  });

  app.post('/:id/delete', adminOnly, async (request, reply) => {
    const field = await fieldOf(request);
    try {
      await deleteField(db, field.id, request.user!.id);
      reply.flash('success', 'settings.profiles.deleted', { code: field.code });
      return reply.seeOther(base);
    } catch (e) {
      if (!(e instanceof DomainError) || e.statusCode !== 409) throw e;
      const message = request.t('settings.profiles.inUse', { count: e.params?.count ?? 0 });
      return showField(reply, { field, values: field, errors: {}, message }, 409);
    }
  });

  app.post('/:id/move', adminOnly, async (request, reply) => {
    const field = await fieldOf(request);
    await moveField(db, field.id, direction(request.body));
    return reply.seeOther(base);
  });

  app.post('/:id/values', adminOnly, async (request, reply) => {
    const field = await fieldOf(request);
    if (!isChoiceType(field.type)) throw notFound();
    const body = request.body as Record<string, unknown>;
    try {
      const value = await createValue(db, field.id, parseInput(profileValueSchema, body), request.user!.id);
      reply.flash('success', 'settings.profiles.valueCreated', { code: value.code });
      return reply.seeOther(`${base}/${field.id}`);
    } catch (e) {
      const valueForm = { values: body, errors: fieldErrorsOf(e) };
      return showField(reply, { field, values: field, errors: {}, valueForm }, 422);
    }
  });

  app.get('/:id/values/:valueId', adminOnly, async (request, reply) => {
    const { field, value } = await fieldAndValue(request);
    return showValue(reply, field, value);
  });

  app.post('/:id/values/:valueId', adminOnly, async (request, reply) => {
    const { field, value } = await fieldAndValue(request);
    const body = request.body as Record<string, unknown>;
    try {
      const saved = await updateValue(db, value.id, parseInput(profileValueSchema, body), request.user!.id);
      reply.flash('success', 'settings.profiles.valueSaved', { code: saved.code });
      return reply.seeOther(`${base}/${field.id}`);
    } catch (e) {
      return showValue(reply, field, value, { values: body, errors: fieldErrorsOf(e) }, 422);
    }
  });

  app.post('/:id/values/:valueId/delete', adminOnly, async (request, reply) => {
    const { field, value } = await fieldAndValue(request);
    try {
      await deleteValue(db, value.id, request.user!.id);
      reply.flash('success', 'settings.profiles.valueDeleted', { code: value.code });
      return reply.seeOther(`${base}/${field.id}`);
    } catch (e) {
      if (!(e instanceof DomainError) || e.statusCode !== 409) throw e;
      const count = Number(e.params?.count ?? 0);
      const message =
        count === 1
          ? request.t('settings.profiles.valueInUseOne')
          : request.t('settings.profiles.valueInUse', { count });
      return showValue(reply, field, value, { message }, 409);
    }
  });

  app.post('/:id/values/:valueId/merge', adminOnly, async (request, reply) => {
    const { field, value } = await fieldAndValue(request);
    const into = Number((request.body as { into?: string })?.into);
    try {
      if (!Number.isSafeInteger(into) || into <= 0) throw new InputError({ into: 'validation.mergeTarget' });
      const merged = await mergeValue(db, value.id, into, request.user!.id);
      reply.flash('success', 'settings.profiles.merged', {
        from: merged.from.code,
        to: merged.to.code,
        count: merged.count,
      });
      return reply.seeOther(`${base}/${field.id}`);
    } catch (e) {
      return showValue(reply, field, value, { errors: fieldErrorsOf(e) }, 422);
    }
  });

  app.post('/:id/values/:valueId/move', adminOnly, async (request, reply) => {
    const { field, value } = await fieldAndValue(request);
    await moveValue(db, value.id, direction(request.body));
    return reply.seeOther(`${base}/${field.id}`);
  });
}
