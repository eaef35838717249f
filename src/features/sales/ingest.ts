import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { AuditChanges } from '../../db/schema/index.js';
import { intArray } from '../../db/sql.js';
import { DomainError } from '../../lib/errors.js';
import { readSalesSettings } from './settings.js';

/*
 * Recording sales documents (R-SALES-1) for the API, the import, the demo and staff:
 * set-based, one statement per step for the whole batch, inside the caller's transaction.
 *
 *   1. lock the documents that already exist (by externalId), in id order;
 *   2. insert the new ones (ids taken from the sequence first, so every input has its id);
 *      an externalId inserted meanwhile by another transaction conflicts, is locked and
 *      handled as an update;
 *   3. update the ones whose values differ (version + 1); equal ones are left alone;
 *   4. customer_sales_years: one delta upsert (old row's contribution out, new row's in);
 *   5. relationship start (R-REG-10) and AUTO profile values (R-SALES-3);
 *   6. audit rows for every created or changed document, in one insert.
 */

export const SALES_KINDS = ['booking', 'sales_order', 'invoice'] as const;
export type SalesKind = (typeof SALES_KINDS)[number];

export type SalesDocumentInput = {
  externalId: string | null;
  kind: SalesKind;
  number: string | null;
  /** ISO yyyy-mm-dd: booking date, order date or invoice date; its year is the purchase year. */
  date: string;
  travelStart: string | null;
  travelEnd: string | null;
  destinationTypeId: number | null;
  destination: string | null;
  amountCents: number;
  dueDate: string | null;
  paidDate: string | null;
  customerId: number;
};

export type RecordedBy = { userId: number | null; source: 'api' | 'import' | 'staff' };
export type RecordResult = { created: number; updated: number; unchanged: number };

/** The values of a document that the input sets, in the order the SQL below uses them. */
export const VALUE_FIELDS = [
  'customerId',
  'kind',
  'number',
  'date',
  'travelStart',
  'travelEnd',
  'destinationTypeId',
  'destination',
  'amountCents',
  'dueDate',
  'paidDate',
] as const;
type ValueField = (typeof VALUE_FIELDS)[number];

/** Audit keys (labels `field.<key>` in the sales texts). */
const AUDIT_KEYS: Record<ValueField, string> = {
  customerId: 'salesCustomer',
  kind: 'salesKind',
  number: 'salesNumber',
  date: 'salesDate',
  travelStart: 'salesTravelStart',
  travelEnd: 'salesTravelEnd',
  destinationTypeId: 'salesDestinationType',
  destination: 'salesDestination',
  amountCents: 'salesAmount',
  dueDate: 'salesDueDate',
  paidDate: 'salesPaidDate',
};

type StoredDocument = SalesDocumentInput & { id: number; version: number };

const json = (rows: unknown[]) => JSON.stringify(rows);

/** Input → the snake_case record the SQL reads with jsonb_to_recordset. */
function toRecord(id: number, d: SalesDocumentInput) {
  return {
    id,
    customer_id: d.customerId,
    external_id: d.externalId,
    kind: d.kind,
    number: d.number,
    date: d.date,
    travel_start: d.travelStart,
    travel_end: d.travelEnd,
    destination_type_id: d.destinationTypeId,
    destination: d.destination,
    amount_cents: d.amountCents,
    due_date: d.dueDate,
    paid_date: d.paidDate,
  };
}

const RECORD_COLUMNS = sql.raw(`(id bigint, customer_id int, external_id text, kind sales_document_kind,
  number text, date date, travel_start date, travel_end date, destination_type_id int, destination text,
  amount_cents bigint, due_date date, paid_date date)`);

const SELECT_STORED = sql.raw(`select id::float8 as id, version, external_id as "externalId",
  customer_id as "customerId", kind::text as kind, number, date::text as date,
  travel_start::text as "travelStart", travel_end::text as "travelEnd",
  destination_type_id as "destinationTypeId", destination, amount_cents::float8 as "amountCents",
  due_date::text as "dueDate", paid_date::text as "paidDate"
  from sales_documents`);

/** Locks and reads the stored documents with these external ids, in id order. */
async function lockByExternalId(tx: Db, externalIds: string[]): Promise<StoredDocument[]> {
  if (externalIds.length === 0) return [];
  return tx.execute<StoredDocument>(sql`
    ${SELECT_STORED}
    where external_id in (select jsonb_array_elements_text(${json(externalIds)}::jsonb))
    order by id
    for update`);
}

const sameValue = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);

const euros = (cents: number) => (cents / 100).toFixed(2);

