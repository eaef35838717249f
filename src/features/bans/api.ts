import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../lib/errors.js';
import { bodyObject, parseId } from '../api/schemas.js';
import { type BanTarget, banHistoryFor, bansOf, setBans } from './queries.js';
import { parseBanBody } from './schemas.js';

/** The bans and their history as the API shows them. */
async function bansJson(app: FastifyInstance, target: BanTarget) {
  const [bans, history] = await Promise.all([bansOf(app.db, target), banHistoryFor(app.db, target)]);
  return {
    ...bans,
    history: history.map((h) => ({
      ban: h.ban,
      active: h.active,
      source: h.source,
      at: h.at.toISOString(),
      user: h.username,
    })),
  };
}

/**
 * Marketing bans in the API (under /api/v1, bearer token): read with history, and set
 * any of the three (source `api`). Organisations have no bans: 400.
 */
export default async function banApi(app: FastifyInstance) {
  app.addHook('onRoute', (routeOptions) => {
    routeOptions.config = { ...routeOptions.config, api: true };
  });

  const targets = [
    { path: '/customers/:id/bans', target: (id: number): BanTarget => ({ customerId: id }) },
    { path: '/contact-persons/:id/bans', target: (id: number): BanTarget => ({ contactPersonId: id }) },
  ];

  for (const { path, target } of targets) {
    const targetOf = (params: unknown) => {
      const id = parseId((params as { id: string }).id);
      if (!id) throw new DomainError('error.notFound', 404);
      return target(id);
    };

    app.get(path, { config: { api: true } }, async (request) => bansJson(app, targetOf(request.params)));

    app.put(path, { config: { api: true } }, async (request) => {
      const t = targetOf(request.params);
      const changes = parseBanBody(bodyObject(request.body));
      await setBans(app.db, t, changes, { source: 'api', userId: request.user!.id });
      return bansJson(app, t);
    });
  }
}
