import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import { DomainError, InputError } from '../../../lib/errors.js';
import { sha256 } from '../../../lib/secrets.js';
import { type FieldErrors, parseInput } from '../../../lib/validation.js';
import { SESSION_COOKIE } from '../../../plugins/auth.js';
import { newUserSchema } from '../../auth/schemas.js';
import { adminOnly, fieldErrorsOf, idParam } from '../form.js';
import { createStaffUser, getUser, listUsers, resetPassword, type StaffUser, updateUser } from './queries.js';
import { editUserSchema, passwordSchema, userEmailSchema } from './schemas.js';

/** Both schemas of the new-user form, with the messages of both when either fails. */
function parseNewUser(body: Record<string, unknown>) {
  const errors: FieldErrors = {};
  let user: z.output<typeof newUserSchema> | undefined;
  let extra: z.output<typeof userEmailSchema> | undefined;
  try {
    user = parseInput(newUserSchema, { passwordAgain: '', ...body });
  } catch (e) {
    Object.assign(errors, fieldErrorsOf(e));
  }
  try {
    extra = parseInput(userEmailSchema, body);
  } catch (e) {
    Object.assign(errors, fieldErrorsOf(e));
  }
  if (!user || !extra) throw new InputError(errors);
  return { ...user, ...extra };
}

/** Never echo passwords back into a re-rendered form. */
function withoutPasswords(body: Record<string, unknown>) {
  const { password: _p, passwordAgain: _a, ...rest } = body;
  return rest;
}

/** Staff users (virkailijat): /settings/users. */
export default async function userRoutes(app: FastifyInstance) {
  async function loadUser(id: number): Promise<StaffUser> {
    const user = await getUser(app.db, id);
    if (!user) throw new DomainError('error.notFound', 404);
    return user;
  }

  const showEdit = (
    reply: FastifyReply,
    user: StaffUser,
    form: { values: Record<string, unknown>; errors: FieldErrors; passwordErrors: FieldErrors },
    status = 200,
  ) => reply.render('settings/users/edit', { account: user, ...form }, { status });

  app.get('/', adminOnly, async (_request, reply) =>
    reply.render('settings/users/list', { users: await listUsers(app.db) }),
  );

  app.get('/new', adminOnly, async (_request, reply) =>
    reply.render('settings/users/new', { values: { role: 'staff', language: 'fi' }, errors: {} }),
  );

  app.post('/', adminOnly, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    try {
      const user = await createStaffUser(app.db, parseNewUser(body), request.user!.id);
      reply.flash('success', 'settings.users.created', { username: user.username });
      return reply.seeOther('/settings/users');
    } catch (e) {
      const errors = fieldErrorsOf(e);
      return reply.render('settings/users/new', { values: withoutPasswords(body), errors }, { status: 422 });
    }
  });

  app.get('/:id', adminOnly, async (request, reply) => {
    const user = await loadUser(idParam(request.params));
    return showEdit(reply, user, { values: user, errors: {}, passwordErrors: {} });
  });

  app.post('/:id', adminOnly, async (request, reply) => {
    const id = idParam(request.params);
    const body = request.body as Record<string, unknown>;
    try {
      const user = await updateUser(app.db, id, parseInput(editUserSchema, body), request.user!.id);
      reply.flash('success', 'settings.users.saved', { username: user.username });
      return reply.seeOther('/settings/users');
    } catch (e) {
      const errors = fieldErrorsOf(e);
      const user = await loadUser(id);
      return showEdit(reply, user, { values: body, errors, passwordErrors: {} }, 422);
    }
  });

  app.post('/:id/password', adminOnly, async (request, reply) => {
    const id = idParam(request.params);
    const body = request.body as Record<string, unknown>;
    try {
      const { password } = parseInput(passwordSchema, body);
      const current = request.cookies[SESSION_COOKIE];
      const user = await resetPassword(
        app.db,
        id,
        password,
        request.user!.id,
        current ? sha256(current) : undefined,
      );
      reply.flash('success', 'settings.users.passwordReset', { username: user.username });
      return reply.seeOther('/settings/users');
    } catch (e) {
      const passwordErrors = fieldErrorsOf(e);
      const user = await loadUser(id);
      return showEdit(reply, user, { values: user, errors: {}, passwordErrors }, 422);
    }
  });
}