/**
 * Upserts by externalId (documents without externalId are always inserted), keeps
 * customer_sales_years, relationship start (R-REG-10) and AUTO profile values (R-SALES-3)
 * right and writes audit — set-based, inside the caller's transaction `tx`. Sending the
 * same documents twice changes nothing (no audit rows, no version bump).
 *
 * The caller resolves customers and destination types first (resolveCustomers,
 * destinationTypeIdsByCode) and validates the documents (schemas.ts). An externalId twice
 * in `docs` is refused with a DomainError (`sales.error.duplicateExternalId`, param `index`).
 */
export async function recordSalesDocuments(
  tx: Db,
  docs: SalesDocumentInput[],
  by: RecordedBy,
): Promise<RecordResult> {
  if (docs.length === 0) return { created: 0, updated: 0, unchanged: 0 };
  const indexByExternalId = new Map<string, number>();
  docs.forEach((d, i) => {
    if (d.externalId === null) return;
    if (indexByExternalId.has(d.externalId)) {
      throw new DomainError('sales.error.duplicateExternalId', 400, { index: i, externalId: d.externalId });
    }
    indexByExternalId.set(d.externalId, i);
  });

  // 1. Existing documents, locked.
  const stored = new Map<number, StoredDocument>(); // input index → stored row
  for (const row of await lockByExternalId(tx, [...indexByExternalId.keys()])) {
    stored.set(indexByExternalId.get(row.externalId!)!, row);
  }

  // 2. New documents: ids from the sequence, then one insert.
  const fresh = docs.map((_, i) => i).filter((i) => !stored.has(i));
  const createdIds = new Map<number, number>(); // input index → new id
  if (fresh.length) {
    const ids = await tx.execute<{ id: number }>(sql`
      select nextval(pg_get_serial_sequence('sales_documents', 'id'))::float8 as id
      from generate_series(1, ${fresh.length}::int)`);
    const records = fresh.map((i, k) => toRecord(ids[k]!.id, docs[i]!));
    const inserted = await tx.execute<{ id: number }>(sql`
      insert into sales_documents (id, customer_id, external_id, kind, number, date, travel_start,
        travel_end, destination_type_id, destination, amount_cents, due_date, paid_date)
      select r.id, r.customer_id, r.external_id, r.kind, r.number, r.date, r.travel_start,
        r.travel_end, r.destination_type_id, r.destination, r.amount_cents, r.due_date, r.paid_date
      from jsonb_to_recordset(${json(records)}::jsonb) as r ${RECORD_COLUMNS}
      order by r.external_id
      on conflict (external_id) do nothing
      returning id::float8 as id`);
    const insertedIds = new Set(inserted.map((r) => r.id));
    const raced: string[] = [];
    fresh.forEach((i, k) => {
      if (insertedIds.has(records[k]!.id)) createdIds.set(i, records[k]!.id);
      else raced.push(docs[i]!.externalId!);
    });
    // Inserted by another transaction since step 1: now committed, so lock and update it.
    for (const row of await lockByExternalId(tx, raced)) {
      stored.set(indexByExternalId.get(row.externalId!)!, row);
    }
  }

  // 3. Changed documents.
  const changed: number[] = [];
  for (const [i, old] of stored) {
    const d = docs[i]!;
    if (VALUE_FIELDS.some((f) => !sameValue(old[f], d[f]))) changed.push(i);
  }
  if (changed.length) {
    await tx.execute(sql`
      update sales_documents d set customer_id = r.customer_id, kind = r.kind, number = r.number,
        date = r.date, travel_start = r.travel_start, travel_end = r.travel_end,
        destination_type_id = r.destination_type_id, destination = r.destination,
        amount_cents = r.amount_cents, due_date = r.due_date, paid_date = r.paid_date,
        version = d.version + 1, updated_at = now()
      from jsonb_to_recordset(${json(changed.map((i) => toRecord(stored.get(i)!.id, docs[i]!)))}::jsonb)
        as r ${RECORD_COLUMNS}
      where d.id = r.id`);
  }

  // 4. Yearly figures: the old row's contribution out, the new row's in.
  const deltas = new Map<string, { c: number; y: number; k: string; t: number; n: number; a: number }>();
  const add = (d: SalesDocumentInput, sign: 1 | -1) => {
    const y = Number(d.date.slice(0, 4));
    const t = d.destinationTypeId ?? 0;
    const key = `${d.customerId}|${y}|${d.kind}|${t}`;
    const e = deltas.get(key) ?? { c: d.customerId, y, k: d.kind, t, n: 0, a: 0 };
    e.n += sign;
    e.a += sign * d.amountCents;
    deltas.set(key, e);
  };
  for (const i of createdIds.keys()) add(docs[i]!, 1);
  for (const i of changed) {
    add(stored.get(i)!, -1);
    add(docs[i]!, 1);
  }
  await applyYearDeltas(tx, [...deltas.values()]);

  // 5. Relationship start and AUTO profiling, from what was created or changed. The customers
  // either may change are locked first, all at once in id order (row locks, not one lock-table
  // entry each), so concurrent batches and profile saves queue instead of deadlocking.
  const touched = [...createdIds.keys(), ...changed];
  const types = touched.length ? await destinationTypeMap(tx) : new Map<number, DestinationTypeRow>();
  const startKinds = touched.length ? await relationshipStartKinds(tx) : [];
  const starters = touched.map((i) => docs[i]!).filter((d) => startKinds.includes(d.kind));
  const newBookings = [
    ...[...createdIds.keys()].map((i) => docs[i]!),
    ...changed
      .filter((i) => {
        const old = stored.get(i)!;
        return old.kind !== 'booking' || old.destinationTypeId !== docs[i]!.destinationTypeId;
      })
      .map((i) => docs[i]!),
  ].filter((d) => d.kind === 'booking' && types.get(d.destinationTypeId ?? 0)?.autoValueId != null);
  await lockCustomers(
    tx,
    [...starters, ...newBookings].map((d) => d.customerId),
  );
  await setRelationshipStarts(tx, starters, startKinds, by.userId);
  await addAutoProfileValues(tx, newBookings, by.userId);

  // 6. Audit.
  if (touched.length) {
    const shown = (f: ValueField, v: unknown) => {
      if (v === null || v === undefined) return null;
      if (f === 'amountCents') return euros(v as number);
      if (f === 'destinationTypeId') return types.get(v as number)?.code ?? String(v);
      return v;
    };
    const audit = touched.map((i) => {
      const d = docs[i]!;
      const old = stored.get(i);
      const changes: AuditChanges = {};
      for (const f of VALUE_FIELDS) {
        if (old ? sameValue(old[f], d[f]) : d[f] === null) continue;
        changes[AUDIT_KEYS[f]] = [old ? shown(f, old[f]) : null, shown(f, d[f])];
      }
      if (!old && d.externalId !== null) changes.salesExternalId = [null, d.externalId];
      changes.salesSource = [null, by.source];
      return {
        customer_id: d.customerId,
        entity_id: old ? old.id : createdIds.get(i)!,
        action: old ? 'update' : 'create',
        changes,
      };
    });
    await tx.execute(sql`
      insert into audit_log (user_id, customer_id, entity, entity_id, action, changes)
      select ${by.userId}::int, r.customer_id, 'sales_document', r.entity_id, r.action, r.changes
      from jsonb_to_recordset(${json(audit)}::jsonb)
        as r(customer_id int, entity_id int, action text, changes jsonb)`);
  }

  return { created: createdIds.size, updated: changed.length, unchanged: stored.size - changed.length };
}

