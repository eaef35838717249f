import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import {
  type RecordedBy,
  recordSalesDocuments,
  type SalesDocumentInput,
} from '../../src/features/sales/ingest.js';

export { field, person, standardFields } from '../profiles/helpers.js';

/** A document with sensible defaults: an invoice of 100,00 € dated 2025-06-01. */
export function doc(customerId: number, over: Partial<SalesDocumentInput> = {}): SalesDocumentInput {
  return {
    externalId: null,
    kind: 'invoice',
    number: null,
    date: '2025-06-01',
    travelStart: null,
    travelEnd: null,
    destinationTypeId: null,
    destination: null,
    amountCents: 10_000,
    dueDate: null,
    paidDate: null,
    customerId,
    ...over,
  };
}

export const staff: RecordedBy = { userId: null, source: 'staff' };

/** Records documents in a transaction of their own. */
export function record(db: Db, docs: SalesDocumentInput[], by: RecordedBy = staff) {
  return db.transaction((tx) => recordSalesDocuments(tx, docs, by));
}

export async function destinationType(db: Db, code: string, name: string, autoValueId: number | null = null) {
  const [row] = await db.execute<{ id: number }>(sql`
    insert into destination_types (code, name, auto_value_id) values (${code}, ${name}, ${autoValueId})
    returning id`);
  return row!.id;
}

/** The customer_sales_years rows of a customer, as "year kind type: count amount". */
export async function yearRows(db: Db, customerId: number): Promise<string[]> {
  const rows = await db.execute<{ line: string }>(sql`
    select year || ' ' || kind || ' ' || destination_type_id || ': ' || count || ' ' || amount_cents as line
    from customer_sales_years where customer_id = ${customerId}
    order by year, kind, destination_type_id`);
  return rows.map((r) => r.line);
}

export async function auditCount(db: Db, entity: string, customerId: number): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from audit_log where entity = ${entity} and customer_id = ${customerId}`);
  return row!.n;
}
