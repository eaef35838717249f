import type { FastifyInstance, FastifyReply } from 'fastify';
import { DomainError } from '../../../lib/errors.js';
import { type FieldErrors, parseInput } from '../../../lib/validation.js';
import { adminOnly, fieldErrorsOf, idParam } from '../form.js';
import { createKind, deleteKind, getKind, type Kind, kindUsage, listKinds, updateKind } from './queries.js';
import { kindSchema } from './schemas.js';

type Form = {
  kind: Kind | null;
  values: Record<string, unknown>;
  errors: FieldErrors;
  usage: Awaited<ReturnType<typeof kindUsage>> | null;
  message?: string;
};

/** Customer kinds and their number series: /settings/kinds. */
export default async function kindRoutes(app: FastifyInstance) {
  const showForm = (reply: FastifyReply, form: Form, status = 200) =>
    reply.render('settings/kinds/form', form, { status });

  app.get('/', adminOnly, async (_request, reply) => {
    return reply.render('settings/kinds/list', { kinds: await listKinds(app.db) });
  });

  app.get('/new', adminOnly, async (_request, reply) =>
    showForm(reply, { kind: null, values: { isAgent: false }, errors: {}, usage: null }),
  );

  app.post('/', adminOnly, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    try {
      const kind = await createKind(app.db, parseInput(kindSchema, body), request.user!.id);
      reply.flash('success', 'settings.kinds.created', { code: kind.code });
      return reply.seeOther('/settings/kinds');
    } catch (e) {
      const errors = fieldErrorsOf(e);
      return showForm(reply, { kind: null, values: body, errors, usage: null }, 422);
    }
  });

  app.get('/:id', adminOnly, async (request, reply) => {
    const id = idParam(request.params);
    const kind = await getKind(app.db, id);
    if (!kind) throw new DomainError('error.notFound', 404);
    return showForm(reply, { kind, values: kind, errors: {}, usage: await kindUsage(app.db, id) });
  });

  app.post('/:id', adminOnly, async (request, reply) => {
    const id = idParam(request.params);
    const body = request.body as Record<string, unknown>;
    try {
      const kind = await updateKind(app.db, id, parseInput(kindSchema, body), request.user!.id);
      reply.flash('success', 'settings.kinds.saved', { code: kind.code });
      return reply.seeOther('/settings/kinds');
    } catch (e) {
      const errors = fieldErrorsOf(e);
      const kind = await getKind(app.db, id);
      if (!kind) throw new DomainError('error.notFound', 404);
      return showForm(reply, { kind, values: body, errors, usage: await kindUsage(app.db, id) }, 422);
    }
  });

  app.post('/:id/delete', adminOnly, async (request, reply) => {
    const id = idParam(request.params);
    try {
      const kind = await deleteKind(app.db, id, request.user!.id);
      reply.flash('success', 'settings.kinds.deleted', { code: kind.code });
      return reply.seeOther('/settings/kinds');
    } catch (e) {
      if (!(e instanceof DomainError) || e.statusCode !== 409) throw e;
      const kind = await getKind(app.db, id);
      if (!kind) throw new DomainError('error.notFound', 404);
      const usage = await kindUsage(app.db, id);
      const message = request.t('settings.kinds.inUse', { code: kind.code });
      return showForm(reply, { kind, values: kind, errors: {}, usage, message }, 409);
    }
  });
}