/** One delta upsert of customer_sales_years, in key order (concurrent writers lock rows alike). */
async function applyYearDeltas(
  tx: Db,
  deltas: { c: number; y: number; k: string; t: number; n: number; a: number }[],
) {
  const rows = deltas.filter((d) => d.n !== 0 || d.a !== 0);
  if (rows.length === 0) return;
  await tx.execute(sql`
    insert into customer_sales_years as s (customer_id, year, kind, destination_type_id, count, amount_cents)
    select r.c, r.y, r.k, r.t, r.n, r.a
    from jsonb_to_recordset(${json(rows)}::jsonb) as r(c int, y int, k sales_document_kind, t int, n int, a bigint)
    order by r.c, r.y, r.k, r.t
    on conflict (customer_id, year, kind, destination_type_id) do update
    set count = s.count + excluded.count, amount_cents = s.amount_cents + excluded.amount_cents`);
  if (rows.some((d) => d.n < 0)) {
    await tx.execute(sql`
      delete from customer_sales_years s
      using jsonb_to_recordset(${json(rows.filter((d) => d.n < 0))}::jsonb)
        as r(c int, y int, k sales_document_kind, t int)
      where s.customer_id = r.c and s.year = r.y and s.kind = r.k and s.destination_type_id = r.t
        and s.count = 0`);
  }
}

/**
 * R-REG-10: with STARTDATE_INVOICE and/or STARTDATE_SALESORDER on, an empty relationship
 * start becomes the earliest date among the customer's documents of the switched-on kinds
 * (so with both on, whichever came first). Never overwritten: only empty ones are set.
 */
/** The document kinds whose first date starts a relationship (R-REG-10 settings); none when both are off. */
async function relationshipStartKinds(tx: Db): Promise<SalesKind[]> {
  const settings = await readSalesSettings(tx);
  const kinds: SalesKind[] = [];
  if (settings.startDateInvoice) kinds.push('invoice');
  if (settings.startDateSalesOrder) kinds.push('sales_order');
  return kinds;
}

