import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { customers } from './register.js';
import { users } from './staff.js';

export type AuditChanges = Record<string, [unknown, unknown]>;

/** Who changed what and when (muutoshistoria). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    userId: integer().references(() => users.id),
    /** The customer the change belongs to, if any: the card's Muutoshistoria reads this. */
    customerId: integer().references(() => customers.id),
    entity: text().notNull(),
    entityId: integer(),
    action: text().notNull(),
    changes: jsonb().$type<AuditChanges>().notNull().default({}),
  },
  (t) => [index().on(t.customerId, t.id), index().on(t.userId), index().on(t.at)],
);
