import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { contactPersons, customers } from './register.js';
import { users } from './staff.js';

/** Contact types (kontaktityypit): LS sent e-mail, PU phone call, TR address label … */
export const contactTypes = pgTable('contact_types', {
  id: serial().primaryKey(),
  code: text().notNull().unique(),
  name: text().notNull(),
});

/** Entries written together by a group action (labels, e-mail, SMS); a batch can be listed and undone. */
export const interactionBatches = pgTable('interaction_batches', {
  id: serial().primaryKey(),
  source: text().notNull(),
  entryCount: integer().notNull().default(0),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  createdBy: integer().references(() => users.id),
  undoneAt: timestamp({ withTimezone: true }),
  undoneBy: integer().references(() => users.id),
});

/** The contact log (kontaktit, R-CARD-3). The id is the entry's running number. */
export const interactions = pgTable(
  'interactions',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    customerId: integer()
      .notNull()
      .references(() => customers.id),
    contactPersonId: integer().references(() => contactPersons.id),
    typeId: integer()
      .notNull()
      .references(() => contactTypes.id),
    text: text().notNull().default(''),
    batchId: integer().references(() => interactionBatches.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: integer().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    index().on(t.customerId, t.id),
    index().on(t.contactPersonId),
    index().on(t.typeId, t.createdAt, t.customerId),
    index().on(t.createdBy, t.createdAt, t.customerId),
    index().on(t.createdAt, t.customerId),
    index().on(t.batchId),
  ],
);

export const alarmAudience = pgEnum('alarm_audience', ['self', 'all', 'user']);

/** Alarms (hälytykset, R-CARD-4) on contact entries. `userId` is the owner (self) or the chosen user. */
export const alarms = pgTable(
  'alarms',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    interactionId: bigint({ mode: 'number' })
      .notNull()
      .unique()
      .references(() => interactions.id, { onDelete: 'cascade' }),
    customerId: integer()
      .notNull()
      .references(() => customers.id),
    dueDate: date().notNull(),
    message: text().notNull(),
    audience: alarmAudience().notNull(),
    userId: integer().references(() => users.id),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Set when a personal alarm is acknowledged; "all" alarms are acknowledged per user. */
    acknowledgedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('alarms_personal_open_idx')
      .on(t.userId, t.dueDate)
      .where(sql`${t.acknowledgedAt} is null and ${t.audience} <> 'all'`),
    // The alarm bar reads "everyone" alarms from a user's watermark up to today, index-only.
    index('alarms_all_due_idx').on(t.dueDate, t.id).where(sql`${t.audience} = 'all'`),
    index().on(t.customerId),
  ],
);

/** Per-user acknowledgements of "everyone" alarms. */
export const alarmAcknowledgements = pgTable(
  'alarm_acknowledgements',
  {
    alarmId: bigint({ mode: 'number' })
      .notNull()
      .references(() => alarms.id, { onDelete: 'cascade' }),
    userId: integer()
      .notNull()
      .references(() => users.id),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.alarmId] })],
);

/**
 * Per user: every "everyone" alarm due before `allClearBefore` is acknowledged by that user.
 * The alarm bar only looks at "everyone" alarms from here on, so years of acknowledged alarms
 * cost nothing. Moved forward on acknowledgement, moved back when an "everyone" alarm gets an
 * earlier due date. No row means no watermark (look at every "everyone" alarm).
 */
export const alarmWatermarks = pgTable('alarm_watermarks', {
  userId: integer()
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  allClearBefore: date().notNull(),
});
