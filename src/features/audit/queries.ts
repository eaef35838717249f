import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { type AuditChanges, auditLog, users } from '../../db/schema/index.js';

export type AuditEntry = {
  userId: number | null;
  customerId?: number | null;
  entity: string;
  entityId?: number | null;
  action: 'create' | 'update' | 'archive' | 'restore' | 'delete' | 'move';
  changes?: AuditChanges;
};

export async function writeAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({ ...entry, changes: entry.changes ?? {} });
}

/** Field-by-field old → new for the fields that differ; empty when nothing changed. */
export function diff<T extends Record<string, unknown>>(before: T | null, after: Partial<T>): AuditChanges {
  const changes: AuditChanges = {};
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) continue;
    const old = before ? (before[key] ?? null) : null;
    if (String(old ?? '') !== String(value ?? '')) changes[key] = [old, value ?? null];
  }
  return changes;
}

/** A customer's change history, newest first, in pages of `limit` (keyset on id). */
export async function listCustomerAudit(db: Db, customerId: number, beforeId?: number, limit = 50) {
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      action: auditLog.action,
      changes: auditLog.changes,
      userName: users.displayName,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(and(eq(auditLog.customerId, customerId), beforeId ? lt(auditLog.id, beforeId) : undefined))
    .orderBy(desc(auditLog.id))
    .limit(limit);
}
