import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  integer,
  pgEnum,
  pgTable,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { interactions } from './interactions.js';
import { customers } from './register.js';
import { bytea } from './sales.js';
import { users } from './staff.js';

export const documentTemplateKind = pgEnum('document_template_kind', ['docx', 'html']);

/**
 * Document templates (asiakirjamallit, R-CARD-5, R-SET-1): a Word .docx file (`content`) or
 * an HTML text (`html`) with merge fields such as {nimi}. `mergeFields` lists the fields used.
 */
export const documentTemplates = pgTable(
  'document_templates',
  {
    id: serial().primaryKey(),
    name: text().notNull(),
    kind: documentTemplateKind().notNull(),
    /** The uploaded .docx file's (safe) name; null for HTML templates. */
    fileName: text(),
    content: bytea(),
    html: text(),
    mergeFields: text().array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: integer().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: integer().references(() => users.id),
  },
  (t) => [index().on(t.createdBy), index().on(t.updatedBy)],
);

/**
 * A customer's documents (oheisdokumentit, R-CARD-5), optionally attached to one contact
 * entry. The bytes live here so app processes stay stateless; lists never select `content`.
 */
export const customerDocuments = pgTable(
  'customer_documents',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    customerId: integer()
      .notNull()
      .references(() => customers.id),
    interactionId: bigint({ mode: 'number' }).references(() => interactions.id, { onDelete: 'set null' }),
    fileName: text().notNull(),
    /** Sniffed from the bytes, never taken from the browser. */
    contentType: text().notNull(),
    sizeBytes: integer().notNull(),
    content: bytea().notNull(),
    sha256: text().notNull(),
    /** The template the document was made from, if any. */
    templateId: integer().references(() => documentTemplates.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: integer().references(() => users.id),
  },
  (t) => [
    index().on(t.customerId, t.id),
    index().on(t.interactionId, t.id),
    index().on(t.templateId),
    index().on(t.createdBy),
  ],
);
