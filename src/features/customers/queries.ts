import { and, asc, eq, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import {
  auditLog,
  customerGroups,
  customerKinds,
  customers,
  departments,
  users,
} from '../../db/schema/index.js';
import { ConflictError, DomainError, InputError } from '../../lib/errors.js';
import { diff, writeAudit } from '../audit/queries.js';
import { type CustomerInput, postalCodeProblem } from './schemas.js';

export type Customer = typeof customers.$inferSelect;

/** Columns the audit log and the forms compare; everything a person can edit. */
export const EDITABLE_FIELDS = [
  'kindId',
  'type',
  'name',
  'firstName',
  'lastName',
  'businessId',
  'streetAddress',
  'postalCode',
  'city',
  'country',
  'phone',
  'mobile',
  'email',
  'language',
  'accountManagerId',
  'relationshipStart',
  'notes',
  'groupId',
  'companyId',
  'departmentId',
  'externalId',
] as const;

type Row = Omit<typeof customers.$inferInsert, 'id' | 'number'>;

/** The stored row for validated input: persons get name "Last First", organisations lose person-only fields. */
export function customerRow(input: CustomerInput): Partial<Row> {
  const base = {
    type: input.type,
    kindId: input.kindId ?? undefined,
    streetAddress: input.streetAddress,
    postalCode: input.postalCode,
    city: input.city,
    country: input.country,
    phone: input.phone,
    mobile: input.mobile,
    email: input.email,
    language: input.language,
    accountManagerId: input.accountManagerId,
    relationshipStart: input.relationshipStart,
    notes: input.notes,
    groupId: input.groupId,
    externalId: input.externalId,
  };
  if (input.type === 'person') {
    return {
      ...base,
      name: `${input.lastName} ${input.firstName}`,
      firstName: input.firstName,
      lastName: input.lastName,
      businessId: null,
      companyId: input.companyId,
      departmentId: input.companyId ? input.departmentId : null,
    };
  }
  return {
    ...base,
    name: input.name!,
    firstName: null,
    lastName: null,
    businessId: input.businessId,
    companyId: null,
    departmentId: null,
  };
}

/** Checks that need the database: the kind, group, manager, company and department exist and fit together. */
async function checkReferences(db: Db, row: Partial<Row>): Promise<void> {
  const fields: InputError['fields'] = {};
  const postal = postalCodeProblem({ country: row.country ?? 'FI', postalCode: row.postalCode ?? null });
  if (postal) fields.postalCode = postal;
  const [refs] = await db.execute<{
    kind: boolean;
    grp: boolean;
    manager: boolean;
    company: boolean;
    department: boolean;
  }>(sql`select
      exists(select 1 from customer_kinds where id = ${row.kindId ?? null}) as kind,
      (${row.groupId ?? null}::int is null or exists(select 1 from customer_groups where id = ${row.groupId ?? null})) as grp,
      (${row.accountManagerId ?? null}::int is null or exists(select 1 from users where id = ${row.accountManagerId ?? null})) as manager,
      (${row.companyId ?? null}::int is null or exists(select 1 from customers where id = ${row.companyId ?? null} and type = 'organisation')) as company,
      (${row.departmentId ?? null}::int is null or exists(select 1 from departments where id = ${row.departmentId ?? null} and organisation_id = ${row.companyId ?? null})) as department`);
  if (!refs?.kind) fields.kindId = 'validation.required';
  if (!refs?.grp) fields.groupId = 'validation.invalid';
  if (!refs?.manager) fields.accountManagerId = 'validation.invalid';
  if (!refs?.company) fields.companyId = 'validation.invalid';
  if (!refs?.department) fields.departmentId = 'validation.invalid';
  if (Object.keys(fields).length) throw new InputError(fields);
}

/**
 * The next free number in the kind's series. The statement locks the kind row, so
 * concurrent creations in one kind queue here and never share a number. Numbers
 * taken by hand or by import are skipped.
 */
export async function allocateNumber(tx: Db, kindId: number): Promise<number> {
  // One round trip: lock the kind, find the first free number at or after next_number
  // (next_number itself, or one past the first taken number whose successor is free),
  // and move next_number past it when it is inside the range.
  const [row] = await tx.execute<{ n: number; range_end: number }>(sql`
    with kind as (
      select id, next_number, range_end from customer_kinds where id = ${kindId} for update
    ), free as (
      select kind.id, kind.range_end, case
        when not exists (select 1 from customers where number = kind.next_number) then kind.next_number
        else (select min(c.number) + 1 from customers c
              where c.number >= kind.next_number
                and not exists (select 1 from customers d where d.number = c.number + 1))
      end as n
      from kind
    ), taken as (
      update customer_kinds k set next_number = free.n + 1
      from free where k.id = free.id and free.n <= free.range_end
    )
    select n, range_end from free`);
  if (!row) throw new InputError({ kindId: 'validation.required' });
  if (row.n > row.range_end) throw new DomainError('customers.rangeExhausted', 409);
  return row.n;
}

/** PostgreSQL regular expression splitting names and cities into search words: anything but letters and digits. */
export const SEARCH_WORD_SPLIT = '[^[:alnum:]]+';

/**
 * Inserts the words of names and cities in `source` (an SQL from-item with `name` and
 * `city`) into `search_words`, the typo-tolerant search's dictionary. Words already
 * there are skipped; new ones go in sorted, so concurrent saves adding the same new
 * words cannot deadlock.
 */
export const insertSearchWords = (source: SQL) => sql`insert into search_words (word)
  select distinct w from ${source}, regexp_split_to_table(lower(name || ' ' || coalesce(city, '')), ${SEARCH_WORD_SPLIT}) as w
  where length(w) >= 3 order by w
  on conflict do nothing`;

export async function createCustomer(
  db: Db,
  input: CustomerInput,
  actorId: number | null,
): Promise<Customer> {
  const row = customerRow(input);
  await checkReferences(db, row);
  // Taken in its own short statement, so concurrent creations in one kind wait only
  // for each other's number, not for each other's whole write. A creation that fails
  // after this leaves a gap in the series; numbers are never handed out twice.
  const number = await allocateNumber(db, row.kindId!);
  if (input.type === 'person' && row.companyId && input.departmentName) {
    return db.transaction(async (tx) => {
      row.departmentId = await resolveDepartment(tx, input, row, actorId);
      return insertWithAudit(tx, { ...(row as Row), number, createdBy: actorId, updatedBy: actorId });
    });
  }
  return insertWithAudit(db, { ...(row as Row), number, createdBy: actorId, updatedBy: actorId });
}

/** The customer and its "created" audit entry in one statement: both or neither, one round trip. */
async function insertWithAudit(db: Db, values: typeof customers.$inferInsert): Promise<Customer> {
  const created = db.$with('created').as(db.insert(customers).values(values).returning());
  const createdId = sql`(select id from created)`;
  const audited = db.$with('audited').as(
    db
      .insert(auditLog)
      .values({
        userId: values.createdBy,
        customerId: createdId,
        entity: 'customer',
        entityId: createdId,
        action: 'create',
        changes: { number: [null, values.number], ...diff(null, pick(values as Partial<Customer>)) },
      })
      .returning({ id: auditLog.id }),
  );
  const words = db
    .$with('words', { word: sql<string>`word` })
    .as(sql`${insertSearchWords(sql`created`)} returning word`);
  const [customer] = await db.with(created, audited, words).select().from(created);
  return customer!;
}

/** A typed department name wins over a department id; it is created under the company when new. */
async function resolveDepartment(tx: Db, input: CustomerInput, row: Partial<Row>, actorId: number | null) {
  if (input.type !== 'person' || !row.companyId) return null;
  if (input.departmentName) return findOrCreateDepartment(tx, row.companyId, input.departmentName, actorId);
  return row.departmentId ?? null;
}

function pick(c: Partial<Customer>) {
  const out: Record<string, unknown> = {};
  for (const k of EDITABLE_FIELDS) if (c[k] !== undefined) out[k] = c[k];
  return out;
}

/**
 * Saves an edit made on top of `version`. If anyone saved in between, nothing is
 * written and ConflictError tells the user to look again.
 */
export async function updateCustomer(
  db: Db,
  id: number,
  version: number,
  input: CustomerInput,
  actorId: number | null,
): Promise<Customer> {
  const row = customerRow(input);
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(customers).where(eq(customers.id, id)).for('update');
    if (!before) throw new DomainError('error.notFound', 404);
    if (before.version !== version) throw new ConflictError();
    if (row.kindId === undefined) row.kindId = before.kindId;
    await checkReferences(tx, row);
    row.departmentId = await resolveDepartment(tx, input, row, actorId);
    const changes = diff(pick(before), pick(row as Partial<Customer>));
    if (Object.keys(changes).length === 0) return before;
    const [updated] = await tx
      .update(customers)
      .set({ ...row, version: version + 1, updatedAt: sql`now()`, updatedBy: actorId })
      .where(eq(customers.id, id))
      .returning();
    await writeAudit(tx, {
      userId: actorId,
      customerId: id,
      entity: 'customer',
      entityId: id,
      action: 'update',
      changes,
    });
    if (changes.name || changes.city) {
      await tx.execute(
        insertSearchWords(sql`(select ${updated!.name}::text as name, ${updated!.city}::text as city) as c`),
      );
    }
    return updated!;
  });
}

