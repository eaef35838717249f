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
import { subtreeIds } from '../settings/groups/queries.js';
import { type CustomerInput, postalCodeProblem } from './schemas.js';

export type Customer = typeof customers.$inferSelect;

/** Columns the audit log and the forms compare; everything a person can edit. */
const editable = [
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
function toRow(input: CustomerInput): Partial<Row> {
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
  const row = toRow(input);
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
  for (const k of editable) if (c[k] !== undefined) out[k] = c[k];
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
  const row = toRow(input);
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

// ---------------------------------------------------------------- searching

export type ListFilters = {
  q?: string;
  kindId?: number;
  groupId?: number;
  city?: string;
  archived?: 'active' | 'archived' | 'all';
  sort?: 'number' | 'name';
  after?: string;
  limit?: number;
};

export type ListRow = {
  id: number;
  number: number;
  type: 'person' | 'organisation';
  name: string;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  city: string | null;
  postalCode: string | null;
  businessId: string | null;
  kindCode: string;
  archived: boolean;
};

const listColumns = sql`c.id, c.number, c.type, c.name, c.email, c.phone, c.mobile, c.city, c.postal_code as "postalCode",
  c.business_id as "businessId", k.code as "kindCode", c.archived_at is not null as archived`;

/** Digits of the query when it looks like a phone number or a customer number. */
function digitsOf(q: string): string | null {
  return /^[+\d\s()-]+$/.test(q) ? q.replace(/\D/g, '') : null;
}

/**
 * The match condition of the quick search: number, phone digits, business id,
 * or the name/e-mail/city text, typo-tolerant through trigram word similarity.
 */
function matchCondition(q: string): SQL {
  const text = q.toLowerCase();
  const digits = digitsOf(q);
  const parts: SQL[] = [];
  if (digits) {
    if (digits.length <= 9) parts.push(sql`c.number = ${Number(digits)}`);
    if (digits.length >= 4) {
      // Finnish numbers are stored as +358 …; "040 123" is typed without the country code.
      const local = digits.startsWith('0') ? digits.slice(1) : digits;
      parts.push(sql`replace(c.phone_digits, ' ', '') like ${`%${local}%`}`);
    }
    if (/^\d{7}-?\d$/.test(q))
      parts.push(sql`c.business_id = ${q.includes('-') ? q : `${q.slice(0, 7)}-${q.slice(7)}`}`);
  }
  if (!digits || /[a-zäöå@.]/i.test(q)) {
    parts.push(sql`c.search_text like ${`%${text.replace(/[%_\\]/g, '\\$&')}%`}`);
    if (text.length >= 3) parts.push(sql`${text} <% c.search_text`);
  }
  return sql`(${sql.join(parts, sql` or `)})`;
}

type Cursor = { n?: number; name?: string; id?: number };

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}
function decodeCursor(s: string | undefined): Cursor | null {
  if (!s) return null;
  try {
    return JSON.parse(Buffer.from(s, 'base64url').toString()) as Cursor;
  } catch {
    return null;
  }
}

/** The customer list: filters, a sort, and keyset pages (`after` is the previous page's `next`). */
export async function listCustomers(
  db: Db,
  f: ListFilters,
): Promise<{ rows: ListRow[]; next: string | null }> {
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 200);
  const where: SQL[] = [];
  if (f.q?.trim()) where.push(matchCondition(f.q.trim()));
  if (f.kindId) where.push(sql`c.kind_id = ${f.kindId}`);
  if (f.groupId) {
    const ids = await subtreeIds(db, f.groupId);
    where.push(
      sql`c.group_id in ${
        ids.length
          ? sql`(${sql.join(
              ids.map((id) => sql`${id}`),
              sql`, `,
            )})`
          : sql`(null)`
      }`,
    );
  }
  if (f.city?.trim()) where.push(sql`lower(c.city) = ${f.city.trim().toLowerCase()}`);
  const archived = f.archived ?? 'active';
  if (archived === 'active') where.push(sql`c.archived_at is null`);
  if (archived === 'archived') where.push(sql`c.archived_at is not null`);
  const cursor = decodeCursor(f.after);
  const byName = f.sort === 'name';
  if (cursor) {
    where.push(
      byName
        ? sql`(lower(c.name) collate "C", c.id) > (${cursor.name ?? ''} collate "C", ${cursor.id ?? 0})`
        : sql`c.number > ${cursor.n ?? 0}`,
    );
  }
  const order = byName ? sql`lower(c.name) collate "C", c.id` : sql`c.number`;
  const rows = await db.execute<ListRow>(sql`
    select ${listColumns}
    from customers c join customer_kinds k on k.id = c.kind_id
    ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}
    order by ${order}
    limit ${limit + 1}`);
  const page = [...rows].slice(0, limit);
  const last = page[page.length - 1];
  const next =
    rows.length > limit && last
      ? encodeCursor(byName ? { name: last.name.toLowerCase(), id: last.id } : { n: last.number })
      : null;
  return { rows: page, next };
}

