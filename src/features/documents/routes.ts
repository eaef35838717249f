import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, InputError } from '../../lib/errors.js';
import { idParam } from '../../lib/ids.js';
import { parseInput } from '../../lib/validation.js';
import { loadCustomer, renderCard } from '../customers/card.js';
import type { CustomerDetails } from '../customers/queries.js';
import { adminOnly } from '../settings/form.js';
import {
  contentDisposition,
  DOCX_TYPE,
  formatSize,
  safeFileName,
  sha256Hex,
  sniffContentType,
  TEXT_TYPE,
} from './files.js';
import {
  checkDocxTemplate,
  checkHtmlTemplate,
  EXAMPLE_VALUES,
  MERGE_FIELDS,
  mergeFieldHelp,
} from './merge.js';
import {
  copyDocument,
  createTemplate,
  deleteDocument,
  deleteTemplate,
  getDocumentFile,
  getDocumentMeta,
  getEntry,
  getTemplate,
  insertDocument,
  listDocuments,
  listEntryOptions,
  listPersonOptions,
  listTemplates,
  updateTemplate,
} from './queries.js';
import {
  copySchema,
  fromTemplateSchema,
  htmlTemplateSchema,
  listQuery,
  templateNameSchema,
} from './schemas.js';
import { createFromTemplate } from './service.js';
import { readUpload, UploadInterrupted } from './upload.js';

/** Messages shown on the tab, already translated: `_` above everything, others beside their form. */
type TabErrors = Partial<Record<'_' | 'upload' | 'fromTemplate' | 'copy', string>>;

type TabState = {
  entryId?: number | null;
  beforeId?: number | null;
  errors?: TabErrors;
  message?: string;
  /** The document whose copy form is open (after a refused copy). */
  copyId?: number;
  values?: Record<string, string>;
};

/** Downloads are always attachments: nothing a customer sent is ever shown inline by the browser. */
function sendFile(reply: FastifyReply, file: { fileName: string; contentType: string; content: Buffer }) {
  const type = file.contentType === TEXT_TYPE ? `${TEXT_TYPE}; charset=utf-8` : file.contentType;
  return reply
    .header('Content-Type', type)
    .header('Content-Disposition', contentDisposition(file.fileName))
    .header('Content-Length', file.content.length)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', "default-src 'none'; sandbox")
    .header('Cache-Control', 'private, no-cache')
    .send(file.content);
}

/**
 * The card's Oheisdokumentit tab (R-CARD-5): a customer's files, optionally attached to one
 * contact entry, and documents made from templates; plus the template admin (/settings/templates).
 */
