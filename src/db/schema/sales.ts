import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { profileValues } from './classification.js';
import { customers } from './register.js';
import { users } from './staff.js';

/** Raw bytes (uploaded files), as a Node Buffer. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});

export const salesDocumentKind = pgEnum('sales_document_kind', ['booking', 'sales_order', 'invoice']);

/** Destination types (kohdetyypit) with the AUTO map (R-SALES-3): a booking of this type adds `autoValueId`. */
export const destinationTypes = pgTable('destination_types', {
  id: serial().primaryKey(),
  code: text().notNull().unique(),
  name: text().notNull(),
  autoValueId: integer().references(() => profileValues.id, { onDelete: 'set null' }),
});

/** Bookings, sales orders and invoices (R-SALES-1). Amounts in cents; credit invoices are negative. */
export const salesDocuments = pgTable(
  'sales_documents',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    customerId: integer()
      .notNull()
      .references(() => customers.id),
    externalId: text().unique(),
    kind: salesDocumentKind().notNull(),
    number: text(),
    /** Booking date, order date or invoice date: the year of the purchase history. */
    date: date().notNull(),
    travelStart: date(),
    travelEnd: date(),
    destinationTypeId: integer().references(() => destinationTypes.id),
    destination: text(),
    amountCents: bigint({ mode: 'number' }).notNull(),
    dueDate: date(),
    paidDate: date(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.customerId, t.date, t.id),
    index().on(t.destinationTypeId, t.travelStart, t.customerId),
    index().on(t.destinationTypeId, t.date, t.customerId),
    index('sales_documents_unpaid_idx')
      .on(t.customerId, t.dueDate)
      .where(sql`${t.paidDate} is null and ${t.dueDate} is not null`),
  ],
);

/**
 * Per-customer, per-year purchase figures, kept in the same transaction as every write to
 * sales_documents: the history tab, the CRM search and automatic classification read these
 * instead of the documents. `destinationTypeId` 0 means "no destination type".
 */
export const customerSalesYears = pgTable(
  'customer_sales_years',
  {
    customerId: integer()
      .notNull()
      .references(() => customers.id),
    year: integer().notNull(),
    kind: salesDocumentKind().notNull(),
    destinationTypeId: integer().notNull().default(0),
    count: integer().notNull(),
    amountCents: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.year, t.kind, t.destinationTypeId] }),
    index().on(t.destinationTypeId, t.year, t.customerId),
    index().on(t.year, t.kind, t.customerId),
  ],
);

/** Application settings that admins switch (e.g. STARTDATE_INVOICE, STARTDATE_SALESORDER). */
export const appSettings = pgTable('app_settings', {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedBy: integer().references(() => users.id),
});

export const importTarget = pgEnum('import_target', ['customers', 'sales_documents']);

/** Column mappings remembered per import target and header row. */
export const importMappings = pgTable(
  'import_mappings',
  {
    target: importTarget().notNull(),
    /** The file's header cells joined, lower-cased: the same layout gets the same mapping. */
    headerKey: text().notNull(),
    mapping: jsonb().$type<Record<string, string>>().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.target, t.headerKey] })],
);

/** One uploaded import file through dry run and import, with its progress and report. */
export const importRuns = pgTable(
  'import_runs',
  {
    id: serial().primaryKey(),
    target: importTarget().notNull(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    fileName: text().notNull(),
    file: bytea().notNull(),
    mapping: jsonb().$type<Record<string, string>>(),
    status: text().notNull().default('uploaded'),
    onlyGoodRows: boolean().notNull().default(false),
    totalRows: integer().notNull().default(0),
    processedRows: integer().notNull().default(0),
    report: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.userId, t.id)],
);