/** Row locks on these customers, taken in id order. */
async function lockCustomers(tx: Db, ids: number[]) {
  if (ids.length === 0) return;
  await tx.execute(sql`
    select id from customers where id = any(${intArray(new Set(ids))}) order by id for no key update`);
}

async function setRelationshipStarts(
  tx: Db,
  docs: SalesDocumentInput[],
  kinds: SalesKind[],
  userId: number | null,
) {
  const customerIds = new Set(docs.map((d) => d.customerId));
  if (customerIds.size === 0) return;
  await tx.execute(sql`
    with empty as (
      select id from customers
      where id = any(${intArray(customerIds)}) and relationship_start is null
    ), first as (
      select d.customer_id, min(d.date) as first
      from sales_documents d join empty e on e.id = d.customer_id
      where d.kind = any(${`{${kinds.join(',')}}`}::sales_document_kind[])
      group by d.customer_id
    ), updated as (
      update customers c
      set relationship_start = f.first, version = c.version + 1, updated_at = now(), updated_by = ${userId}::int
      from first f
      where c.id = f.customer_id and c.relationship_start is null
      returning c.id, f.first
    )
    insert into audit_log (user_id, customer_id, entity, entity_id, action, changes)
    select ${userId}::int, u.id, 'customer', u.id, 'update',
      jsonb_build_object('relationshipStart', jsonb_build_array(null, u.first::text))
    from updated u`);
}

/**
 * R-SALES-3: a new booking whose destination type maps to a profile value adds that value
 * to the customer, once: a multi field gets it when missing, a single field only when the
 * customer has no value in that field yet (never replaced). The caller holds the customers'
 * row locks, as saving a profile does; this takes the shared definitions lock.
 */
async function addAutoProfileValues(tx: Db, bookings: SalesDocumentInput[], userId: number | null) {
  if (bookings.length === 0) return;
  const input = json(
    bookings.map((b) => ({ customer_id: b.customerId, type_id: b.destinationTypeId, date: b.date })),
  );
  const candidates = sql`
    select distinct on (b.customer_id, v.field_id, case when f.type = 'single' then 0 else v.id end)
      b.customer_id, v.id as value_id, v.field_id
    from jsonb_to_recordset(${input}::jsonb) as b(customer_id int, type_id int, date date)
    join destination_types t on t.id = b.type_id
    join profile_values v on v.id = t.auto_value_id
    join profile_fields f on f.id = v.field_id and f.type in ('single', 'multi')
    where not exists (
      select 1 from customer_profile_values x
      where x.customer_id = b.customer_id and x.field_id = v.field_id
        and (f.type = 'single' or x.value_id = v.id))
    order by b.customer_id, v.field_id, case when f.type = 'single' then 0 else v.id end, b.date, v.id`;
  const wanted = await tx.execute<{ customer_id: number }>(candidates);
  if (wanted.length === 0) return;
  // The customers are locked by the caller; list value merges and deletions wait for this.
  await tx.execute(sql`select pg_advisory_xact_lock_shared(hashtext('profile_definitions'))`);
  // Again under the locks: a save in between may have added a value.
  await tx.execute(sql`
    with added as (
      insert into customer_profile_values (value_id, customer_id, field_id)
      select w.value_id, w.customer_id, w.field_id from (${candidates}) w
      on conflict do nothing
      returning value_id, customer_id, field_id
    ), grouped as (
      select customer_id, field_id, array_agg(value_id) as value_ids from added group by 1, 2
    )
    insert into audit_log (user_id, customer_id, entity, action, changes)
    select ${userId}::int, g.customer_id, 'profile', 'update',
      jsonb_build_object(f.title, jsonb_build_array(
        (select string_agg(v.label, ', ' order by v.sort, v.id)
         from customer_profile_values x join profile_values v on v.id = x.value_id
         where x.customer_id = g.customer_id and x.field_id = g.field_id),
        (select string_agg(v.label, ', ' order by v.sort, v.id)
         from profile_values v
         where v.id = any(g.value_ids) or v.id in (
           select x.value_id from customer_profile_values x
           where x.customer_id = g.customer_id and x.field_id = g.field_id))))
    from grouped g join profile_fields f on f.id = g.field_id`);
}

type DestinationTypeRow = { id: number; code: string; autoValueId: number | null };

/** Destination types by id, with their AUTO value (a short admin list). */
async function destinationTypeMap(db: Db): Promise<Map<number, DestinationTypeRow>> {
  const rows = await db.execute<DestinationTypeRow>(
    sql`select id, code, auto_value_id as "autoValueId" from destination_types`,
  );
  return new Map(rows.map((r) => [r.id, r]));
}
