import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isMessageKey, translator } from '../i18n/index.js';
import { DomainError, InputError } from '../lib/errors.js';

function statusOf(error: FastifyError): number {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.code === 'FST_REQ_FILE_TOO_LARGE') return 413;
  if (error.validation) return 400;
  const s = error.statusCode ?? 500;
  return s >= 400 && s < 600 ? s : 500;
}

function messageKeyOf(error: FastifyError, status: number) {
  if (isMessageKey(error.message)) return error.message;
  if (status === 413) return 'error.tooLarge' as const;
  if (status === 404) return 'error.notFound' as const;
  if (status === 403) return 'error.forbidden' as const;
  if (status === 401) return 'error.unauthorized' as const;
  if (status >= 500) return 'error.server' as const;
  return 'error.badRequest' as const;
}

/**
 * One error handler: the API gets `{ error, details }`, htmx gets a small fragment
 * for the flash area, a browser a friendly page. No stack or SQL reaches a user.
 */
export default fp(
  async (app) => {
    async function respond(
      request: FastifyRequest,
      reply: FastifyReply,
      status: number,
      error: FastifyError,
    ) {
      const key = messageKeyOf(error, status);
      const params = error instanceof DomainError ? error.params : undefined;
      if (request.routeOptions.config?.api || request.url.includes('/api/')) {
        const t = translator('en');
        let details: unknown;
        if (error instanceof InputError) {
          details = Object.fromEntries(Object.entries(error.fields).map(([f, k]) => [f, t(k)]));
        } else if (error.validation) {
          details = error.validation.map((v) => ({ path: v.instancePath, message: v.message }));
        }
        return reply
          .code(status)
          .type('application/json')
          .send({ error: t(key, params), details });
      }
      const t = request.t ?? translator('fi');
      if (request.isPartial) {
        reply.header('HX-Retarget', '#flash').header('HX-Reswap', 'innerHTML');
        return reply.render('partials/_error', { message: t(key, params), status }, { status });
      }
      return reply.code(status).render('error', { message: t(key, params), status }, { status });
    }

    app.setErrorHandler(async (error: FastifyError, request, reply) => {
      const status = statusOf(error);
      if (status >= 500) request.log.error({ err: error }, 'request failed');
      else request.log.info({ code: error.code, status, msg: error.message }, 'request refused');
      return respond(request, reply, status, error);
    });

    app.setNotFoundHandler(async (request, reply) => {
      const error = Object.assign(new Error('error.notFound'), { statusCode: 404 }) as FastifyError;
      return respond(request, reply, 404, error);
    });
  },
  { name: 'errors', dependencies: ['views'] },
);