/** Candidates taken from each search tier: enough to rank the best rows among, few enough to stay fast. */
const QUICK_TIER = 50;

const likeEscape = (s: string) => s.replace(/[%_\\]/g, '\\$&');

/** Splits text into search words the way PostgreSQL does (`SEARCH_WORD_SPLIT`): at anything but letters and digits. */
const typedWords = (text: string) => [...new Set(text.split(/[^\p{L}\p{N}]+/u).filter(Boolean))];

/**
 * A typed word shorter than this is kept as typed (a word being typed, "Oy"), not
 * corrected: too short for trigram similarity to say anything.
 */
const MIN_CORRECTED = 3;
/** Least trigram similarity for a register word to count as a correction of a typed word. */
const MIN_SIMILARITY = 0.25;
/** Corrections this close to the best one (as a share of its similarity) are tried too. */
const NEAR_BEST = 0.8;
/** Corrected spellings of a whole query tried at most. */
const MAX_SPELLINGS = 3;

/**
 * The typo-tolerant tier's guesses of what was meant: each typed word replaced by the
 * most similar words of customer names and cities (`search_words`, a few thousand
 * rows, nearest first through its trigram index), best whole spellings first. A word
 * found as such stays; a word with nothing similar enough is left out; nothing at all
 * when no word is left.
 */
async function correctedSpellings(db: Db, text: string): Promise<string[][]> {
  const typed = typedWords(text).slice(0, 6);
  const looked = typed.filter((w) => w.length >= MIN_CORRECTED);
  const similar = looked.length
    ? await db.execute<{ typed: string; word: string; sim: number }>(sql`
        select q.typed, w.word, w.sim
        from unnest(array[${sql.join(
          looked.map((w) => sql`${w}`),
          sql`, `,
        )}]::text[]) as q(typed)
        cross join lateral (
          select word, similarity(word, q.typed) as sim from search_words
          order by word <-> q.typed limit ${MAX_SPELLINGS}) w`)
    : [];
  let spellings: { words: string[]; score: number }[] = [{ words: [], score: 0 }];
  for (const word of typed) {
    let options: { word: string; sim: number }[] = [{ word, sim: 1 }];
    if (word.length >= MIN_CORRECTED) {
      const found = similar.filter((s) => s.typed === word);
      const best = found[0]?.sim ?? 0;
      options = found.some((s) => s.word === word)
        ? [{ word, sim: 1 }]
        : found.filter((s) => s.sim >= MIN_SIMILARITY && s.sim >= best * NEAR_BEST);
    }
    if (!options.length) continue;
    spellings = spellings
      .flatMap((s) => options.map((o) => ({ words: [...s.words, o.word], score: s.score + o.sim })))
      .sort((a, b) => b.score - a.score)
      .slice(0, MAX_SPELLINGS);
  }
  return spellings.map((s) => s.words).filter((words) => words.length > 0);
}

/** Tier 1 for text: name prefix, e-mail prefix, the whole city. */
function textualTier(text: string, live: SQL): SQL[] {
  const prefix = `${likeEscape(text)}%`;
  return [
    sql`(select id from customers where lower(name) like ${prefix} and ${live}
      order by lower(name) collate "C", id limit ${QUICK_TIER})`,
    sql`(select id from customers where lower(email) like ${prefix} and ${live}
      order by lower(email) using ~<~ limit ${QUICK_TIER})`,
    sql`(select id from customers where lower(city) = ${text} and ${live} limit ${QUICK_TIER})`,
  ];
}

/**
 * As-you-type search over number, name, e-mail, phone, business id and city, best
 * matches first. Exact numbers and prefixes rank above typo-tolerant matches.
 *
 * Built for a million customers: candidates come in tiers, each a bounded index scan,
 * and the costlier tiers run only when the cheaper ones found too little:
 *   1. exact: number, business id, phone digits, name prefix, e-mail prefix, city;
 *   2. substring anywhere in name/e-mail/city/business id (trigram index), when tier 1
 *      found fewer than `limit` rows;
 *   3. typo-tolerant, only when tiers 1 and 2 found nothing: the typed words are
 *      corrected against the words of names and cities (`search_words`), and tiers 1
 *      and 2 run again for the corrected spellings, their words found in any order.
 * The candidates are then ranked: exact number, name prefix, word similarity to what was typed.
 */
