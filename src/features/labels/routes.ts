import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, InputError } from '../../lib/errors.js';
import { type FieldErrors, parseInput } from '../../lib/validation.js';
import { hasRole } from '../../plugins/auth.js';
import { adminOnly, fieldErrorsOf, idParam } from '../settings/form.js';
import { selectedCount } from '../workspace/lists.js';
import { isTargetType, TARGET_TYPES, type TargetType } from '../workspace/targets.js';
import {
  cellsOf,
  createLayout,
  deleteLayout,
  getLayout,
  type Layout,
  listLayouts,
  updateLayout,
} from './layouts.js';
import { fillChoices } from './recipients.js';
import {
  type LabelRunInput,
  labelApiSchema,
  labelFormSchema,
  layoutExtent,
  layoutSchema,
} from './schemas.js';
import { type LabelSummary, labelSummary, listContactTypes, printLabels, resolveRun } from './service.js';

const FILL_CHOICES = 200;
const DEFAULT_LAYOUT = '3x8';
const PREVIEW = 'labels/_preview';

type PageState = {
  values: Record<string, unknown>;
  errors: FieldErrors;
  message?: string;
  summary?: LabelSummary | null;
  logTypeName?: string;
};

/**
 * Address labels (osoitetarrat, R-WS-5): the page /crm/labels with its preview and PDF,
 * the JSON API POST /api/v1/workspace/labels, and the layouts' admin screen
 * /settings/label-layouts.
 */
