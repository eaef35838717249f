import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { translator } from '../../i18n/index.js';
import { DomainError, InputError } from '../../lib/errors.js';
import { PG_INT_MAX } from '../../lib/ids.js';
import type { FieldErrors } from '../../lib/validation.js';
import { CriteriaError } from './criteria.js';
import {
  decodeCursor,
  type ListName,
  listCount,
  listPage,
  moveToSelected,
  removeFromFound,
  returnToFound,
  runSearch,
  typesInLists,
  type Which,
} from './lists.js';
import { isTargetType, type TargetType } from './targets.js';

/** Most ids one call may name. */
const MAX_IDS = 10_000;

const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * The CRM workspace in the JSON API (prefix /api/v1/workspace): search into the found
 * list, read both lists page by page, and move rows between them. The lists are the
 * token user's own, as on the /crm page.
 */
export default async function workspaceApi(app: FastifyInstance) {
  app.addHook('onRoute', (routeOptions) => {
    routeOptions.config = { ...routeOptions.config, api: true };
  });
  const db = app.db;
  const en = translator('en');

  /** The body's (or query's) targetType; when absent, the one type the user's lists hold (person when empty). */
  async function targetTypeOf(request: FastifyRequest, value: unknown): Promise<TargetType> {
    if (value !== undefined) {
      if (isTargetType(value)) return value;
      throw new InputError({ targetType: 'workspace.api.targetType' });
    }
    const types = await typesInLists(db, request.user!.id);
    if (types.length > 1)
      throw new DomainError('workspace.api.targetTypeNeeded', 400, { types: types.join(', ') });
    return types[0] ?? 'person';
  }

  /** `{ all: true }` or `{ ids: [...] }`, nothing else. */
  function whichOf(body: Record<string, unknown>): Which {
    const extra = Object.keys(body).filter((k) => !['targetType', 'all', 'ids'].includes(k));
    if (extra.length) throw new DomainError('workspace.api.unknownKey', 400, { key: extra[0]!.slice(0, 50) });
    const hasAll = body.all !== undefined;
    const hasIds = body.ids !== undefined;
    if (hasAll === hasIds || (hasAll && body.all !== true))
      throw new InputError({ _: 'workspace.api.which' });
    if (hasAll) return { all: true };
    const ids = body.ids;
    if (!Array.isArray(ids) || ids.length === 0)
      throw new InputError({ ids: 'workspace.api.emptySelection' });
    if (ids.length > MAX_IDS) throw new InputError({ ids: 'workspace.api.tooManyIds' });
    if (!ids.every((id) => Number.isSafeInteger(id) && id > 0 && id <= PG_INT_MAX))
      throw new InputError({ ids: 'workspace.api.ids' });
    return { ids: ids as number[] };
  }

  async function counts(userId: number, targetType: TargetType) {
    const [foundCount, selectedCount] = await Promise.all([
      listCount(db, userId, targetType, 'found'),
      listCount(db, userId, targetType, 'selected'),
    ]);
    return { foundCount, selectedCount };
  }

  function refused(reply: FastifyReply, error: CriteriaError) {
    const details = Object.fromEntries(
      Object.entries(error.problems).map(([path, p]) => [path, en(p.key, p.params)]),
    );
    return reply.code(400).send({ error: en('workspace.criteria.invalid'), details });
  }

  app.post('/search', async (request, reply) => {
    const body = request.body;
    if (!isObject(body)) throw new InputError({ _: 'api.jsonObject' });
    const extra = Object.keys(body).filter((k) => k !== 'targetType' && k !== 'criteria');
    if (extra.length) throw new DomainError('workspace.api.unknownKey', 400, { key: extra[0]!.slice(0, 50) });
    if (body.targetType === undefined) throw new InputError({ targetType: 'workspace.api.targetType' });
    const targetType = await targetTypeOf(request, body.targetType);
    if (body.criteria !== undefined && !isObject(body.criteria))
      throw new InputError({ criteria: 'workspace.api.criteriaObject' });
    try {
      const result = await runSearch(db, request.user!.id, targetType, body.criteria ?? {});
      return { targetType, ...result };
    } catch (e) {
      if (e instanceof CriteriaError) return refused(reply, e);
      throw e;
    }
  });

  for (const list of ['found', 'selected'] as ListName[]) {
    app.get(`/${list}`, async (request) => {
      const query = request.query as Record<string, unknown>;
      const errors: FieldErrors = {};
      let limit = 50;
      if (query.limit !== undefined) {
        limit = typeof query.limit === 'string' && /^\d{1,3}$/.test(query.limit) ? Number(query.limit) : 0;
        if (!(limit >= 1 && limit <= 200)) errors.limit = 'api.limit';
      }
      const cursor = typeof query.cursor === 'string' ? query.cursor : undefined;
      if (query.cursor !== undefined && !decodeCursor(cursor)) errors.cursor = 'api.cursor';
      if (Object.keys(errors).length) throw new InputError(errors);
      const targetType = await targetTypeOf(request, query.targetType);
      const userId = request.user!.id;
      const [page, count] = await Promise.all([
        listPage(db, userId, targetType, list, { limit, cursor }),
        listCount(db, userId, targetType, list),
      ]);
      return { targetType, count, items: page.rows, nextCursor: page.next };
    });
  }

  async function change(
    request: FastifyRequest,
    run: (userId: number, targetType: TargetType, which: Which) => Promise<number>,
  ) {
    const body = request.body;
    if (!isObject(body)) throw new InputError({ _: 'api.jsonObject' });
    const which = whichOf(body);
    const targetType = await targetTypeOf(request, body.targetType);
    const userId = request.user!.id;
    const changed = await run(userId, targetType, which);
    return { targetType, changed, ...(await counts(userId, targetType)) };
  }

  /** Found → selected. */
  app.post('/selected', async (request) => change(request, (u, t, w) => moveToSelected(db, u, t, w)));
  /** Removes rows from the found list. */
  app.delete('/found', async (request) => change(request, (u, t, w) => removeFromFound(db, u, t, w)));
  /** Selected → back to the found list (R-WS-4). */
  app.delete('/selected', async (request) => change(request, (u, t, w) => returnToFound(db, u, t, w)));
}
