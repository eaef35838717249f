import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { apiTokens, loginAttempts, sessions, users } from '../../db/schema/index.js';
import { hashPassword, newToken, sha256 } from '../../lib/secrets.js';

export type Role = 'admin' | 'staff' | 'readonly';
export type SessionUser = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  language: 'fi' | 'en';
};

const LOCKOUT_FAILURES = 5;
const LOCKOUT_MINUTES = 15;

const sessionUserColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  language: users.language,
};

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row?.n ?? 0;
}

/** Whether an active admin exists; until one does, the login page offers the first-admin form. */
export async function hasActiveAdmin(db: Db): Promise<boolean> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.active, true)))
    .limit(1);
  return rows.length > 0;
}

export async function createUser(
  db: Db,
  input: { username: string; displayName: string; password: string; role: Role; language?: 'fi' | 'en' },
): Promise<SessionUser> {
  const passwordHash = await hashPassword(input.password);
  const [user] = await db
    .insert(users)
    .values({
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      role: input.role,
      language: input.language ?? 'fi',
    })
    .returning(sessionUserColumns);
  return user!;
}

export async function findUserForLogin(db: Db, username: string) {
  const [user] = await db
    .select({ ...sessionUserColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(and(sql`lower(${users.username}) = lower(${username})`, eq(users.active, true)));
  return user;
}

/** Five failures for a username within 15 minutes lock it until the oldest falls out of the window. */
export async function isLockedOut(db: Db, username: string): Promise<boolean> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(loginAttempts)
    .where(
      and(
        sql`lower(${loginAttempts.username}) = lower(${username})`,
        eq(loginAttempts.succeeded, false),
        gt(loginAttempts.at, sql`now() - make_interval(mins => ${LOCKOUT_MINUTES})`),
      ),
    );
  return (row?.n ?? 0) >= LOCKOUT_FAILURES;
}

export async function recordLoginAttempt(db: Db, username: string, ip: string, succeeded: boolean) {
  await db.insert(loginAttempts).values({ username: username.slice(0, 100), ip, succeeded });
}

export async function createSession(db: Db, userId: number, hours: number): Promise<string> {
  const token = newToken();
  await db.insert(sessions).values({
    tokenHash: sha256(token),
    userId,
    expiresAt: sql`now() + make_interval(hours => ${hours})`,
  });
  return token;
}

/** The user of a live session; extends the session when less than half its time is left. */
export async function userForSession(db: Db, token: string, hours: number): Promise<SessionUser | undefined> {
  const hash = sha256(token);
  const [row] = await db
    .select({ ...sessionUserColumns, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hash), gt(sessions.expiresAt, sql`now()`), eq(users.active, true)));
  if (!row) return undefined;
  if (row.expiresAt.getTime() - Date.now() < (hours * 3_600_000) / 2) {
    await db
      .update(sessions)
      .set({ expiresAt: sql`now() + make_interval(hours => ${hours})` })
      .where(eq(sessions.tokenHash, hash));
  }
  const { expiresAt: _, ...user } = row;
  return user;
}

export async function deleteSession(db: Db, token: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
}

export async function createApiToken(db: Db, userId: number, name: string): Promise<string> {
  const token = `kanta_${newToken()}`;
  await db.insert(apiTokens).values({ userId, name, tokenHash: sha256(token) });
  return token;
}

export async function userForApiToken(db: Db, token: string): Promise<SessionUser | undefined> {
  const [row] = await db
    .select({ ...sessionUserColumns, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt), eq(users.active, true)));
  if (!row) return undefined;
  // "Last used" to the minute is enough; a write on every API call would halve ingest speed.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: sql`now()` }).where(eq(apiTokens.id, row.tokenId));
  }
  const { tokenId: _, lastUsedAt: __, ...user } = row;
  return user;
}
