import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { sessions, users } from '../../../db/schema/index.js';
import { DomainError, InputError } from '../../../lib/errors.js';
import { hashPassword } from '../../../lib/secrets.js';
import { diff, writeAudit } from '../../audit/queries.js';
import { createUser, type Role, type SessionUser } from '../../auth/queries.js';
import type { EditUserInput } from './schemas.js';

export type StaffUser = {
  id: number;
  username: string;
  displayName: string;
  email: string | null;
  role: Role;
  language: 'fi' | 'en';
  active: boolean;
  createdAt: Date;
};

const columns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  email: users.email,
  role: users.role,
  language: users.language,
  active: users.active,
  createdAt: users.createdAt,
};

/** Changes to roles and activity queue here, so two admins cannot demote each other at once. */
const lockAdmins = (tx: Db) => tx.execute(sql`select pg_advisory_xact_lock(hashtext('users.admins'))`);

export async function listUsers(db: Db): Promise<StaffUser[]> {
  return db
    .select(columns)
    .from(users)
    .orderBy(asc(sql`lower(${users.username})`));
}

export async function getUser(db: Db, id: number): Promise<StaffUser | undefined> {
  const [user] = await db.select(columns).from(users).where(eq(users.id, id));
  return user;
}

/** Creates a staff user; usernames are unique regardless of case, as the login treats them. */
export async function createStaffUser(
  db: Db,
  input: {
    username: string;
    displayName: string;
    password: string;
    role: Role;
    language: 'fi' | 'en';
    email: string | null;
  },
  actorId: number | null,
): Promise<SessionUser> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('users.usernames'))`);
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.username}) = lower(${input.username})`);
    if (taken) throw new InputError({ username: 'validation.unique' });
    const user = await createUser(tx, input);
    if (input.email) await tx.update(users).set({ email: input.email }).where(eq(users.id, user.id));
    await writeAudit(tx, {
      userId: actorId,
      customerId: null,
      entity: 'user',
      entityId: user.id,
      action: 'create',
      changes: diff(null, {
        username: input.username,
        displayName: input.displayName,
        email: input.email,
        role: input.role,
        language: input.language,
      }),
    });
    return user;
  });
}

/**
 * Saves a user's name, e-mail, role, language and activity. The last active admin
 * can be neither demoted nor deactivated. Deactivating ends the user's sessions (and
 * their API tokens stop resolving, as those check `active`).
 */
export async function updateUser(
  db: Db,
  id: number,
  input: EditUserInput,
  actorId: number | null,
): Promise<StaffUser> {
  return db.transaction(async (tx) => {
    await lockAdmins(tx);
    const [before] = await tx.select(columns).from(users).where(eq(users.id, id)).for('update');
    if (!before) throw new DomainError('error.notFound', 404);
    const losesAdmin = before.role === 'admin' && before.active && (input.role !== 'admin' || !input.active);
    if (losesAdmin) {
      const [other] = await tx.execute<{ n: number }>(sql`
        select count(*)::int as n from users where role = 'admin' and active and id <> ${id}`);
      if ((other?.n ?? 0) === 0) {
        throw new InputError(
          input.role !== 'admin'
            ? { role: 'settings.users.lastAdmin' }
            : { active: 'settings.users.lastAdmin' },
        );
      }
    }
    const changes = diff(before, input);
    if (Object.keys(changes).length === 0) return before;
    const [after] = await tx.update(users).set(input).where(eq(users.id, id)).returning(columns);
    if (before.active && !input.active) await tx.delete(sessions).where(eq(sessions.userId, id));
    await writeAudit(tx, {
      userId: actorId,
      customerId: null,
      entity: 'user',
      entityId: id,
      action: 'update',
      changes,
    });
    return after!;
  });
}

/**
 * Sets a new password. The user's other sessions end, so whoever knew the old one is
 * logged out; an admin resetting their own password keeps the session in use.
 */
export async function resetPassword(
  db: Db,
  id: number,
  password: string,
  actorId: number | null,
  keepSessionHash?: string,
): Promise<StaffUser> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [user] = await tx.update(users).set({ passwordHash }).where(eq(users.id, id)).returning(columns);
    if (!user) throw new DomainError('error.notFound', 404);
    await tx
      .delete(sessions)
      .where(
        keepSessionHash
          ? sql`${sessions.userId} = ${id} and ${sessions.tokenHash} <> ${keepSessionHash}`
          : eq(sessions.userId, id),
      );
    await writeAudit(tx, {
      userId: actorId,
      customerId: null,
      entity: 'user',
      entityId: id,
      action: 'update',
      changes: { password: [null, 'reset'] },
    });
    return user;
  });
}
