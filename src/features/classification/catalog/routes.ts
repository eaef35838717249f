import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MessageKey } from '../../../i18n/fi.js';
import { DomainError } from '../../../lib/errors.js';
import { type FieldErrors, parseInput } from '../../../lib/validation.js';
import { adminOnly, checkbox, fieldErrorsOf, idParam } from '../../settings/form.js';
import { catalogGroupSchema, catalogItemSchema } from '../schemas.js';
import type { Catalog } from './catalogs.js';
import {
  type CatalogGroupRow,
  type CatalogItem,
  createGroup,
  createItem,
  deleteGroup,
  deleteItem,
  getGroup,
  getItem,
  itemUsage,
  listCatalog,
  updateGroup,
  updateItem,
} from './queries.js';

type Page = { values: Record<string, unknown>; errors: FieldErrors; message?: string };

const notFound = () => new DomainError('error.notFound', 404);

/**
 * The admin screens of one property catalog: items (code, name, group) and groups.
 * Registered twice, for customer properties and for contact-person properties.
 */
export function catalogRoutes(c: Catalog) {
  return async function routes(app: FastifyInstance) {
    const db = app.db;
    /** The catalog's own texts: `k('title')` is `<texts>.title`. */
    const texts = (request: FastifyRequest) => ({
      catalog: c,
      k: (key: string, params?: Record<string, string | number>) =>
        request.t(`${c.texts}.${key}` as MessageKey, params),
    });

    async function showItem(
      request: FastifyRequest,
      reply: FastifyReply,
      page: Page & { item: CatalogItem | null },
      status = 200,
    ) {
      const [{ groups }, usage] = await Promise.all([
        listCatalog(db, c),
        page.item ? itemUsage(db, c, page.item.id) : 0,
      ]);
      return reply.render(
        'classification/catalog/item',
        { ...texts(request), ...page, groups, usage },
        { status },
      );
    }

    const showGroup = (
      request: FastifyRequest,
      reply: FastifyReply,
      page: Page & { group: CatalogGroupRow | null },
      status = 200,
    ) => reply.render('classification/catalog/group', { ...texts(request), ...page }, { status });

    async function itemOf(id: number) {
      const item = await getItem(db, c, id);
      if (!item) throw notFound();
      return item;
    }

    async function groupOf(id: number) {
      const group = await getGroup(db, c, id);
      if (!group) throw notFound();
      return group;
    }

    // ----------------------------------------------------------- list

    app.get('/', adminOnly, async (request, reply) =>
      reply.render('classification/catalog/list', { ...texts(request), ...(await listCatalog(db, c)) }),
    );

    // ----------------------------------------------------------- groups

    app.get('/groups/new', adminOnly, async (request, reply) =>
      showGroup(request, reply, { group: null, values: {}, errors: {} }),
    );

    app.post('/groups', adminOnly, async (request, reply) => {
      const body = request.body as Record<string, unknown>;
      try {
        const group = await createGroup(db, c, parseInput(catalogGroupSchema, body), request.user!.id);
        reply.flash('success', 'classification.groupCreated', { name: group.name });
        return reply.seeOther(c.base);
      } catch (e) {
        return showGroup(request, reply, { group: null, values: body, errors: fieldErrorsOf(e) }, 422);
      }
    });

    app.get('/groups/:id', adminOnly, async (request, reply) => {
      const group = await groupOf(idParam(request.params));
      return showGroup(request, reply, { group, values: group, errors: {} });
    });

    app.post('/groups/:id', adminOnly, async (request, reply) => {
      const id = idParam(request.params);
      const body = request.body as Record<string, unknown>;
      try {
        const group = await updateGroup(db, c, id, parseInput(catalogGroupSchema, body), request.user!.id);
        reply.flash('success', 'classification.groupSaved', { name: group.name });
        return reply.seeOther(c.base);
      } catch (e) {
        const errors = fieldErrorsOf(e);
        return showGroup(request, reply, { group: await groupOf(id), values: body, errors }, 422);
      }
    });

    app.post('/groups/:id/delete', adminOnly, async (request, reply) => {
      const { group, ungrouped } = await deleteGroup(db, c, idParam(request.params), request.user!.id);
      reply.flash('success', 'classification.groupDeleted', { name: group.name, count: ungrouped });
      return reply.seeOther(c.base);
    });

    // ----------------------------------------------------------- items

    app.get('/new', adminOnly, async (request, reply) =>
      showItem(request, reply, { item: null, values: {}, errors: {} }),
    );

    app.post('/', adminOnly, async (request, reply) => {
      const body = request.body as Record<string, unknown>;
      try {
        const item = await createItem(db, c, parseInput(catalogItemSchema, body), request.user!.id);
        reply.flash('success', 'classification.itemCreated', { name: item.name });
        return reply.seeOther(c.base);
      } catch (e) {
        return showItem(request, reply, { item: null, values: body, errors: fieldErrorsOf(e) }, 422);
      }
    });

    app.get('/:id', adminOnly, async (request, reply) => {
      const item = await itemOf(idParam(request.params));
      return showItem(request, reply, { item, values: item, errors: {} });
    });

    app.post('/:id', adminOnly, async (request, reply) => {
      const id = idParam(request.params);
      const body = request.body as Record<string, unknown>;
      try {
        const item = await updateItem(db, c, id, parseInput(catalogItemSchema, body), request.user!.id);
        reply.flash('success', 'classification.itemSaved', { name: item.name });
        return reply.seeOther(c.base);
      } catch (e) {
        const errors = fieldErrorsOf(e);
        return showItem(request, reply, { item: await itemOf(id), values: body, errors }, 422);
      }
    });

    app.post('/:id/delete', adminOnly, async (request, reply) => {
      const id = idParam(request.params);
      const confirmed = checkbox((request.body as Record<string, unknown>).confirm);
      try {
        const { item, cleared } = await deleteItem(db, c, id, confirmed, request.user!.id);
        reply.flash('success', 'classification.itemDeleted', { name: item.name, count: cleared });
        return reply.seeOther(c.base);
      } catch (e) {
        if (!(e instanceof DomainError) || e.statusCode !== 409) throw e;
        const item = await itemOf(id);
        const message = request.t(`${c.texts}.inUse` as MessageKey, e.params);
        return showItem(request, reply, { item, values: item, errors: {}, message }, 409);
      }
    });
  };
}