export default async function documentsRoutes(app: FastifyInstance) {
  const db = app.db;
  const maxBytes = app.config.documentMaxBytes;
  if (!app.hasContentTypeParser('multipart/form-data')) {
    await app.register(fastifyMultipart, {
      limits: { fileSize: maxBytes, files: 1, fields: 20, fieldSize: 10_000, parts: 25 },
    });
  }
  const maxLabel = (request: FastifyRequest) => formatSize(maxBytes, request.language);

  async function renderTab(
    request: FastifyRequest,
    reply: FastifyReply,
    customer: CustomerDetails,
    state: TabState = {},
    status = 200,
  ) {
    const id = customer.customer.id;
    const entryId = state.entryId ?? null;
    const [page, entries, templates, persons] = await Promise.all([
      listDocuments(db, id, { interactionId: entryId, beforeId: state.beforeId }),
      listEntryOptions(db, id, entryId),
      listTemplates(db),
      customer.customer.type === 'organisation' ? listPersonOptions(db, id) : Promise.resolve([]),
    ]);
    const docs = page.rows.map((d) => ({ ...d, sizeLabel: formatSize(d.sizeBytes, request.language) }));
    return renderCard(
      reply,
      customer,
      'documents',
      '/documents/_tab',
      {
        docs,
        nextBefore: page.nextBefore,
        entryId,
        entries,
        templates,
        persons,
        errors: state.errors ?? {},
        message: state.message ?? null,
        copyId: state.copyId ?? null,
        values: state.values ?? {},
        maxLabel: maxLabel(request),
      },
      status,
    );
  }

  /** After a change: the tab again for htmx, a redirect with a flash for a plain form post. */
  function done(
    request: FastifyRequest,
    reply: FastifyReply,
    customer: CustomerDetails,
    key: 'documents.saved' | 'documents.copied' | 'documents.deleted',
    name: string,
  ) {
    if (request.isPartial) return renderTab(request, reply, customer, { message: request.t(key, { name }) });
    reply.flash('success', key, { name });
    return reply.seeOther(`/customers/${customer.customer.id}/documents`);
  }

  const refused = (e: unknown): e is DomainError =>
    e instanceof DomainError && (e.statusCode === 422 || e.statusCode === 413 || e.statusCode === 400);

  // ---------------------------------------------------------------- the card tab

  app.get('/customers/:id/documents', async (request, reply) => {
    const customer = await loadCustomer(db, request);
    const q = listQuery.parse(request.query ?? {});
    return renderTab(request, reply, customer, { entryId: q.entry, beforeId: q.before });
  });

  app.post('/customers/:id/documents', async (request, reply) => {
    const customer = await loadCustomer(db, request);
    const id = customer.customer.id;
    const fail = (message: string, status: number) =>
      renderTab(request, reply, customer, { errors: { upload: message } }, status);
    let upload: Awaited<ReturnType<typeof readUpload>>;
    try {
      upload = await readUpload(request, maxBytes);
    } catch (e) {
      if (!(e instanceof UploadInterrupted)) throw e;
      // Answered even when the client is gone: Fastify drops what it cannot write.
      request.log.info('document upload interrupted; nothing stored');
      return fail(request.t('documents.upload.interrupted'), 400);
    }
    if (upload.tooLarge) return fail(request.t('documents.upload.tooLarge', { max: maxLabel(request) }), 413);
    if (!upload.file) return fail(request.t('documents.upload.noFile'), 422);
    if (upload.file.bytes.length === 0) return fail(request.t('documents.upload.empty'), 422);
    const entryRaw = upload.fields.interactionId ?? '';
    let interactionId: number | null = null;
    if (entryRaw !== '') {
      interactionId = /^\d{1,15}$/.test(entryRaw) ? Number(entryRaw) : -1;
      if (interactionId < 1 || !(await getEntry(db, id, interactionId))) {
        return fail(request.t('documents.entryInvalid'), 422);
      }
    }
    const bytes = upload.file.bytes;
    const fileName = safeFileName(upload.file.name);
    await insertDocument(
      db,
      {
        customerId: id,
        interactionId,
        fileName,
        contentType: await sniffContentType(bytes),
        content: bytes,
        sha256: sha256Hex(bytes),
      },
      request.user!.id,
    );
    return done(request, reply, customer, 'documents.saved', fileName);
  });

  app.get('/customers/:id/documents/:docId/download', async (request, reply) => {
    const file = await getDocumentFile(db, idParam(request.params), idParam(request.params, 'docId'));
    if (!file) throw new DomainError('error.notFound', 404);
    return sendFile(reply, file);
  });

  app.post('/customers/:id/documents/:docId/copy', async (request, reply) => {
    const customer = await loadCustomer(db, request);
    const docId = idParam(request.params, 'docId');
    const original = await getDocumentMeta(db, customer.customer.id, docId);
    if (!original) throw new DomainError('error.notFound', 404);
    const body = (request.body ?? {}) as Record<string, string>;
    let fileName: string;
    try {
      fileName = safeFileName(parseInput(copySchema, body).fileName);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      const message = request.t(e.fields.fileName ?? 'validation.invalid');
      return renderTab(request, reply, customer, { errors: { copy: message }, copyId: docId }, 422);
    }
    await copyDocument(db, customer.customer.id, docId, fileName, request.user!.id);
    return done(request, reply, customer, 'documents.copied', fileName);
  });

  app.post('/customers/:id/documents/:docId/delete', async (request, reply) => {
    const customer = await loadCustomer(db, request);
    const gone = await deleteDocument(
      db,
      customer.customer.id,
      idParam(request.params, 'docId'),
      request.user!.id,
    );
    return done(request, reply, customer, 'documents.deleted', gone.fileName);
  });

  app.post('/customers/:id/documents/from-template', async (request, reply) => {
    const customer = await loadCustomer(db, request);
    const body = (request.body ?? {}) as Record<string, string>;
    try {
      const input = parseInput(fromTemplateSchema, body);
      const docId = await createFromTemplate(db, app.pdf, customer, input, request.user!.id);
      const made = await getDocumentMeta(db, customer.customer.id, docId);
      return done(request, reply, customer, 'documents.saved', made?.fileName ?? '');
    } catch (e) {
      let message: string;
      if (e instanceof InputError)
        message = e.fields.templateId
          ? request.t('documents.fromTemplate.noTemplate')
          : request.t(Object.values(e.fields)[0] ?? 'validation.invalid');
      else if (refused(e)) message = request.t(e.message as never, e.params);
      else throw e;
      return renderTab(request, reply, customer, { errors: { fromTemplate: message }, values: body }, 422);
    }
  });

  // ---------------------------------------------------------------- templates (admin)

  const fieldList = MERGE_FIELDS.map((f) => ({
    name: f,
    help: mergeFieldHelp(f),
    example: EXAMPLE_VALUES[f],
  }));

  type TemplateForm = {
    template: Awaited<ReturnType<typeof getTemplate>> | null;
    kind: 'docx' | 'html';
    values: Record<string, string>;
    errors: Record<string, string>;
  };
  const showForm = (reply: FastifyReply, form: TemplateForm, status = 200) =>
    reply.render('documents/template-form', { ...form, fields: fieldList }, { status });

  app.get('/settings/templates', adminOnly, async (_request, reply) =>
    reply.render('documents/templates', { templates: await listTemplates(db), fields: fieldList }),
  );

  app.get('/settings/templates/new', adminOnly, async (request, reply) => {
    const kind = (request.query as Record<string, string>)?.kind === 'html' ? 'html' : 'docx';
    return showForm(reply, { template: null, kind, values: {}, errors: {} });
  });

  /**
   * The fields of a template form: a Word template comes as multipart (name + .docx file),
   * an HTML template as an ordinary form. Refusals come back as translated messages by field.
   */
  async function readTemplateForm(request: FastifyRequest, requireFile: boolean) {
    const errors: Record<string, string> = {};
    if (!request.isMultipart()) {
      const values = (request.body ?? {}) as Record<string, string>;
      try {
        const input = parseInput(htmlTemplateSchema, values);
        try {
          return { values, errors, html: { ...input, mergeFields: checkHtmlTemplate(input.html) } };
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
          errors.html = request.t(e.message as never, e.params);
        }
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        for (const [f, k] of Object.entries(e.fields)) errors[f] = request.t(k);
      }
      return { values, errors };
    }
    let upload: Awaited<ReturnType<typeof readUpload>>;
    try {
      upload = await readUpload(request, maxBytes);
    } catch (e) {
      if (!(e instanceof UploadInterrupted)) throw e;
      errors.file = request.t('documents.upload.interrupted');
      return { values: {}, errors };
    }
    const values = upload.fields;
    try {
      parseInput(templateNameSchema, values);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      for (const [f, k] of Object.entries(e.fields)) errors[f] = request.t(k);
    }
    if (upload.tooLarge) {
      errors.file = request.t('documents.upload.tooLarge', { max: maxLabel(request) });
      return { values, errors };
    }
    if (!upload.file) {
      if (requireFile) errors.file = request.t('documents.upload.noFile');
      return { values, errors, docx: Object.keys(errors).length ? undefined : null };
    }
    const bytes = upload.file.bytes;
    try {
      if ((await sniffContentType(bytes)) !== DOCX_TYPE)
        throw new DomainError('documents.templates.notDocx', 422);
      const mergeFields = checkDocxTemplate(bytes);
      const fileName = safeFileName(upload.file.name, 'malli.docx');
      if (Object.keys(errors).length) return { values, errors };
      return { values, errors, docx: { fileName, content: bytes, mergeFields } };
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      errors.file = request.t(e.message as never, e.params);
      return { values, errors };
    }
  }

  app.post('/settings/templates', adminOnly, async (request, reply) => {
    const form = await readTemplateForm(request, true);
    const kind = request.isMultipart() ? 'docx' : 'html';
    const name = (form.values.name ?? '').trim();
    if (Object.keys(form.errors).length) {
      return showForm(reply, { template: null, kind, values: form.values, errors: form.errors }, 422);
    }
    if (form.docx) await createTemplate(db, { kind: 'docx', name, ...form.docx }, request.user!.id);
    else if (form.html) await createTemplate(db, { kind: 'html', ...form.html }, request.user!.id);
    else throw new DomainError('error.badRequest', 400);
    reply.flash('success', 'documents.templates.created', { name });
    return reply.seeOther('/settings/templates');
  });

  app.get('/settings/templates/:id', adminOnly, async (request, reply) => {
    const template = await getTemplate(db, idParam(request.params));
    if (!template) throw new DomainError('error.notFound', 404);
    const values = { name: template.name, html: template.html ?? '' };
    return showForm(reply, { template, kind: template.kind, values, errors: {} });
  });

  app.post('/settings/templates/:id', adminOnly, async (request, reply) => {
    const id = idParam(request.params);
    const template = await getTemplate(db, id);
    if (!template) throw new DomainError('error.notFound', 404);
    if ((template.kind === 'docx') !== request.isMultipart()) throw new DomainError('error.badRequest', 400);
    const form = await readTemplateForm(request, false);
    if (Object.keys(form.errors).length) {
      return showForm(
        reply,
        { template, kind: template.kind, values: form.values, errors: form.errors },
        422,
      );
    }
    const name = (form.values.name ?? '').trim();
    if (template.kind === 'docx')
      await updateTemplate(db, id, { kind: 'docx', name, ...form.docx }, request.user!.id);
    else await updateTemplate(db, id, { kind: 'html', ...form.html! }, request.user!.id);
    reply.flash('success', 'documents.templates.saved', { name });
    return reply.seeOther('/settings/templates');
  });

  app.get('/settings/templates/:id/file', adminOnly, async (request, reply) => {
    const template = await getTemplate(db, idParam(request.params));
    if (template?.kind !== 'docx' || !template.content) throw new DomainError('error.notFound', 404);
    return sendFile(reply, {
      fileName: template.fileName ?? 'malli.docx',
      contentType: DOCX_TYPE,
      content: template.content,
    });
  });

  app.post('/settings/templates/:id/delete', adminOnly, async (request, reply) => {
    const gone = await deleteTemplate(db, idParam(request.params), request.user!.id);
    reply.flash('success', 'documents.templates.deleted', { name: gone.name });
    return reply.seeOther('/settings/templates');
  });
}