export async function quickSearch(db: Db, q: string, limit = 10, after?: number): Promise<ListRow[]> {
  const text = q.trim().toLowerCase();
  if (!text) return [];
  const rows = await searchTiers(db, text, null, limit, after);
  const textual = !digitsOf(text) || /[a-zäöå@.]/i.test(text);
  if (rows.length || !textual || text.length < MIN_CORRECTED) return rows;
  const spellings = await correctedSpellings(db, text);
  // Nothing corrected in a single word: asking again would find nothing again.
  const [only, ...others] = spellings;
  if (!only || (!others.length && only.length === 1 && only[0] === text)) return [];
  return searchTiers(db, text, spellings, limit, after);
}

/**
 * Tiers 1 and 2 of the quick search for what was typed (`spellings` null), or for
 * corrected spellings of it, ranked against what was typed.
 */
async function searchTiers(
  db: Db,
  text: string,
  spellings: string[][] | null,
  limit: number,
  after?: number,
): Promise<ListRow[]> {
  const live = after ? sql`archived_at is null and id <> ${after}` : sql`archived_at is null`;
  const digits = spellings ? null : digitsOf(text);
  const exact: SQL[] = [];
  if (digits) {
    if (digits.length > 0 && digits.length <= 9) {
      exact.push(sql`(select id from customers where number = ${Number(digits)} and ${live})`);
    }
    if (digits.length >= 4) {
      // Finnish numbers are stored as +358 …; "040 123" is typed without the country code.
      const local = digits.startsWith('0') ? digits.slice(1) : digits;
      exact.push(sql`(select id from customers where replace(phone_digits, ' ', '') like ${`%${local}%`}
        and ${live} limit ${QUICK_TIER})`);
    }
    if (/^\d{7}-?\d$/.test(text)) {
      const businessId = text.includes('-') ? text : `${text.slice(0, 7)}-${text.slice(7)}`;
      exact.push(sql`(select id from customers where business_id = ${businessId} and ${live})`);
    }
  }
  const textual = !digits || /[a-zäöå@.]/i.test(text);
  const spelt = spellings?.map((words) => words.join(' ')) ?? (textual ? [text] : []);
  for (const s of spelt) exact.push(...textualTier(s, live));
  if (!exact.length) return [];
  // A name starting with the likelier spelling goes a hair before one starting with the next.
  const prefixes = spelt.map(
    (s, i) => sql`when lower(c.name) like ${`${likeEscape(s)}%`} then ${sql.raw(String(2 - i / 100))}`,
  );
  const rank = sql`(case when c.number::text = ${text} then 3 ${sql.join(prefixes, sql` `)}
      else 0 end) + word_similarity(${text}, c.search_text)`;
  // Typed text is found as one substring; a corrected spelling by its words in any order.
  const inside = spellings
    ? sql.join(
        spellings.map(
          (words) =>
            sql`(${sql.join(
              words.map((w) => sql`search_text like ${`%${likeEscape(w)}%`}`),
              sql` and `,
            )})`,
        ),
        sql` or `,
      )
    : sql`search_text like ${`%${likeEscape(text)}%`}`;
  // Materialized CTEs are planned for all their rows, so PostgreSQL uses the trigram
  // index (a LIMIT inside would tempt it into a sequential scan), and are read lazily,
  // so only the rows taken are fetched. A full e-mail address that matched exactly
  // needs no substring search.
  const insideWhenFewer = text.includes('@') ? 1 : limit;
  const wider = textual
    ? sql`, inside as materialized (
        select id from customers
        where (select count(distinct id) from exact) < ${sql.raw(String(insideWhenFewer))}
          and (${inside}) and ${live})`
    : sql``;
  const found = textual
    ? sql`select id from exact union (select id from inside limit ${QUICK_TIER})`
    : sql`select id from exact`;
  return db.execute<ListRow>(sql`
    with exact as materialized (${sql.join(exact, sql` union all `)})${wider}
    select ${listColumns}
    from customers c join customer_kinds k on k.id = c.kind_id
    where c.id in (${found})
    order by ${rank} desc, c.number
    limit ${limit}`) as unknown as Promise<ListRow[]>;
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
