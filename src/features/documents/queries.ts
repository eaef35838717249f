import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { AuditChanges } from '../../db/schema/audit.js';
import {
  contactPersons,
  contactTypes,
  customerDocuments,
  documentTemplates,
  interactions,
  users,
} from '../../db/schema/index.js';
import { DomainError } from '../../lib/errors.js';
import { writeAudit } from '../audit/queries.js';

// ------------------------------------------------------------------ customer documents

/** A document without its bytes: what lists show. */
export type DocumentMeta = {
  id: number;
  customerId: number;
  interactionId: number | null;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: Date;
  createdByName: string | null;
  entryTypeCode: string | null;
  templateName: string | null;
};

const metaColumns = {
  id: customerDocuments.id,
  customerId: customerDocuments.customerId,
  interactionId: customerDocuments.interactionId,
  fileName: customerDocuments.fileName,
  contentType: customerDocuments.contentType,
  sizeBytes: customerDocuments.sizeBytes,
  sha256: customerDocuments.sha256,
  createdAt: customerDocuments.createdAt,
  createdByName: users.displayName,
  entryTypeCode: contactTypes.code,
  templateName: documentTemplates.name,
};

/**
 * One page of a customer's documents (or of one contact entry's), newest first, keyset on
 * id. Only metadata: the bytes stay in the table.
 */
export async function listDocuments(
  db: Db,
  customerId: number,
  opts: { interactionId?: number | null; beforeId?: number | null; limit?: number } = {},
): Promise<{ rows: DocumentMeta[]; nextBefore: number | null }> {
  const limit = opts.limit ?? 50;
  const rows = await db
    .select(metaColumns)
    .from(customerDocuments)
    .leftJoin(users, eq(users.id, customerDocuments.createdBy))
    .leftJoin(interactions, eq(interactions.id, customerDocuments.interactionId))
    .leftJoin(contactTypes, eq(contactTypes.id, interactions.typeId))
    .leftJoin(documentTemplates, eq(documentTemplates.id, customerDocuments.templateId))
    .where(
      and(
        eq(customerDocuments.customerId, customerId),
        opts.interactionId ? eq(customerDocuments.interactionId, opts.interactionId) : undefined,
        opts.beforeId ? lt(customerDocuments.id, opts.beforeId) : undefined,
      ),
    )
    .orderBy(desc(customerDocuments.id))
    .limit(limit + 1);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return { rows: page, nextBefore: more ? page[page.length - 1]!.id : null };
}

export async function getDocumentMeta(db: Db, customerId: number, id: number) {
  const [row] = await db
    .select(metaColumns)
    .from(customerDocuments)
    .leftJoin(users, eq(users.id, customerDocuments.createdBy))
    .leftJoin(interactions, eq(interactions.id, customerDocuments.interactionId))
    .leftJoin(contactTypes, eq(contactTypes.id, interactions.typeId))
    .leftJoin(documentTemplates, eq(documentTemplates.id, customerDocuments.templateId))
    .where(and(eq(customerDocuments.id, id), eq(customerDocuments.customerId, customerId)));
  return row;
}

/** Name, type and bytes of one of the customer's documents, for a download. */
export async function getDocumentFile(db: Db, customerId: number, id: number) {
  const [row] = await db
    .select({
      fileName: customerDocuments.fileName,
      contentType: customerDocuments.contentType,
      sha256: customerDocuments.sha256,
      content: customerDocuments.content,
    })
    .from(customerDocuments)
    .where(and(eq(customerDocuments.id, id), eq(customerDocuments.customerId, customerId)));
  return row;
}

export type NewDocument = {
  customerId: number;
  interactionId: number | null;
  fileName: string;
  contentType: string;
  content: Buffer;
  sha256: string;
  templateId?: number | null;
  /** Extra audit changes (the template used). */
  auditExtra?: AuditChanges;
};

/** Stores a whole document and its audit entry in one transaction: both or neither. */
export async function insertDocument(db: Db, doc: NewDocument, actorId: number | null): Promise<number> {
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(customerDocuments)
      .values({
        customerId: doc.customerId,
        interactionId: doc.interactionId,
        fileName: doc.fileName,
        contentType: doc.contentType,
        sizeBytes: doc.content.length,
        content: doc.content,
        sha256: doc.sha256,
        templateId: doc.templateId ?? null,
        createdBy: actorId,
      })
      .returning({ id: customerDocuments.id });
    await writeAudit(tx, {
      userId: actorId,
      customerId: doc.customerId,
      entity: 'document',
      entityId: created!.id,
      action: 'create',
      changes: {
        documentName: [null, doc.fileName],
        documentType: [null, doc.contentType],
        documentSize: [null, doc.content.length],
        ...(doc.interactionId ? { documentEntry: [null, doc.interactionId] } : {}),
        ...doc.auditExtra,
      },
    });
    return created!.id;
  });
}

