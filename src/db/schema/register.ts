import { type SQL, sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  char,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './staff.js';

export const customerType = pgEnum('customer_type', ['person', 'organisation']);
export const customerLanguage = pgEnum('customer_language', ['fi', 'sv', 'en']);

/** Customer kinds with their number series (asiakaslajit, numerosarjat). */
export const customerKinds = pgTable('customer_kinds', {
  id: serial().primaryKey(),
  code: text().notNull().unique(),
  nameFi: text().notNull(),
  nameEn: text().notNull(),
  rangeStart: integer().notNull(),
  rangeEnd: integer().notNull(),
  /** Lowest number that may still be free; numbers below it are taken. */
  nextNumber: integer().notNull(),
  /** Customers of an agent kind (travel offices) are the "agents" target of the CRM workspace. */
  isAgent: boolean().notNull().default(false),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Hierarchical customer groups (asiakasryhmät): a tree of any depth. */
export const customerGroups = pgTable(
  'customer_groups',
  {
    id: serial().primaryKey(),
    parentId: integer().references((): AnyPgColumn => customerGroups.id),
    name: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.parentId)],
);

/** Customers (asiakkaat): persons and organisations. */
export const customers = pgTable(
  'customers',
  {
    id: serial().primaryKey(),
    number: integer().notNull().unique(),
    kindId: integer()
      .notNull()
      .references(() => customerKinds.id),
    type: customerType().notNull(),
    /** Organisation name; for persons "Last First", kept by the app. */
    name: text().notNull(),
    firstName: text(),
    lastName: text(),
    businessId: text(),
    streetAddress: text(),
    postalCode: text(),
    city: text(),
    country: char({ length: 2 }).notNull().default('FI'),
    phone: text(),
    mobile: text(),
    email: text(),
    language: customerLanguage().notNull().default('fi'),
    accountManagerId: integer().references(() => users.id),
    relationshipStart: date(),
    notes: text(),
    groupId: integer().references(() => customerGroups.id),
    companyId: integer().references((): AnyPgColumn => customers.id),
    departmentId: integer().references((): AnyPgColumn => departments.id),
    externalId: text().unique(),
    /** Marketing bans (R-REG-9), current state; changes are kept in ban_history. */
    noMarketing: boolean().notNull().default(false),
    noSms: boolean().notNull().default(false),
    noEmail: boolean().notNull().default(false),
    archivedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: integer().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: integer().references(() => users.id),
    /** Everything the quick search looks at, lower-cased, for the trigram index. */
    searchText: text().generatedAlwaysAs(
      (): SQL =>
        sql`lower(coalesce(${customers.name}, '') || ' ' || coalesce(${customers.email}, '') || ' ' || coalesce(${customers.city}, '') || ' ' || coalesce(${customers.businessId}, ''))`,
    ),
    /** Digits of phone and mobile, so "040 123" finds "+358 40 123 4567". */
    phoneDigits: text().generatedAlwaysAs(
      (): SQL =>
        sql`regexp_replace(coalesce(${customers.phone}, '') || ' ' || coalesce(${customers.mobile}, ''), '[^0-9 ]', '', 'g')`,
    ),
  },
  (t) => [
    index().on(t.kindId),
    index().on(t.groupId),
    index().on(t.companyId),
    index().on(t.departmentId),
    index().on(t.accountManagerId),
    index().on(t.postalCode),
    index('customers_city_lower_idx').on(sql`lower(${t.city})`),
    // C collation: byte order whatever the database's locale, so the index serves both
    // ORDER BY lower(name) and LIKE 'prefix%'.
    index('customers_name_lower_idx').on(sql`(lower(${t.name}) collate "C")`, t.id),
    index('customers_email_lower_idx').on(sql`lower(${t.email}) text_pattern_ops`),
    index().on(t.businessId),
    index('customers_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    // The quick search and the list filter match phone digits with the spaces removed.
    index('customers_phone_digits_trgm_idx').using(
      'gin',
      sql`replace(${t.phoneDigits}, ' ', '') gin_trgm_ops`,
    ),
  ],
);

/** Departments of an organisation customer (osastot). */
export const departments = pgTable(
  'departments',
  {
    id: serial().primaryKey(),
    organisationId: integer()
      .notNull()
      .references((): AnyPgColumn => customers.id),
    name: text().notNull(),
  },
  (t) => [uniqueIndex('departments_org_name_idx').on(t.organisationId, sql`lower(${t.name})`)],
);

/** Contact persons of an organisation (yhteyshenkilöt). */
export const contactPersons = pgTable(
  'contact_persons',
  {
    id: serial().primaryKey(),
    customerId: integer()
      .notNull()
      .references(() => customers.id),
    firstName: text().notNull(),
    lastName: text().notNull(),
    title: text(),
    email: text(),
    phone: text(),
    mobile: text(),
    language: customerLanguage().notNull().default('fi'),
    notes: text(),
    noMarketing: boolean().notNull().default(false),
    noSms: boolean().notNull().default(false),
    noEmail: boolean().notNull().default(false),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.customerId)],
);
