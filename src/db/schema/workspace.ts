import { index, integer, pgEnum, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

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
    /** Lower-cased name of the target when it was added: the lists page by (sort_key, target_id). */
    sortKey: text().notNull().default(''),
    addedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.targetType, t.targetId] }),
    index('found_list_page_idx').on(t.userId, t.targetType, t.sortKey, t.targetId),
  ],
);

/** The selected list (valitut, R-WS-4): every workspace action reads it. */
export const selectedList = pgTable(
  'selected_list',
  {
    /** users.id. No foreign key: its per-row check made moving 100 000 rows 15 % slower; users are deactivated, not deleted. */
    userId: integer().notNull(),
    targetType: workspaceTarget().notNull(),
    targetId: integer().notNull(),
    /** Lower-cased name of the target when it was added: the lists page by (sort_key, target_id). */
    sortKey: text().notNull().default(''),
    addedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.targetType, t.targetId] }),
    index('selected_list_page_idx').on(t.userId, t.targetType, t.sortKey, t.targetId),
  ],
);
