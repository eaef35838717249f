import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../lib/errors.js';
import { type FieldErrors, parseInput } from '../../lib/validation.js';
import { adminOnly, fieldErrorsOf, idParam } from '../settings/form.js';
import type { ContactType } from './batch.js';
import {
  addDefaultContactTypes,
  contactTypeUsage,
  createContactType,
  DEFAULT_CONTACT_TYPES,
  deleteContactType,
  getContactType,
  listContactTypes,
  updateContactType,
} from './queries.js';
import { contactTypeSchema } from './schemas.js';

/** Contact types (kontaktityypit, R-SET-1): /settings/contact-types, admins only. */
export default async function contactTypeSettingsRoutes(app: FastifyInstance) {
  const db = app.db;
  const base = '/settings/contact-types';

  async function typeOf(request: FastifyRequest): Promise<ContactType> {
    const type = await getContactType(db, idParam(request.params));
    if (!type) throw new DomainError('error.notFound', 404);
    return type;
  }

  async function showForm(
    reply: FastifyReply,
    page: {
      type: ContactType | null;
      values: Record<string, unknown>;
      errors: FieldErrors;
      message?: string;
    },
    status = 200,
  ) {
    const usage = page.type ? await contactTypeUsage(db, page.type.id) : 0;
    return reply.render('interactions/contact-type', { usage, ...page }, { status });
  }

  app.get('/', adminOnly, async (_request, reply) =>
    reply.render('interactions/contact-types', {
      types: await listContactTypes(db),
      defaults: DEFAULT_CONTACT_TYPES,
    }),
  );

  app.get('/new', adminOnly, async (_request, reply) =>
    showForm(reply, { type: null, values: {}, errors: {} }),
  );

  app.post('/', adminOnly, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      const type = await createContactType(db, parseInput(contactTypeSchema, body), request.user!.id);
      reply.flash('success', 'interactions.contactTypes.created', { code: type.code });
      return reply.seeOther(base);
    } catch (e) {
      return showForm(reply, { type: null, values: body, errors: fieldErrorsOf(e) }, 422);
    }
  });

  app.post('/defaults', adminOnly, async (request, reply) => {
    const added = await addDefaultContactTypes(db, request.user!.id);
    reply.flash('success', 'interactions.contactTypes.defaultsAdded', { count: added });
    return reply.seeOther(base);
  });

  app.get('/:id', adminOnly, async (request, reply) => {
    const type = await typeOf(request);
    return showForm(reply, { type, values: type, errors: {} });
  });

  app.post('/:id', adminOnly, async (request, reply) => {
    const type = await typeOf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      const saved = await updateContactType(
        db,
        type.id,
        parseInput(contactTypeSchema, body),
        request.user!.id,
      );
      reply.flash('success', 'interactions.contactTypes.saved', { code: saved.code });
      return reply.seeOther(base);
    } catch (e) {
      return showForm(reply, { type, values: body, errors: fieldErrorsOf(e) }, 422);
    }
  });

  app.post('/:id/delete', adminOnly, async (request, reply) => {
    const type = await typeOf(request);
    try {
      await deleteContactType(db, type.id, request.user!.id);
      reply.flash('success', 'interactions.contactTypes.deleted', { code: type.code });
      return reply.seeOther(base);
    } catch (e) {
      if (!(e instanceof DomainError) || e.statusCode !== 409) throw e;
      const message = request.t('interactions.contactTypes.inUse', { count: e.params?.count ?? 0 });
      return showForm(reply, { type, values: type, errors: {}, message }, 409);
    }
  });
}
