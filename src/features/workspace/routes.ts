import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { MessageKey } from '../../i18n/fi.js';
import { parseId } from '../../lib/ids.js';
import workspaceApi from './api.js';
import { CriteriaError, type CriteriaInput, compileSearch, type Problems } from './criteria.js';
import {
  CONTACT_LOG_ROWS,
  criteriaFromForm,
  type FormBody,
  formValues,
  PURCHASE_ROWS,
  problemsBySection,
  sentValues,
} from './form.js';
import {
  COUNT_CAP,
  cappedCount,
  type ListName,
  listPage,
  moveToSelected,
  removeFromFound,
  returnToFound,
  runSearch,
  type Which,
} from './lists.js';
import { criteriaOptions } from './options.js';
import { isTargetType, TARGET_TYPES, type TargetType } from './targets.js';

/** Rows per page in each list panel. */
export const PAGE_SIZE = 50;

type Cursors = { found: string | null; selected: string | null };
type Highlight = { list: ListName; index: number; focus: boolean };
type Status = {
  type: 'success' | 'error' | 'info';
  key: MessageKey;
  params?: Record<string, string | number>;
};

const text = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '');

function targetTypeOf(input: Record<string, unknown>): TargetType {
  const t = text(input.targetType);
  return isTargetType(t) ? t : 'person';
}

function cursorsOf(input: Record<string, unknown>): Cursors {
  return { found: text(input.found) || null, selected: text(input.selected) || null };
}

