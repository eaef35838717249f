import type { FastifyInstance, FastifyReply } from 'fastify';
import { DomainError } from '../../../lib/errors.js';
import { type FieldErrors, parseInput } from '../../../lib/validation.js';
import { adminOnly, fieldErrorsOf, idParam } from '../form.js';
import {
  createGroup,
  deleteGroup,
  type GroupDetails,
  getGroup,
  groupTree,
  moveGroup,
  renameGroup,
  subtreeIds,
} from './queries.js';
import { deleteGroupSchema, moveGroupSchema, newGroupSchema, renameGroupSchema } from './schemas.js';

/** The customer group tree: /settings/groups. */
export default async function groupRoutes(app: FastifyInstance) {
  async function loadGroup(id: number): Promise<GroupDetails> {
    const group = await getGroup(app.db, id);
    if (!group) throw new DomainError('error.notFound', 404);
    return group;
  }

  /** Groups a group may be moved under or reassigned to: everything outside its own subtree. */
  async function optionsOutside(id: number) {
    const [{ flat }, inside] = await Promise.all([groupTree(app.db), subtreeIds(app.db, id)]);
    const excluded = new Set(inside);
    return flat.filter((g) => !excluded.has(g.id));
  }

  async function showTree(
    reply: FastifyReply,
    form: { values: Record<string, unknown>; errors: FieldErrors },
    status = 200,
  ) {
    const tree = await groupTree(app.db);
    return reply.render('settings/groups/tree', { ...tree, ...form }, { status });
  }

  async function showEdit(
    reply: FastifyReply,
    id: number,
    form: { values: Record<string, unknown>; errors: FieldErrors },
    status = 200,
  ) {
    const group = await loadGroup(id);
    const options = await optionsOutside(id);
    return reply.render('settings/groups/edit', { group, options, ...form }, { status });
  }

  async function showDelete(
    reply: FastifyReply,
    id: number,
    form: { values: Record<string, unknown>; errors: FieldErrors; message?: string },
    status = 200,
  ) {
    const group = await loadGroup(id);
    const options = await optionsOutside(id);
    return reply.render('settings/groups/delete', { group, options, ...form }, { status });
  }

  app.get('/', adminOnly, async (request, reply) => {
    const parentId = (request.query as { parent?: string }).parent ?? '';
    return showTree(reply, { values: { parentId }, errors: {} });
  });

  app.post('/', adminOnly, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    try {
      const group = await createGroup(app.db, parseInput(newGroupSchema, body), request.user!.id);
      reply.flash('success', 'settings.groups.created', { name: group.name });
      return reply.seeOther('/settings/groups');
    } catch (e) {
      return showTree(reply, { values: body, errors: fieldErrorsOf(e) }, 422);
    }
  });

  app.get('/:id', adminOnly, async (request, reply) => {
    const id = idParam(request.params);
    const group = await loadGroup(id);
    return showEdit(reply, id, { values: { name: group.name, parentId: group.parentId ?? '' }, errors: {} });
  });

  app.post('/:id/rename', adminOnly, async (request, reply) => {
    const id = idParam(request.params);
    const body = request.body as Record<string, unknown>;
    try {
      const { name } = parseInput(renameGroupSchema, body);
      await renameGroup(app.db, id, name, request.user!.id);
      reply.flash('success', 'settings.groups.renamed', { name });
      return reply.seeOther('/settings/groups');
    } catch (e) {
      const errors = fieldErrorsOf(e);
      const group = await loadGroup(id);
      return showEdit(reply, id, { values: { parentId: group.parentId ?? '', ...body }, errors }, 422);
    }
  });

  app.post('/:id/move', adminOnly, async (request, reply) => {
    const id = idParam(request.params);
    const body = request.body as Record<string, unknown>;
    try {
      const { parentId } = parseInput(moveGroupSchema, body);
      await moveGroup(app.db, id, parentId, request.user!.id);
      const group = await loadGroup(id);
      reply.flash('success', 'settings.groups.moved', { name: group.name });
      return reply.seeOther('/settings/groups');
    } catch (e) {
      const errors = fieldErrorsOf(e);
      const group = await loadGroup(id);
      return showEdit(reply, id, { values: { name: group.name, ...body }, errors }, 422);
    }
  });

  app.get('/:id/delete', adminOnly, async (request, reply) => {
    const id = idParam(request.params);
    return showDelete(reply, id, { values: {}, errors: {} });
  });

  app.post('/:id/delete', adminOnly, async (request, reply) => {
    const id = idParam(request.params);
    const body = request.body as Record<string, unknown>;
    try {
      const { reassignTo } = parseInput(deleteGroupSchema, body);
      const result = await deleteGroup(app.db, id, reassignTo, request.user!.id);
      if (result.movedCustomers || result.movedGroups) {
        reply.flash('success', 'settings.groups.deletedReassigned', {
          name: result.name,
          customers: result.movedCustomers,
          groups: result.movedGroups,
        });
      } else {
        reply.flash('success', 'settings.groups.deleted', { name: result.name });
      }
      return reply.seeOther('/settings/groups');
    } catch (e) {
      if (e instanceof DomainError && e.statusCode === 409) {
        const message = request.t('settings.groups.notEmpty', e.params);
        return showDelete(reply, id, { values: body, errors: {}, message }, 409);
      }
      return showDelete(reply, id, { values: body, errors: fieldErrorsOf(e) }, 422);
    }
  });
}
