import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../lib/errors.js';
import customerApi from './customers.js';
import { openApiDocument } from './openapi.js';
import { listKinds } from './queries.js';

/**
 * JSON API v1 under /api/v1. Every route here takes a bearer token (API tokens are
 * made in Settings) instead of the session cookie and needs no CSRF token; only the
 * OpenAPI document is public. Errors are `{ error, details }` from the error plugin.
 */
export default async function apiRoutes(app: FastifyInstance) {
  app.addHook('onRoute', (routeOptions) => {
    routeOptions.config = { ...routeOptions.config, api: true };
  });

  const document = JSON.stringify(openApiDocument(app.prefix));
  app.get('/openapi.json', { config: { public: true } }, async (_request, reply) =>
    reply.type('application/json; charset=utf-8').send(document),
  );

  app.get('/kinds', async () => listKinds(app.db));

  await app.register(customerApi);

  // Unknown API paths and methods answer 404 JSON to a token holder (401 without one),
  // not the login redirect that pages get.
  app.all('/*', async () => {
    throw new DomainError('error.notFound', 404);
  });
}