/** The CRM workspace page (/crm): criteria, found list and selected list (R-WS-1..4), and the API. */
export default async function workspaceRoutes(app: FastifyInstance) {
  const db = app.db;

  async function panel(userId: number, targetType: TargetType, list: ListName, cursor: string | null) {
    let page = await listPage(db, userId, targetType, list, { limit: PAGE_SIZE, cursor });
    // A page emptied by a move starts over from the first page.
    if (!page.rows.length && cursor) {
      page = await listPage(db, userId, targetType, list, { limit: PAGE_SIZE });
      cursor = null;
    }
    const count = await cappedCount(db, userId, targetType, list);
    return { ...page, cursor, count, capped: count > COUNT_CAP };
  }

  async function listsData(
    request: FastifyRequest,
    targetType: TargetType,
    cursors: Cursors,
    extra: { highlight?: Highlight; status?: Status } = {},
  ) {
    const userId = request.user!.id;
    const [found, selected] = await Promise.all([
      panel(userId, targetType, 'found', cursors.found),
      panel(userId, targetType, 'selected', cursors.selected),
    ]);
    return {
      targetType,
      targetTypes: TARGET_TYPES,
      found,
      selected,
      highlight: extra.highlight ?? null,
      status: extra.status ?? null,
    };
  }

  async function pageData(
    request: FastifyRequest,
    targetType: TargetType,
    cursors: Cursors,
    form: {
      criteria?: CriteriaInput;
      values?: Record<string, string | string[]>;
      problems?: Problems;
      status?: Status;
    } = {},
  ) {
    const [lists, options] = await Promise.all([
      listsData(request, targetType, cursors, { status: form.status }),
      criteriaOptions(db, request.language),
    ]);
    return {
      title: request.t('workspace.title'),
      ...lists,
      options,
      values: form.values ?? formValues(form.criteria),
      problems: problemsBySection(form.problems ?? {}),
      purchaseRows: PURCHASE_ROWS,
      contactLogRows: CONTACT_LOG_ROWS,
    };
  }

  const listUrl = (targetType: TargetType, cursors: Cursors) => {
    const p = new URLSearchParams({ targetType });
    if (cursors.found) p.set('found', cursors.found);
    if (cursors.selected) p.set('selected', cursors.selected);
    return `/crm?${p}`;
  };

  // ------------------------------------------------------------------ page

  app.get('/crm', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const targetType = targetTypeOf(query);
    const cursors = cursorsOf(query);
    if (request.isPartial) {
      return reply.render('workspace/_lists', await listsData(request, targetType, cursors));
    }
    return reply.render('workspace/index', await pageData(request, targetType, cursors));
  });

  /** "Uusi haku": an empty criteria form. */
  app.get('/crm/criteria', async (request, reply) => {
    const targetType = targetTypeOf(request.query as Record<string, unknown>);
    if (!request.isPartial) return reply.seeOther(`/crm?targetType=${targetType}`);
    const options = await criteriaOptions(db, request.language);
    return reply.render('workspace/_criteria', {
      targetType,
      options,
      values: formValues(undefined),
      problems: {},
      purchaseRows: PURCHASE_ROWS,
      contactLogRows: CONTACT_LOG_ROWS,
    });
  });

  app.post('/crm/search', async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const targetType = targetTypeOf(body);
    const cursors = cursorsOf(body);
    const { criteria, problems } = criteriaFromForm(body);
    try {
      if (Object.keys(problems).length) {
        // Report the form's own problems together with those of the criteria (checked, not run).
        try {
          await compileSearch(db, targetType, criteria);
        } catch (e) {
          if (e instanceof CriteriaError) throw new CriteriaError({ ...e.problems, ...problems });
          throw e;
        }
        throw new CriteriaError(problems);
      }
      const result = await runSearch(db, request.user!.id, targetType, criteria);
      const status: Status = {
        type: 'success',
        key: 'workspace.searched',
        params: { matched: result.matched, added: result.added, found: result.foundCount },
      };
      if (!request.isPartial) {
        reply.flash(status.type, status.key, status.params);
        return reply.seeOther(`/crm?targetType=${targetType}`);
      }
      const data = await pageData(
        request,
        targetType,
        { found: null, selected: cursors.selected },
        {
          criteria,
          status,
        },
      );
      return reply.render('workspace/_workspace', data);
    } catch (e) {
      if (!(e instanceof CriteriaError)) throw e;
      const data = await pageData(request, targetType, cursors, {
        values: sentValues(body),
        problems: e.problems,
        status: { type: 'error', key: 'workspace.searchRefused' },
      });
      return reply.render('workspace/index', data, { fragment: 'workspace/_workspace', status: 422 });
    }
  });

  // ------------------------------------------------------------------ moves

  type Action = {
    list: ListName;
    all: boolean;
    run: (userId: number, t: TargetType, w: Which) => Promise<number>;
    done: MessageKey;
  };
  const actions: Record<string, Action> = {
    'found/move': {
      list: 'found',
      all: false,
      run: (u, t, w) => moveToSelected(db, u, t, w),
      done: 'workspace.moved',
    },
    'found/move-all': {
      list: 'found',
      all: true,
      run: (u, t, w) => moveToSelected(db, u, t, w),
      done: 'workspace.moved',
    },
    'found/remove': {
      list: 'found',
      all: false,
      run: (u, t, w) => removeFromFound(db, u, t, w),
      done: 'workspace.removed',
    },
    'found/remove-all': {
      list: 'found',
      all: true,
      run: (u, t, w) => removeFromFound(db, u, t, w),
      done: 'workspace.removed',
    },
    'selected/return': {
      list: 'selected',
      all: false,
      run: (u, t, w) => returnToFound(db, u, t, w),
      done: 'workspace.returned',
    },
    'selected/return-all': {
      list: 'selected',
      all: true,
      run: (u, t, w) => returnToFound(db, u, t, w),
      done: 'workspace.returned',
    },
  };

  for (const [path, action] of Object.entries(actions)) {
    app.post(`/crm/${path}`, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const targetType = targetTypeOf(body);
      const cursors = cursorsOf(body);
      const userId = request.user!.id;
      let highlight: Highlight | undefined;
      let status: Status;
      const id = parseId(text(body.id));
      if (!action.all && id === null) {
        status = { type: 'error', key: 'workspace.pickRow' };
      } else {
        let index = -1;
        if (!action.all) {
          const before = await listPage(db, userId, targetType, action.list, {
            limit: PAGE_SIZE,
            cursor: cursors[action.list],
          });
          index = before.rows.findIndex((r) => r.id === id);
        }
        const n = await action.run(userId, targetType, action.all ? { all: true } : { ids: [id!] });
        if (action.all) {
          cursors.found = null;
          cursors.selected = null;
        }
        status =
          n === 0
            ? { type: 'info', key: action.all ? 'workspace.listEmpty' : 'workspace.rowGone' }
            : { type: 'success', key: action.done, params: { n } };
        if (index >= 0) highlight = { list: action.list, index, focus: true };
      }
      if (!request.isPartial) {
        reply.flash(status.type, status.key, status.params);
        return reply.seeOther(listUrl(targetType, cursors));
      }
      const data = await listsData(request, targetType, cursors, { highlight, status });
      return reply.render('workspace/_lists', data, {
        status: status.key === 'workspace.pickRow' ? 422 : 200,
      });
    });
  }

  await app.register(workspaceApi, { prefix: '/api/v1/workspace' });
}
