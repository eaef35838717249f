import { integer, pgEnum, pgTable, primaryKey, timestamp } from 'drizzle-orm/pg-core';

/**
 * What a CRM workspace list holds (R-WS-1). `target_id` is customers.id for person,
 * organisation, agent and guardian; contact_persons.id for contact_person; users.id for staff.
 */
export const workspaceTarget = pgEnum('workspace_target', [
  'person',
  'organisation',
  'contact_person',
  'agent',
  'staff',
  'guardian',
]);

/** The found list (löydetyt tietueet, R-WS-3), per user and target type. */
export const foundList = pgTable(
  'found_list',
  {
    /** users.id. No foreign key: its per-row check made moving 100 000 rows 15 % slower; users are deactivated, not deleted. */
    userId: integer().notNull(),
    targetType: workspaceTarget().notNull(),
    targetId: integer().notNull(),
    addedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // The primary key is the only index: lists page by target_id along it, and every move of
  // 100 000 rows maintains just this one (a second, by-name index doubled the cost).
  (t) => [primaryKey({ columns: [t.userId, t.targetType, t.targetId] })],
);

/** The selected list (valitut, R-WS-4): every workspace action reads it. */
export const selectedList = pgTable(
  'selected_list',
  {
    /** users.id. No foreign key: its per-row check made moving 100 000 rows 15 % slower; users are deactivated, not deleted. */
    userId: integer().notNull(),
    targetType: workspaceTarget().notNull(),
    targetId: integer().notNull(),
    addedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // The primary key is the only index: lists page by target_id along it, and every move of
  // 100 000 rows maintains just this one (a second, by-name index doubled the cost).
  (t) => [primaryKey({ columns: [t.userId, t.targetType, t.targetId] })],
);
