import type { FastifyInstance, FastifyReply } from 'fastify';
import { type FieldErrors, parseInput } from '../../../lib/validation.js';
import { adminOnly, fieldErrorsOf, idParam } from '../form.js';
import { createTokenFor, listTokens, revokeToken, tokenOwners } from './queries.js';
import { newTokenSchema } from './schemas.js';

/** API tokens for the JSON API: /settings/tokens. */
export default async function tokenRoutes(app: FastifyInstance) {
  async function showList(
    reply: FastifyReply,
    form: { values: Record<string, unknown>; errors: FieldErrors },
    status = 200,
  ) {
    const [tokens, owners] = await Promise.all([listTokens(app.db), tokenOwners(app.db)]);
    return reply.render('settings/tokens/list', { tokens, owners, ...form }, { status });
  }

  app.get('/', adminOnly, async (_request, reply) => showList(reply, { values: {}, errors: {} }));

  /** The new token is shown on this answer only: it is not stored, so there is no redirect to a page that could show it. */
  app.post('/', adminOnly, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    try {
      const input = parseInput(newTokenSchema, body);
      const created = await createTokenFor(
        app.db,
        { userId: input.userId!, name: input.name },
        request.user!.id,
      );
      reply.header('Cache-Control', 'no-store');
      return reply.render('settings/tokens/created', { ...created, name: input.name });
    } catch (e) {
      return showList(reply, { values: body, errors: fieldErrorsOf(e) }, 422);
    }
  });

  app.post('/:id/revoke', adminOnly, async (request, reply) => {
    const { name } = await revokeToken(app.db, idParam(request.params), request.user!.id);
    reply.flash('success', 'settings.tokens.revoked', { name });
    return reply.seeOther('/settings/tokens');
  });
}
