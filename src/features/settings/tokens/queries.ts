import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { apiTokens, users } from '../../../db/schema/index.js';
import { DomainError, InputError } from '../../../lib/errors.js';
import { sha256 } from '../../../lib/secrets.js';
import { writeAudit } from '../../audit/queries.js';
import { createApiToken } from '../../auth/queries.js';

export type TokenRow = {
  id: number;
  name: string;
  userId: number;
  username: string;
  displayName: string;
  userActive: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** Every token, live ones first, newest first. Only hashes are stored, so no token can be shown again. */
export async function listTokens(db: Db): Promise<TokenRow[]> {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      userId: apiTokens.userId,
      username: users.username,
      displayName: users.displayName,
      userActive: users.active,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .orderBy(sql`${apiTokens.revokedAt} is not null`, desc(apiTokens.createdAt), desc(apiTokens.id));
}

/** Active users a token may be made for. */
export async function tokenOwners(db: Db) {
  return db
    .select({ id: users.id, username: users.username, displayName: users.displayName, role: users.role })
    .from(users)
    .where(eq(users.active, true))
    .orderBy(asc(sql`lower(${users.username})`));
}

/** Creates a token for an active user and returns it in clear text: the only time it exists so. */
export async function createTokenFor(
  db: Db,
  input: { userId: number; name: string },
  actorId: number | null,
): Promise<{ token: string; id: number; username: string }> {
  return db.transaction(async (tx) => {
    const [owner] = await tx
      .select({ id: users.id, username: users.username })
      .from(users)
      .where(and(eq(users.id, input.userId), eq(users.active, true)));
    if (!owner) throw new InputError({ userId: 'validation.invalid' });
    const token = await createApiToken(tx, owner.id, input.name);
    const [row] = await tx
      .select({ id: apiTokens.id })
      .from(apiTokens)
      .where(eq(apiTokens.tokenHash, sha256(token)));
    await writeAudit(tx, {
      userId: actorId,
      customerId: null,
      entity: 'apiToken',
      entityId: row!.id,
      action: 'create',
      changes: { userId: [null, owner.id], name: [null, input.name] },
    });
    return { token, id: row!.id, username: owner.username };
  });
}

/** Revokes a token for good; revoking one already revoked changes nothing. */
export async function revokeToken(db: Db, id: number, actorId: number | null): Promise<{ name: string }> {
  return db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(apiTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
      .returning({ name: apiTokens.name, revokedAt: apiTokens.revokedAt });
    if (!revoked) {
      const [existing] = await tx
        .select({ name: apiTokens.name })
        .from(apiTokens)
        .where(eq(apiTokens.id, id));
      if (!existing) throw new DomainError('error.notFound', 404);
      return existing;
    }
    await writeAudit(tx, {
      userId: actorId,
      customerId: null,
      entity: 'apiToken',
      entityId: id,
      action: 'update',
      changes: { revokedAt: [null, revoked.revokedAt!.toISOString()] },
    });
    return { name: revoked.name };
  });
}