export async function setArchived(
  db: Db,
  id: number,
  archived: boolean,
  actorId: number | null,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(customers)
      .set({
        archivedAt: archived ? sql`now()` : null,
        version: sql`${customers.version} + 1`,
        updatedAt: sql`now()`,
        updatedBy: actorId,
      })
      .where(
        and(eq(customers.id, id), archived ? isNull(customers.archivedAt) : isNotNull(customers.archivedAt)),
      )
      .returning({ id: customers.id });
    if (!row) return;
    await writeAudit(tx, {
      userId: actorId,
      customerId: id,
      entity: 'customer',
      entityId: id,
      action: archived ? 'archive' : 'restore',
    });
  });
}

const company = alias(customers, 'company');
const manager = alias(users, 'manager');

/** One customer with the names the card shows next to its ids. */
export async function getCustomer(db: Db, id: number) {
  const [row] = await db
    .select({
      customer: customers,
      kindCode: customerKinds.code,
      kindNameFi: customerKinds.nameFi,
      kindNameEn: customerKinds.nameEn,
      groupName: customerGroups.name,
      companyName: company.name,
      companyNumber: company.number,
      departmentName: departments.name,
      accountManagerName: manager.displayName,
    })
    .from(customers)
    .innerJoin(customerKinds, eq(customerKinds.id, customers.kindId))
    .leftJoin(customerGroups, eq(customerGroups.id, customers.groupId))
    .leftJoin(company, eq(company.id, customers.companyId))
    .leftJoin(departments, eq(departments.id, customers.departmentId))
    .leftJoin(manager, eq(manager.id, customers.accountManagerId))
    .where(eq(customers.id, id));
  return row;
}

