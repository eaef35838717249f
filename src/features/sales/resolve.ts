import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { SalesDocumentInput } from './ingest.js';
import type { CustomerRef, FieldProblems, ParsedSalesDocument } from './schemas.js';

/**
 * Customer ids for references by customerId, customerNumber or customerExternalId, in
 * the order given (one query for the whole list). A reference that names no customer,
 * or whose given parts name different customers, resolves to null. Archived customers
 * resolve too (their history still comes in).
 */
export async function resolveCustomers(db: Db, refs: CustomerRef[]): Promise<(number | null)[]> {
  if (refs.length === 0) return [];
  const input = JSON.stringify(
    refs.map((r) => ({ i: r.customerId, n: r.customerNumber, e: r.customerExternalId })),
  );
  const rows = await db.execute<{ ord: number; id: number | null }>(sql`
    select r.ord::int as ord,
      case
        when (r.i is not null and ci.id is null) or (r.n is not null and cn.id is null)
          or (r.e is not null and ce.id is null) then null
        when ci.id <> cn.id or ci.id <> ce.id or cn.id <> ce.id then null
        else coalesce(ci.id, cn.id, ce.id)
      end as id
    from rows from (jsonb_to_recordset(${input}::jsonb) as (i int, n int, e text)) with ordinality as r(i, n, e, ord)
    left join customers ci on ci.id = r.i
    left join customers cn on cn.number = r.n
    left join customers ce on ce.external_id = r.e`);
  const out: (number | null)[] = refs.map(() => null);
  for (const r of rows) out[r.ord - 1] = r.id;
  return out;
}

/** Destination type ids by code (upper-case). */
export async function destinationTypeIdsByCode(db: Db): Promise<Map<string, number>> {
  const rows = await db.execute<{ id: number; code: string }>(sql`select id, code from destination_types`);
  return new Map(rows.map((r) => [r.code.toUpperCase(), r.id]));
}

/**
 * Valid documents → recordSalesDocuments input: looks up the customers and destination
 * types (two queries for the whole list). Problems per list index: `customer`
 * (sales.error.unknownCustomer) and `destinationType` (sales.error.unknownDestinationType).
 */
export async function resolveSalesDocuments(
  db: Db,
  parsed: ParsedSalesDocument[],
): Promise<{ docs: SalesDocumentInput[]; problems: Map<number, FieldProblems> }> {
  const [customerIds, typeIds] = await Promise.all([
    resolveCustomers(db, parsed),
    destinationTypeIdsByCode(db),
  ]);
  const problems = new Map<number, FieldProblems>();
  const docs: SalesDocumentInput[] = [];
  parsed.forEach((p, i) => {
    const customerId = customerIds[i] ?? null;
    const destinationTypeId = p.destinationType === null ? null : (typeIds.get(p.destinationType) ?? null);
    const errors: FieldProblems = {};
    if (customerId === null) errors.customer = 'sales.error.unknownCustomer';
    if (p.destinationType !== null && destinationTypeId === null) {
      errors.destinationType = 'sales.error.unknownDestinationType';
    }
    if (Object.keys(errors).length) {
      problems.set(i, errors);
      return;
    }
    docs.push({
      externalId: p.externalId,
      kind: p.kind,
      number: p.number,
      date: p.date,
      travelStart: p.travelStart,
      travelEnd: p.travelEnd,
      destinationTypeId,
      destination: p.destination,
      amountCents: p.amountCents,
      dueDate: p.dueDate,
      paidDate: p.paidDate,
      customerId: customerId!,
    });
  });
  return { docs, problems };
}

/** Indexes of documents whose externalId an earlier document of the list already has. */
export function duplicateExternalIds(docs: { externalId: string | null }[]): Map<number, number> {
  const first = new Map<string, number>();
  const dup = new Map<number, number>(); // index → index of the first one
  docs.forEach((d, i) => {
    if (d.externalId === null) return;
    const seen = first.get(d.externalId);
    if (seen === undefined) first.set(d.externalId, i);
    else dup.set(i, seen);
  });
  return dup;
}
