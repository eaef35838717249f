import { timingSafeEqual } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { newToken } from '../lib/secrets.js';

const CSRF_COOKIE = 'kanta_csrf';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    /** Token that forms send as `_csrf` and htmx as `X-CSRF-Token`. */
    csrfToken: string;
  }
}

export function cookieSecure(setting: 'auto' | boolean, request: FastifyRequest): boolean {
  return setting === 'auto' ? request.protocol === 'https' : setting;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A NUL character or a lone UTF-16 surrogate: PostgreSQL can store neither in text. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unstorable = (text: string) => text.includes('\0') || LONE_SURROGATE.test(text);

/** Whether any string (or key) anywhere in a parsed query or body is unstorable; no recursion. */
function hasUnstorableText(input: unknown): boolean {
  const stack: unknown[] = [input];
  const seen = new Set<object>();
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (unstorable(v)) return true;
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v) && !seen.has(v)) {
      seen.add(v);
      for (const [key, item] of Object.entries(v)) {
        if (unstorable(key)) return true;
        stack.push(item);
      }
    }
  }
  return false;
}

/**
 * Cookies, security headers, CSRF, and text that cannot be stored refused in one place
 * (400 with a message, before any route reads it). CSRF is a signed double-submit cookie: every
 * state-changing browser request must echo the cookie's value in a form field or
 * header. The JSON API (bearer tokens, no cookies) is exempt.
 */
export default fp<{ secret: string; basePath: string; cookieSecure: 'auto' | boolean }>(
  async (app, opts) => {
    await app.register(fastifyCookie, { secret: opts.secret });
    await app.register(fastifyHelmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          formAction: ["'self'"],
          frameAncestors: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
        },
      },
      // TLS ends at the reverse proxy; HSTS belongs there.
      strictTransportSecurity: false,
      crossOriginEmbedderPolicy: false,
    });

    app.decorateRequest('csrfToken', '');
    app.addHook('onRequest', async (request, reply) => {
      const raw = request.cookies[CSRF_COOKIE];
      const unsigned = raw ? request.unsignCookie(raw) : null;
      if (unsigned?.valid && unsigned.value) {
        request.csrfToken = unsigned.value;
        return;
      }
      request.csrfToken = newToken(24);
      reply.setCookie(CSRF_COOKIE, request.csrfToken, {
        path: opts.basePath || '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: cookieSecure(opts.cookieSecure, request),
        signed: true,
      });
    });

    app.addHook('preValidation', async (request) => {
      if (
        hasUnstorableText(request.query) ||
        hasUnstorableText(request.body) ||
        hasUnstorableText(request.params)
      )
        throw app.httpErrors.badRequest('error.unstorableText');
    });

    // preHandler, not onRequest: only then is the form body parsed.
    app.addHook('preHandler', async (request) => {
      if (!UNSAFE.has(request.method) || request.routeOptions.config.api) return;
      const body = request.body as Record<string, unknown> | undefined;
      const query = request.query as Record<string, unknown> | undefined;
      const sent =
        (request.headers['x-csrf-token'] as string | undefined) ??
        (typeof body?._csrf === 'string' ? body._csrf : undefined) ??
        (typeof query?._csrf === 'string' ? query._csrf : undefined);
      if (!sent || !request.cookies[CSRF_COOKIE] || !sameToken(sent, request.csrfToken)) {
        throw app.httpErrors.forbidden('error.csrf');
      }
    });
  },
  { name: 'security', dependencies: ['@fastify/sensible'] },
);