export default async function labelsRoutes(app: FastifyInstance) {
  const db = app.db;

  // ---------------------------------------------------------------- the labels page

  const targetOf = (raw: unknown): TargetType => (isTargetType(raw) ? raw : 'person');

  /** Problems of a run as the page shows them: field messages, or one message for the whole run. */
  function problemsOf(request: FastifyRequest, e: unknown): { errors: FieldErrors; message?: string } {
    if (e instanceof InputError) return { errors: e.fields };
    if (e instanceof DomainError) return { errors: {}, message: request.t(e.message as never, e.params) };
    throw e;
  }

  /** The page; `fragment` answers htmx with the preview area alone. */
  async function showPage(
    request: FastifyRequest,
    reply: FastifyReply,
    state: PageState,
    status = 200,
    fragment?: string,
  ) {
    const targetType = targetOf(state.values.targetType);
    const userId = request.user!.id;
    // The preview fragment alone needs none of the form's lists.
    const whole = !(fragment && request.isPartial);
    const [layouts, contactTypes, count, choices] = whole
      ? await Promise.all([
          listLayouts(db),
          listContactTypes(db),
          selectedCount(db, userId, targetType),
          fillChoices(db, userId, targetType, FILL_CHOICES + 1),
        ])
      : [[], [], 0, []];
    return reply.render(
      'labels/page',
      {
        title: request.t('labels.title'),
        targetTypes: TARGET_TYPES,
        targetType,
        layouts,
        contactTypes,
        count,
        fillChoices: choices.slice(0, FILL_CHOICES),
        fillTruncated: choices.length > FILL_CHOICES,
        canLog: hasRole(request.user, 'staff'),
        summary: null,
        ...state,
      },
      { status, fragment },
    );
  }

  /** The form's run with its codes resolved; a read-only user may print but not log. */
  async function runOf(request: FastifyRequest, input: LabelRunInput) {
    if (input.log && !hasRole(request.user, 'staff'))
      throw new InputError({ log: 'validation.labels.logReadonly' });
    return resolveRun(db, input);
  }

  app.get('/crm/labels', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const targetType = targetOf(query.targetType);
    const types = await listContactTypes(db);
    const defaultType = types.find((t) => t.code.toUpperCase() === 'TR') ?? types[0];
    return showPage(request, reply, {
      values: {
        targetType,
        layout: DEFAULT_LAYOUT,
        skip: 0,
        marketing: true,
        logType: defaultType?.code ?? '',
        logText: request.t('labels.title'),
      },
      errors: {},
    });
  });

  // Reads only: read-only users may preview and print (the log option is refused for them).
  app.post('/crm/labels/preview', { config: { readonlyAllowed: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      const run = await runOf(request, parseInput(labelFormSchema, body));
      const summary = await labelSummary(db, request.user!.id, run);
      const state = { values: body, errors: {}, summary, logTypeName: run.log?.type.name };
      return showPage(request, reply, state, 200, PREVIEW);
    } catch (e) {
      return showPage(request, reply, { values: body, ...problemsOf(request, e) }, 422, PREVIEW);
    }
  });

  app.post('/crm/labels/pdf', { config: { readonlyAllowed: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      const run = await runOf(request, parseInput(labelFormSchema, body));
      const printed = await printLabels(db, app.pdf, request.user!.id, run);
      return sendPdf(reply, printed.pdf, run.layout);
    } catch (e) {
      return showPage(request, reply, { values: body, ...problemsOf(request, e) }, 422);
    }
  });

  // ---------------------------------------------------------------- JSON API

  app.post(
    '/api/v1/workspace/labels',
    { config: { api: true, readonlyAllowed: true } },
    async (request, reply) => {
      const input = parseInput(labelApiSchema, request.body);
      if (input.log && !hasRole(request.user, 'staff'))
        throw new DomainError('validation.labels.logReadonly', 403);
      const run = await resolveRun(db, input);
      const printed = await printLabels(db, app.pdf, request.user!.id, run);
      if (printed.batch) reply.header('X-Interaction-Batch', String(printed.batch.batchId));
      reply.header('X-Label-Count', String(printed.summary.labels));
      return sendPdf(reply, printed.pdf, run.layout);
    },
  );

  // ---------------------------------------------------------------- layouts (admin)

  const base = '/settings/label-layouts';

  async function layoutOf(request: FastifyRequest): Promise<Layout> {
    const layout = await getLayout(db, idParam(request.params));
    if (!layout) throw new DomainError('error.notFound', 404);
    return layout;
  }

  function showForm(
    reply: FastifyReply,
    form: { layout: Layout | null; values: Record<string, unknown>; errors: FieldErrors; message?: string },
    status = 200,
  ) {
    let extent: ReturnType<typeof layoutExtent> | null = null;
    const parsed = layoutSchema.safeParse(form.values);
    if (parsed.success) extent = layoutExtent(parsed.data);
    return reply.render('labels/layout-form', { ...form, extent }, { status });
  }

  app.get(base, adminOnly, async (_request, reply) =>
    reply.render('labels/layouts', { layouts: await listLayouts(db), cellsOf }),
  );

  app.get(`${base}/new`, adminOnly, async (request, reply) => {
    const from = Number((request.query as { from?: string }).from);
    const source = Number.isSafeInteger(from) && from > 0 ? await getLayout(db, from) : undefined;
    const values = source
      ? { ...source, code: '', name: `${source.name} (kopio)` }
      : {
          pageWidthMm: 210,
          pageHeightMm: 297,
          marginTopMm: 0,
          marginLeftMm: 0,
          columns: 3,
          rows: 8,
        };
    return showForm(reply, { layout: null, values, errors: {} });
  });

  app.post(base, adminOnly, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    try {
      const layout = await createLayout(db, parseInput(layoutSchema, body), request.user!.id);
      reply.flash('success', 'labels.layouts.created', { code: layout.code });
      return reply.seeOther(base);
    } catch (e) {
      return showForm(reply, { layout: null, values: body, errors: fieldErrorsOf(e) }, 422);
    }
  });

  app.get(`${base}/:id`, adminOnly, async (request, reply) => {
    const layout = await layoutOf(request);
    return showForm(reply, { layout, values: layout, errors: {} });
  });

  app.post(`${base}/:id`, adminOnly, async (request, reply) => {
    const layout = await layoutOf(request);
    const body = request.body as Record<string, unknown>;
    try {
      const saved = await updateLayout(db, layout.id, parseInput(layoutSchema, body), request.user!.id);
      reply.flash('success', 'labels.layouts.saved', { code: saved.code });
      return reply.seeOther(base);
    } catch (e) {
      if (e instanceof DomainError && e.statusCode === 409) {
        const message = request.t('labels.layouts.builtInLocked');
        return showForm(reply, { layout, values: layout, errors: {}, message }, 409);
      }
      return showForm(reply, { layout, values: body, errors: fieldErrorsOf(e) }, 422);
    }
  });

  app.post(`${base}/:id/delete`, adminOnly, async (request, reply) => {
    const layout = await layoutOf(request);
    try {
      await deleteLayout(db, layout.id, request.user!.id);
      reply.flash('success', 'labels.layouts.deleted', { code: layout.code });
      return reply.seeOther(base);
    } catch (e) {
      if (!(e instanceof DomainError) || e.statusCode !== 409) throw e;
      const message = request.t('labels.layouts.builtInLocked');
      return showForm(reply, { layout, values: layout, errors: {}, message }, 409);
    }
  });
}

/** The PDF inline (it opens in the browser's viewer, in the tab the form opened). */
function sendPdf(reply: FastifyReply, pdf: Buffer, layout: Layout) {
  return reply
    .type('application/pdf')
    .header(
      'Content-Disposition',
      `inline; filename="osoitetarrat-${layout.code.replace(/[^\w.-]/g, '_')}.pdf"`,
    )
    .header('Cache-Control', 'no-store')
    .send(pdf);
}