/**
 * A copy of one of the customer's documents under a new name, same entry. The bytes are
 * copied inside the database and never travel through the app.
 */
export async function copyDocument(
  db: Db,
  customerId: number,
  id: number,
  newName: string,
  actorId: number | null,
): Promise<number> {
  return db.transaction(async (tx) => {
    const [created] = await tx.execute<{ id: number; file_name: string; original: string }>(sql`
      insert into customer_documents
        (customer_id, interaction_id, file_name, content_type, size_bytes, content, sha256, template_id, created_by)
      select customer_id, interaction_id, ${newName}, content_type, size_bytes, content, sha256, template_id, ${actorId}
      from customer_documents where id = ${id} and customer_id = ${customerId}
      returning id, file_name, (select file_name from customer_documents where id = ${id}) as original`);
    if (!created) throw new DomainError('error.notFound', 404);
    const newId = Number(created.id);
    await writeAudit(tx, {
      userId: actorId,
      customerId,
      entity: 'document',
      entityId: newId,
      action: 'create',
      changes: { documentName: [null, newName], documentCopiedFrom: [null, created.original] },
    });
    return newId;
  });
}

/** Deletes one of the customer's documents, with an audit entry naming it. */
export async function deleteDocument(db: Db, customerId: number, id: number, actorId: number | null) {
  return db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(customerDocuments)
      .where(and(eq(customerDocuments.id, id), eq(customerDocuments.customerId, customerId)))
      .returning({
        fileName: customerDocuments.fileName,
        contentType: customerDocuments.contentType,
        sizeBytes: customerDocuments.sizeBytes,
      });
    if (!gone) throw new DomainError('error.notFound', 404);
    await writeAudit(tx, {
      userId: actorId,
      customerId,
      entity: 'document',
      entityId: id,
      action: 'delete',
      changes: {
        documentName: [gone.fileName, null],
        documentType: [gone.contentType, null],
        documentSize: [gone.sizeBytes, null],
      },
    });
    return gone;
  });
}

/**
 * How many documents each of the given contact entries has, in one query (for a paperclip
 * count on the contact log; link to `/customers/:id/documents?entry=<entry id>`).
 */
export async function documentCountsByEntry(db: Db, entryIds: number[]): Promise<Map<number, number>> {
  if (entryIds.length === 0) return new Map();
  const rows = await db
    .select({ entryId: customerDocuments.interactionId, n: sql<number>`count(*)::int` })
    .from(customerDocuments)
    .where(inArray(customerDocuments.interactionId, entryIds))
    .groupBy(customerDocuments.interactionId);
  return new Map(rows.map((r) => [r.entryId!, r.n]));
}

// ------------------------------------------------------------------ contact entries (read only)

export type EntryOption = { id: number; createdAt: Date; code: string; text: string };

/**
 * The customer's newest contact entries for the entry pickers, plus `alsoId` when it is
 * an older entry of the same customer (the one a filter or form already names).
 */
export async function listEntryOptions(
  db: Db,
  customerId: number,
  alsoId: number | null = null,
  limit = 100,
): Promise<EntryOption[]> {
  const columns = {
    id: interactions.id,
    createdAt: interactions.createdAt,
    code: contactTypes.code,
    text: sql<string>`left(${interactions.text}, 80)`,
  };
  const rows = await db
    .select(columns)
    .from(interactions)
    .innerJoin(contactTypes, eq(contactTypes.id, interactions.typeId))
    .where(eq(interactions.customerId, customerId))
    .orderBy(desc(interactions.id))
    .limit(limit);
  if (alsoId && !rows.some((r) => r.id === alsoId)) {
    const extra = await db
      .select(columns)
      .from(interactions)
      .innerJoin(contactTypes, eq(contactTypes.id, interactions.typeId))
      .where(and(eq(interactions.id, alsoId), eq(interactions.customerId, customerId)));
    rows.push(...extra);
  }
  return rows;
}

/** One of the customer's contact entries (text and contact person), or undefined. */
export async function getEntry(db: Db, customerId: number, id: number) {
  const [row] = await db
    .select({ id: interactions.id, text: interactions.text, contactPersonId: interactions.contactPersonId })
    .from(interactions)
    .where(and(eq(interactions.id, id), eq(interactions.customerId, customerId)));
  return row;
}

