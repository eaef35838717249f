import fastifyRateLimit from '@fastify/rate-limit';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { users } from '../../db/schema/index.js';
import { InputError } from '../../lib/errors.js';
import { verifyPassword } from '../../lib/secrets.js';
import { parseInput, requiredText } from '../../lib/validation.js';
import { SESSION_COOKIE } from '../../plugins/auth.js';
import { createStaffUser } from '../settings/users/queries.js';
import {
  countUsers,
  createSession,
  deleteSession,
  findUserForLogin,
  hasActiveAdmin,
  isLockedOut,
  recordLoginAttempt,
  type SessionUser,
} from './queries.js';
import { newUserSchema } from './schemas.js';

const loginSchema = z.object({
  username: requiredText(100),
  password: z.string().min(1, { error: 'validation.required' }),
  next: z.string().optional(),
});

/**
 * Only a path of this app, so `next` cannot send anyone elsewhere: under BASE_PATH, no
 * `//` or `/\` (browsers read both as another host), no control characters; else home.
 */
function safeNext(next: string | undefined, base: string): string {
  if (!next?.startsWith(`${base}/`)) return '/';
  const path = next.slice(base.length);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  return /^\/[/\\]|[\u0000-\u001f\u007f]/.test(path) ? '/' : path;
}

export default async function authRoutes(app: FastifyInstance) {
  await app.register(fastifyRateLimit, { global: false });
  const base = app.config.basePath;

  async function showLogin(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
    status = 200,
  ) {
    const setup = !(await hasActiveAdmin(app.db));
    const next =
      (request.query as { next?: string }).next ??
      (request.body as { next?: string } | undefined)?.next ??
      '';
    if (!setup) return reply.render('auth/login', { values: {}, errors: {}, next, ...extra }, { status });
    // No admin yet: the first-admin form, and the login form too once other users exist.
    const login = request.method === 'POST' && request.routeOptions.url?.endsWith('/login');
    const { values, errors, ...rest } = extra;
    return reply.render(
      'auth/setup',
      {
        values: login ? {} : (values ?? {}),
        errors: login ? {} : (errors ?? {}),
        loginValues: login ? values : {},
        loginErrors: login ? errors : {},
        usersExist: (await countUsers(app.db)) > 0,
        next,
        ...rest,
      },
      { status },
    );
  }

  app.get('/login', { config: { public: true } }, async (request, reply) => {
    if (request.user) return reply.seeOther('/');
    return showLogin(request, reply);
  });

  app.post(
    '/login',
    { config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const body = request.body as Record<string, string>;
      let input: z.output<typeof loginSchema>;
      try {
        input = parseInput(loginSchema, body);
      } catch (e) {
        if (e instanceof InputError)
          return showLogin(request, reply, { values: body, errors: e.fields }, 422);
        throw e;
      }
      if (await isLockedOut(app.db, input.username)) {
        await recordLoginAttempt(app.db, input.username, request.ip, false);
        return showLogin(request, reply, { values: { username: input.username }, error: 'auth.locked' }, 429);
      }
      const user = await findUserForLogin(app.db, input.username);
      const ok = user ? await verifyPassword(input.password, user.passwordHash) : false;
      await recordLoginAttempt(app.db, input.username, request.ip, ok);
      if (!user || !ok) {
        return showLogin(request, reply, { values: { username: input.username }, error: 'auth.failed' }, 401);
      }
      const token = await createSession(app.db, user.id, app.config.sessionHours);
      reply.startSession(token);
      return reply.seeOther(safeNext(input.next, base));
    },
  );

  /** First start: the login page offers to create the first admin while no active admin exists. */
  app.post(
    '/setup',
    { config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (request, reply) => {
      if (await hasActiveAdmin(app.db)) return reply.seeOther('/login');
      const body = request.body as Record<string, string>;
      let user: SessionUser | null;
      try {
        const input = parseInput(newUserSchema, { ...body, role: 'admin' });
        // Serialise concurrent first-admin requests: only one may win.
        user = await app.db.transaction(async (tx) => {
          await tx.execute(sql`select pg_advisory_xact_lock(4711001)`);
          if (await hasActiveAdmin(tx)) return null;
          return createStaffUser(tx, { ...input, email: null }, null);
        });
      } catch (e) {
        if (e instanceof InputError)
          return showLogin(request, reply, { values: body, errors: e.fields }, 422);
        throw e;
      }
      if (!user) return reply.seeOther('/login');
      reply.startSession(await createSession(app.db, user.id, app.config.sessionHours));
      reply.flash('success', 'auth.setupDone');
      return reply.seeOther('/');
    },
  );

  app.post('/logout', { config: { public: true, readonlyAllowed: true } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await deleteSession(app.db, token);
    reply.endSession();
    reply.flash('info', 'auth.loggedOut');
    return reply.seeOther('/login');
  });

  app.post('/me/language', { config: { readonlyAllowed: true } }, async (request, reply) => {
    const { language, next } = parseInput(
      z.object({ language: z.enum(['fi', 'en']), next: z.string().optional() }),
      request.body,
    );
    await app.db.update(users).set({ language }).where(eq(users.id, request.user!.id));
    // Back to the page the switch was pressed on (the form sends it: no Referer leaves the browser).
    return reply.seeOther(safeNext(next, base));
  });
}