export type CustomerDetails = NonNullable<Awaited<ReturnType<typeof getCustomer>>>;

export async function findByExternalId(db: Db, externalId: string) {
  const [row] = await db.select().from(customers).where(eq(customers.externalId, externalId));
  return row;
}

// ---------------------------------------------------------------- companies and departments

/** Organisations whose name starts with or resembles `q`, for the person form's company picker. */
export async function findOrganisations(db: Db, q: string, limit = 10) {
  const text = q.trim().toLowerCase();
  if (text.length < 2) return [];
  return db.execute<{ id: number; number: number; name: string; city: string | null }>(sql`
    select id, number, name, city from customers
    where type = 'organisation' and archived_at is null
      and (lower(name) like ${`${text.replace(/[%_\\]/g, '\\$&')}%`} or ${text} <% search_text)
    order by lower(name) like ${`${text.replace(/[%_\\]/g, '\\$&')}%`} desc, word_similarity(${text}, search_text) desc, name
    limit ${limit}`);
}

export async function listDepartments(db: Db, organisationId: number) {
  return db
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(eq(departments.organisationId, organisationId))
    .orderBy(asc(departments.name));
}

/** Finds a department by name in the organisation, creating it when missing. */
export async function findOrCreateDepartment(
  db: Db,
  organisationId: number,
  name: string,
  actorId: number | null,
): Promise<number> {
  const clean = name.trim();
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(departments)
      .values({ organisationId, name: clean })
      .onConflictDoNothing()
      .returning({ id: departments.id });
    if (created) {
      await writeAudit(tx, {
        userId: actorId,
        customerId: organisationId,
        entity: 'department',
        entityId: created.id,
        action: 'create',
        changes: { name: [null, clean] },
      });
      return created.id;
    }
    const [existing] = await tx
      .select({ id: departments.id })
      .from(departments)
      .where(
        and(
          eq(departments.organisationId, organisationId),
          sql`lower(${departments.name}) = lower(${clean})`,
        ),
      );
    return existing!.id;
  });
}

// ---------------------------------------------------------------- pick lists for forms

export async function formOptions(db: Db) {
  const [kinds, groups, staff] = await Promise.all([
    db
      .select({
        id: customerKinds.id,
        code: customerKinds.code,
        nameFi: customerKinds.nameFi,
        nameEn: customerKinds.nameEn,
      })
      .from(customerKinds)
      .orderBy(customerKinds.rangeStart),
    db.execute<{ id: number; name: string; depth: number }>(sql`
      with recursive tree as (
        select id, name, 0 as depth, array[lower(name)] as path from customer_groups where parent_id is null
        union all
        select g.id, g.name, t.depth + 1, t.path || lower(g.name) from customer_groups g join tree t on g.parent_id = t.id
      ) select id, name, depth from tree order by path`),
    db
      .select({ id: users.id, name: users.displayName })
      .from(users)
      .where(eq(users.active, true))
      .orderBy(users.displayName),
  ]);
  return { kinds, groups: [...groups], staff };
}
