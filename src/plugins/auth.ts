import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type Role, type SessionUser, userForApiToken, userForSession } from '../features/auth/queries.js';
import { translator } from '../i18n/index.js';
import { cookieSecure } from './security.js';

export const SESSION_COOKIE = 'kanta_session';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
  }
  interface FastifyReply {
    startSession(token: string): FastifyReply;
    endSession(): FastifyReply;
  }
  interface FastifyContextConfig {
    /** Reachable without logging in (login, health). */
    public?: boolean;
    /** JSON API: bearer token instead of session cookie, no CSRF. */
    api?: boolean;
    /** Lowest role allowed; admin screens say 'admin'. */
    role?: Role;
    /** A non-GET route that read-only users may still call (logout, own language). */
    readonlyAllowed?: boolean;
  }
}

const rank: Record<Role, number> = { readonly: 0, staff: 1, admin: 2 };

export function hasRole(user: SessionUser | null, role: Role): boolean {
  return !!user && rank[user.role] >= rank[role];
}

/**
 * Who is asking: a session cookie for pages, a bearer token for /api. Every route
 * needs a logged-in user unless its config says `public`; read-only users may not
 * write; `role` restricts further.
 */
export default fp<{ sessionHours: number; basePath: string; cookieSecure: 'auto' | boolean }>(
  async (app, opts) => {
    const cookiePath = opts.basePath || '/';
    app.decorateRequest('user', null);

    app.decorateReply('startSession', function (this: FastifyReply, token: string) {
      return this.setCookie(SESSION_COOKIE, token, {
        path: cookiePath,
        httpOnly: true,
        sameSite: 'lax',
        secure: cookieSecure(opts.cookieSecure, this.request),
        maxAge: opts.sessionHours * 3600,
      });
    });
    app.decorateReply('endSession', function (this: FastifyReply) {
      return this.clearCookie(SESSION_COOKIE, { path: cookiePath });
    });

    app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      const config = request.routeOptions.config;
      if (config.api) {
        const auth = request.headers.authorization;
        const token = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : '';
        request.user = token ? ((await userForApiToken(app.db, token)) ?? null) : null;
      } else {
        const token = request.cookies[SESSION_COOKIE];
        request.user = token ? ((await userForSession(app.db, token, opts.sessionHours)) ?? null) : null;
        if (request.user) {
          request.language = request.user.language;
          request.t = translator(request.user.language);
        }
      }
      if (config.public) return;
      if (!request.user) {
        if (config.api) throw app.httpErrors.unauthorized('error.unauthorized');
        const next = encodeURIComponent(request.url);
        const login = `${opts.basePath}/login?next=${next}`;
        if (request.headers['hx-request'] === 'true') {
          return reply.header('HX-Redirect', login).code(401).send();
        }
        return reply.redirect(login, 303);
      }
      if (config.role && !hasRole(request.user, config.role))
        throw app.httpErrors.forbidden('error.forbidden');
      if (request.method !== 'GET' && request.method !== 'HEAD' && !config.readonlyAllowed) {
        if (!hasRole(request.user, 'staff')) throw app.httpErrors.forbidden('error.readonly');
      }
    });
  },
  { name: 'auth', dependencies: ['db', 'security', 'views'] },
);
