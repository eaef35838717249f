import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MessageKey } from '../../i18n/fi.js';
import { DomainError, InputError } from '../../lib/errors.js';
import { idParam, parseId } from '../../lib/ids.js';
import { DEFAULT_KIND, fieldsOf, IMPORT_TARGETS, type ImportTarget, type Mapping } from './fields.js';
import { getRun, listRuns, type RunSummary, runErrors } from './queries.js';
import {
  checkRun,
  createRun,
  importAllowed,
  importRun,
  MAX_IMPORT_BYTES,
  mappingFromForm,
  offeredMapping,
  saveMapping,
  startImport,
} from './service.js';

/** Room for the multipart envelope and the other fields around the file. */
const ENVELOPE_BYTES = 64 * 1024;
const ERRORS_PER_PAGE = 100;

/**
 * The import screens (R-SALES-2), for staff (read-only users are refused every POST by
 * the auth plugin): upload, column mapping, dry run with the refused rows, import with
 * a progress bar. The dry run and the import run after the request has answered; the
 * run's page polls its own fragment while they run.
 */
export default async function importsRoutes(app: FastifyInstance) {
  const db = app.db;
  if (!app.hasContentTypeParser('multipart/form-data')) {
    await app.register(fastifyMultipart, {
      limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10, parts: 12, fieldSize: 1024 },
    });
  }

  // Dry runs and imports started by requests; closing the app waits for them.
  const running = new Set<Promise<void>>();
  const background = (task: Promise<void>) => {
    running.add(task);
    void task.finally(() => running.delete(task));
  };
  app.addHook('onClose', async () => {
    await Promise.allSettled([...running]);
  });
  const log = (e: unknown) => app.log.error({ err: e }, 'import run failed');

  async function showIndex(
    request: FastifyRequest,
    reply: FastifyReply,
    data: { uploadError?: string; target?: string } = {},
    status = 200,
  ) {
    const before = parseId((request.query as Record<string, unknown>).before) ?? undefined;
    const runs = await listRuns(db, before);
    return reply.render(
      'imports/index',
      {
        title: request.t('imports.title'),
        runs,
        targets: IMPORT_TARGETS,
        maxMb: MAX_IMPORT_BYTES / 1024 / 1024,
        ...data,
      },
      { status },
    );
  }

  app.get('/imports', async (request, reply) => showIndex(request, reply));

  // ------------------------------------------------------------------ upload

  app.post('/imports', async (request, reply) => {
    const refuse = (
      key: MessageKey,
      status: number,
      params?: Record<string, string | number>,
      target?: string,
    ) => showIndex(request, reply, { uploadError: request.t(key, params), target }, status);
    const maxMb = MAX_IMPORT_BYTES / 1024 / 1024;
    // A browser says the size first: a file far too big is refused before it is read.
    const length = Number(request.headers['content-length'] ?? 0);
    if (length > MAX_IMPORT_BYTES + ENVELOPE_BYTES)
      return refuse('imports.error.tooLarge', 413, { max: maxMb });
    if (!request.isMultipart()) return refuse('imports.error.noFile', 422);

    let target: string | undefined;
    let file: Buffer | undefined;
    let fileName = '';
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file' || file) {
            part.file.resume();
            continue;
          }
          file = await part.toBuffer();
          fileName = part.filename;
        } else if (part.fieldname === 'target') {
          target = String(part.value);
        }
      }
    } catch (e) {
      if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
        return refuse('imports.error.tooLarge', 413, { max: maxMb }, target);
      }
      throw e;
    }
    if (!IMPORT_TARGETS.includes(target as ImportTarget)) return refuse('imports.error.noTarget', 422);
    if (!file || (file.length === 0 && !fileName))
      return refuse('imports.error.noFile', 422, undefined, target);
    try {
      const id = await createRun(db, {
        target: target as ImportTarget,
        userId: request.user!.id,
        fileName,
        file,
      });
      return reply.seeOther(`/imports/${id}`);
    } catch (e) {
      if (e instanceof DomainError)
        return refuse(e.message as MessageKey, e.statusCode === 413 ? 413 : 422, e.params, target);
      throw e;
    }
  });

  // ------------------------------------------------------------------ one run

  async function loadRun(request: FastifyRequest): Promise<RunSummary> {
    const run = await getRun(db, idParam(request.params));
    if (!run) throw new DomainError('error.notFound', 404);
    return run;
  }

  async function showRun(
    request: FastifyRequest,
    reply: FastifyReply,
    run: RunSummary,
    form: { mapping?: Mapping; errors?: Record<string, MessageKey> } = {},
    status = 200,
  ) {
    const after = Number((request.query as Record<string, unknown>).after) || 0;
    const [offered, errors, kinds] = await Promise.all([
      form.mapping ? { mapping: form.mapping, remembered: false } : offeredMapping(db, run),
      run.errorCount ? runErrors(db, run.id, after, ERRORS_PER_PAGE) : { rows: [], next: null },
      run.target === 'customers'
        ? db.query.customerKinds.findMany({
            columns: { code: true, nameFi: true, nameEn: true },
            orderBy: (k, { asc }) => asc(k.rangeStart),
          })
        : [],
    ]);
    return reply.render(
      'imports/run',
      {
        title: `${request.t('imports.title')}: ${run.fileName}`,
        run,
        fields: fieldsOf(run.target),
        mapping: offered.mapping,
        remembered: offered.remembered,
        defaultKind: offered.mapping[DEFAULT_KIND] ?? '',
        kinds,
        errors: form.errors ?? {},
        refused: errors,
        errorsAfter: after,
        canImport: importAllowed(run, false),
        canImportGood: importAllowed(run, true),
      },
      { fragment: 'imports/_run', status },
    );
  }

  app.get('/imports/:id', async (request, reply) => showRun(request, reply, await loadRun(request)));

  /** A page of the refused rows, for the table's pager. */
  app.get('/imports/:id/errors', async (request, reply) => {
    const run = await loadRun(request);
    if (!request.isPartial) {
      const after = Number((request.query as Record<string, unknown>).after) || 0;
      return reply.seeOther(`/imports/${run.id}${after ? `?after=${after}` : ''}`);
    }
    const after = Number((request.query as Record<string, unknown>).after) || 0;
    const refused = await runErrors(db, run.id, after, ERRORS_PER_PAGE);
    return reply.render('imports/_errors', {
      run,
      refused,
      errorsAfter: after,
      fields: fieldsOf(run.target),
    });
  });

  app.post('/imports/:id/check', async (request, reply) => {
    const run = await loadRun(request);
    const mapping = mappingFromForm(
      run.target,
      run.report.file.header,
      (request.body ?? {}) as Record<string, unknown>,
    );
    try {
      await saveMapping(db, run.id, mapping);
    } catch (e) {
      if (e instanceof InputError) return showRun(request, reply, run, { mapping, errors: e.fields }, 422);
      throw e;
    }
    background(checkRun(db, run.id, log));
    return reply.seeOther(`/imports/${run.id}`);
  });

  app.post('/imports/:id/import', async (request, reply) => {
    const run = await loadRun(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const onlyGoodRows = body.onlyGoodRows === '1' || body.onlyGoodRows === 'on';
    await startImport(db, run.id, onlyGoodRows);
    background(importRun(db, run.id, log));
    return reply.seeOther(`/imports/${run.id}`);
  });
}