export async function listPersonOptions(db: Db, customerId: number) {
  return db
    .select({ id: contactPersons.id, firstName: contactPersons.firstName, lastName: contactPersons.lastName })
    .from(contactPersons)
    .where(eq(contactPersons.customerId, customerId))
    .orderBy(asc(contactPersons.lastName), asc(contactPersons.firstName), asc(contactPersons.id));
}

export async function getStaffName(db: Db, userId: number): Promise<string> {
  const [row] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, userId));
  return row?.name ?? '';
}

// ------------------------------------------------------------------ templates

export type TemplateSummary = {
  id: number;
  name: string;
  kind: 'docx' | 'html';
  fileName: string | null;
  mergeFields: string[];
  updatedAt: Date;
  updatedByName: string | null;
};

/** Every template, by name, without the docx bytes or HTML text. */
export async function listTemplates(db: Db): Promise<TemplateSummary[]> {
  return db
    .select({
      id: documentTemplates.id,
      name: documentTemplates.name,
      kind: documentTemplates.kind,
      fileName: documentTemplates.fileName,
      mergeFields: documentTemplates.mergeFields,
      updatedAt: documentTemplates.updatedAt,
      updatedByName: users.displayName,
    })
    .from(documentTemplates)
    .leftJoin(users, eq(users.id, documentTemplates.updatedBy))
    .orderBy(asc(documentTemplates.name), asc(documentTemplates.id));
}

export async function getTemplate(db: Db, id: number) {
  const [row] = await db.select().from(documentTemplates).where(eq(documentTemplates.id, id));
  return row;
}

export type TemplateInput =
  | { kind: 'docx'; name: string; fileName: string; content: Buffer; mergeFields: string[] }
  | { kind: 'html'; name: string; html: string; mergeFields: string[] };

function templateRow(input: TemplateInput) {
  return input.kind === 'docx'
    ? { name: input.name, fileName: input.fileName, content: input.content, html: null }
    : { name: input.name, fileName: null, content: null, html: input.html };
}

export async function createTemplate(db: Db, input: TemplateInput, actorId: number): Promise<number> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(documentTemplates)
      .values({
        ...templateRow(input),
        kind: input.kind,
        mergeFields: input.mergeFields,
        createdBy: actorId,
        updatedBy: actorId,
      })
      .returning({ id: documentTemplates.id });
    await writeAudit(tx, {
      userId: actorId,
      entity: 'document_template',
      entityId: row!.id,
      action: 'create',
      changes: { name: [null, input.name] },
    });
    return row!.id;
  });
}

/**
 * Saves a template. A Word template without a new file keeps its file (`content`
 * undefined): only the name changes.
 */
export async function updateTemplate(
  db: Db,
  id: number,
  input: { name: string } & (
    | { kind: 'docx'; fileName?: string; content?: Buffer; mergeFields?: string[] }
    | { kind: 'html'; html: string; mergeFields: string[] }
  ),
  actorId: number,
) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ name: documentTemplates.name, kind: documentTemplates.kind })
      .from(documentTemplates)
      .where(eq(documentTemplates.id, id))
      .for('update');
    if (!before || before.kind !== input.kind) throw new DomainError('error.notFound', 404);
    const values: Partial<typeof documentTemplates.$inferInsert> = {
      name: input.name,
      updatedAt: new Date(),
      updatedBy: actorId,
    };
    if (input.kind === 'html') Object.assign(values, { html: input.html, mergeFields: input.mergeFields });
    else if (input.content)
      Object.assign(values, {
        content: input.content,
        fileName: input.fileName,
        mergeFields: input.mergeFields,
      });
    await tx.update(documentTemplates).set(values).where(eq(documentTemplates.id, id));
    await writeAudit(tx, {
      userId: actorId,
      entity: 'document_template',
      entityId: id,
      action: 'update',
      changes: before.name !== input.name ? { name: [before.name, input.name] } : {},
    });
  });
}

export async function deleteTemplate(db: Db, id: number, actorId: number) {
  return db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(documentTemplates)
      .where(eq(documentTemplates.id, id))
      .returning({ name: documentTemplates.name });
    if (!gone) throw new DomainError('error.notFound', 404);
    await writeAudit(tx, {
      userId: actorId,
      entity: 'document_template',
      entityId: id,
      action: 'delete',
      changes: { name: [gone.name, null] },
    });
    return gone;
  });
}
