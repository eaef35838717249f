import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { contactPersons, customers } from './register.js';
import { users } from './staff.js';

/*
 * Classification data (R-REG-5..9, R-REG-11, R-CARD-2). The CRM workspace filters on
 * all of it at a million customers, so every link table is keyed by what a search
 * asks for first ("who has value X") with the customer id second.
 */

// ---------------------------------------------------------------- tracking pick lists (seurantakohteet)

export const trackingDimensions = pgTable('tracking_dimensions', {
  id: serial().primaryKey(),
  code: text().notNull().unique(),
  name: text().notNull(),
  sort: integer().notNull().default(0),
});

export const trackingValues = pgTable(
  'tracking_values',
  {
    id: serial().primaryKey(),
    dimensionId: integer()
      .notNull()
      .references(() => trackingDimensions.id, { onDelete: 'cascade' }),
    code: text().notNull(),
    name: text().notNull(),
    sort: integer().notNull().default(0),
  },
  (t) => [unique().on(t.dimensionId, t.code)],
);

/** At most one value per dimension per customer. */
export const customerTracking = pgTable(
  'customer_tracking',
  {
    customerId: integer()
      .notNull()
      .references(() => customers.id),
    dimensionId: integer()
      .notNull()
      .references(() => trackingDimensions.id, { onDelete: 'cascade' }),
    valueId: integer()
      .notNull()
      .references(() => trackingValues.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.dimensionId] }), index().on(t.valueId, t.customerId)],
);

// ---------------------------------------------------------------- customer properties (ominaisuudet)

export const propertyGroups = pgTable('property_groups', {
  id: serial().primaryKey(),
  name: text().notNull().unique(),
});

export const properties = pgTable(
  'properties',
  {
    id: serial().primaryKey(),
    groupId: integer().references(() => propertyGroups.id),
    code: text().notNull().unique(),
    name: text().notNull(),
  },
  (t) => [index().on(t.groupId)],
);

export const customerProperties = pgTable(
  'customer_properties',
  {
    propertyId: integer()
      .notNull()
      .references(() => properties.id, { onDelete: 'cascade' }),
    customerId: integer()
      .notNull()
      .references(() => customers.id),
    valueText: text(),
  },
  (t) => [primaryKey({ columns: [t.propertyId, t.customerId] }), index().on(t.customerId)],
);

// ---------------------------------------------------------------- contact-person properties (markkinointiryhmät)

export const contactPersonGroups = pgTable('contact_person_groups', {
  id: serial().primaryKey(),
  name: text().notNull().unique(),
});

export const contactPersonProperties = pgTable(
  'contact_person_properties',
  {
    id: serial().primaryKey(),
    groupId: integer().references(() => contactPersonGroups.id),
    code: text().notNull().unique(),
    name: text().notNull(),
  },
  (t) => [index().on(t.groupId)],
);

export const contactPersonPropertyLinks = pgTable(
  'contact_person_property_links',
  {
    propertyId: integer()
      .notNull()
      .references(() => contactPersonProperties.id, { onDelete: 'cascade' }),
    contactPersonId: integer()
      .notNull()
      .references(() => contactPersons.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.propertyId, t.contactPersonId] }), index().on(t.contactPersonId)],
);

// ---------------------------------------------------------------- contact roles (R-REG-8)

export const contactRole = pgEnum('contact_role', ['CONTACT_NUMBER', 'CONTACT_PURCHASE', 'CONTACT_SALES']);

/** Per organisation, at most one contact person per role. */
export const contactRoles = pgTable(
  'contact_roles',
  {
    customerId: integer()
      .notNull()
      .references(() => customers.id),
    role: contactRole().notNull(),
    contactPersonId: integer()
      .notNull()
      .references(() => contactPersons.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.role] }), index().on(t.contactPersonId)],
);

// ---------------------------------------------------------------- marketing bans (R-REG-9)

export const banKind = pgEnum('ban_kind', ['NO_MARKETING', 'NO_SMS', 'NO_EMAIL']);
export const banSource = pgEnum('ban_source', ['staff', 'api', 'import', 'unsubscribe']);

/**
 * Every change of a ban (consent history). The current state lives in the
 * no_marketing / no_sms / no_email columns of customers and contact_persons.
 */
export const banHistory = pgTable(
  'ban_history',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    customerId: integer().references(() => customers.id),
    contactPersonId: integer().references(() => contactPersons.id, { onDelete: 'cascade' }),
    ban: banKind().notNull(),
    active: boolean().notNull(),
    source: banSource().notNull(),
    userId: integer().references(() => users.id),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.customerId, t.id), index().on(t.contactPersonId, t.id)],
);

// ---------------------------------------------------------------- profiles (R-CARD-2)

export const profileFieldType = pgEnum('profile_field_type', ['single', 'multi', 'memo', 'date', 'text']);

export const profileFields = pgTable('profile_fields', {
  id: serial().primaryKey(),
  code: varchar({ length: 10 }).notNull().unique(),
  title: text().notNull(),
  type: profileFieldType().notNull(),
  sort: integer().notNull().default(0),
});

export const profileValues = pgTable(
  'profile_values',
  {
    id: serial().primaryKey(),
    fieldId: integer()
      .notNull()
      .references(() => profileFields.id, { onDelete: 'cascade' }),
    code: varchar({ length: 5 }).notNull(),
    label: text().notNull(),
    sort: integer().notNull().default(0),
  },
  (t) => [unique().on(t.fieldId, t.code)],
);

/** Classification values (single and multi fields). A single field keeps at most one row per customer. */
export const customerProfileValues = pgTable(
  'customer_profile_values',
  {
    valueId: integer()
      .notNull()
      .references(() => profileValues.id),
    customerId: integer()
      .notNull()
      .references(() => customers.id),
    fieldId: integer()
      .notNull()
      .references(() => profileFields.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.valueId, t.customerId] }), index().on(t.customerId, t.fieldId)],
);

/** Memo, date and text-line answers: one row per customer and field. */
export const customerProfileTexts = pgTable(
  'customer_profile_texts',
  {
    customerId: integer()
      .notNull()
      .references(() => customers.id),
    fieldId: integer()
      .notNull()
      .references(() => profileFields.id, { onDelete: 'cascade' }),
    text: text(),
    date: date(),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.fieldId] }),
    index().on(t.fieldId, t.date),
    index('customer_profile_texts_trgm_idx').using('gin', sql`lower(${t.text}) gin_trgm_ops`),
  ],
);

// ---------------------------------------------------------------- guardians (R-REG-11)

export const guardians = pgTable(
  'guardians',
  {
    guardianId: integer()
      .notNull()
      .references(() => customers.id),
    wardId: integer()
      .notNull()
      .references(() => customers.id),
  },
  (t) => [primaryKey({ columns: [t.guardianId, t.wardId] }), uniqueIndex().on(t.wardId, t.guardianId)],
);
