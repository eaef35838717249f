import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { AuditChanges } from '../../db/schema/index.js';
import { TIME_ZONE } from '../../lib/format.js';
import type { SalesKind } from './ingest.js';

/*
 * Purchase history (R-CARD-6). The figures come from customer_sales_years only (a few
 * rows per customer); the overdue sum from the partial index sales_documents_unpaid_idx;
 * the document list pages the (customer_id, date, id) index newest first.
 */

/** Today in Europe/Helsinki as yyyy-mm-dd (the server clock decides the current year). */
export function helsinkiToday(now: Date = new Date()): string {
  // en-CA formats as yyyy-mm-dd.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export type Figure = { count: number; amountCents: number };
export type PeriodFigures = { thisYear: Figure; lastYear: Figure; earlier: Figure; total: Figure };

export type PurchaseHistory = PeriodFigures & {
  /** The current year the figures were split by. */
  year: number;
  /** Per kind, the same four periods. */
  byKind: Record<SalesKind, PeriodFigures>;
  /** Documents due before today and not paid. */
  overdueCents: number;
  /** How many such documents. */
  overdueCount: number;
};

/**
 * The kinds whose documents are the customer's purchases in the headline figures:
 * bookings (varaukset), as Winres' varaushistoria counts purchases per booking. Sales
 * orders and invoices of the same trip would count the trip again; they have their own
 * rows in `byKind` (invoices net of credit invoices).
 */
export const PURCHASE_KINDS: readonly SalesKind[] = ['booking'];

const KINDS: SalesKind[] = ['booking', 'sales_order', 'invoice'];
const zero = (): Figure => ({ count: 0, amountCents: 0 });
const periods = (): PeriodFigures => ({ thisYear: zero(), lastYear: zero(), earlier: zero(), total: zero() });

/**
 * The R-CARD-6 figures of one customer, with `today` (yyyy-mm-dd, Helsinki) deciding the
 * current year. Documents dated after the current year count in `total` only.
 */
export async function purchaseHistory(
  db: Db,
  customerId: number,
  today: string = helsinkiToday(),
): Promise<PurchaseHistory> {
  const year = Number(today.slice(0, 4));
  // One round trip: the yearly rows (a few per customer) and the overdue sum as a last row.
  const result = await db.execute<{ kind: string; period: string; count: number; amount: number }>(sql`
    select kind::text as kind,
      case when year = ${year}::int then 'thisYear'
           when year = ${year - 1}::int then 'lastYear'
           when year < ${year - 1}::int then 'earlier'
           else 'later' end as period,
      sum(count)::int as count, sum(amount_cents)::float8 as amount
    from customer_sales_years
    where customer_id = ${customerId}
    group by 1, 2
    union all
    select 'overdue', 'overdue', count(*)::int, coalesce(sum(amount_cents), 0)::float8
    from sales_documents
    where customer_id = ${customerId} and paid_date is null and due_date is not null
      and due_date < ${today}::date`);
  const overdue = result.find((r) => r.kind === 'overdue')!;
  const rows = result.filter((r) => r.kind !== 'overdue') as {
    kind: SalesKind;
    period: keyof PeriodFigures | 'later';
    count: number;
    amount: number;
  }[];
  const byKind = Object.fromEntries(KINDS.map((k) => [k, periods()])) as Record<SalesKind, PeriodFigures>;
  for (const r of rows) {
    const p = byKind[r.kind];
    if (r.period !== 'later') {
      p[r.period].count += r.count;
      p[r.period].amountCents += r.amount;
    }
    p.total.count += r.count;
    p.total.amountCents += r.amount;
  }
  const head = periods();
  for (const k of PURCHASE_KINDS) {
    for (const key of Object.keys(head) as (keyof PeriodFigures)[]) {
      head[key].count += byKind[k][key].count;
      head[key].amountCents += byKind[k][key].amountCents;
    }
  }
  return { ...head, year, byKind, overdueCents: overdue.amount, overdueCount: overdue.count };
}

export type SalesDocumentRow = {
  id: number;
  externalId: string | null;
  kind: SalesKind;
  number: string | null;
  date: string;
  travelStart: string | null;
  travelEnd: string | null;
  destinationCode: string | null;
  destinationName: string | null;
  destination: string | null;
  amountCents: number;
  dueDate: string | null;
  paidDate: string | null;
  version: number;
  overdue: boolean;
};

export type DocumentCursor = { date: string; id: number };

export function encodeCursor(c: DocumentCursor): string {
  return `${c.date}_${c.id}`;
}

export function decodeCursor(raw: unknown): DocumentCursor | null {
  if (typeof raw !== 'string') return null;
  const m = /^(\d{4}-\d{2}-\d{2})_(\d{1,15})$/.exec(raw);
  return m ? { date: m[1]!, id: Number(m[2]) } : null;
}

/**
 * One page of a customer's documents, newest first (date, then id), optionally of one
 * kind; `next` is the cursor of the following page or null.
 */
export async function listDocuments(
  db: Db,
  customerId: number,
  options: { kind?: SalesKind | null; after?: DocumentCursor | null; limit?: number; today?: string } = {},
): Promise<{ rows: SalesDocumentRow[]; next: string | null }> {
  const limit = options.limit ?? 25;
  const today = options.today ?? helsinkiToday();
  const after = options.after;
  const rows = await db.execute<SalesDocumentRow>(sql`
    select d.id::float8 as id, d.external_id as "externalId", d.kind::text as kind, d.number,
      d.date::text as date, d.travel_start::text as "travelStart", d.travel_end::text as "travelEnd",
      t.code as "destinationCode", t.name as "destinationName", d.destination,
      d.amount_cents::float8 as "amountCents", d.due_date::text as "dueDate",
      d.paid_date::text as "paidDate", d.version,
      (d.paid_date is null and d.due_date < ${today}::date) is true as overdue
    from sales_documents d
    left join destination_types t on t.id = d.destination_type_id
    where d.customer_id = ${customerId}
      ${options.kind ? sql`and d.kind = ${options.kind}::sales_document_kind` : sql``}
      ${after ? sql`and (d.date, d.id) < (${after.date}::date, ${after.id}::bigint)` : sql``}
    order by d.date desc, d.id desc
    limit ${limit + 1}`);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : [...rows];
  const last = page[page.length - 1];
  return { rows: page, next: more && last ? encodeCursor(last) : null };
}

/** One document of one customer (null when it is not theirs). */
export async function getDocument(db: Db, customerId: number, id: number) {
  const [row] = await db.execute<{ id: number; number: string | null; kind: SalesKind }>(sql`
    select id::float8 as id, number, kind::text as kind from sales_documents
    where id = ${id} and customer_id = ${customerId}`);
  return row ?? null;
}

/** The change history of one document, newest first. */
export async function documentAudit(db: Db, customerId: number, documentId: number) {
  return db.execute<{
    id: number;
    at: Date;
    action: string;
    changes: AuditChanges;
    userName: string | null;
  }>(sql`
    select a.id::float8 as id, a.at, a.action, a.changes, u.display_name as "userName"
    from audit_log a left join users u on u.id = a.user_id
    where a.customer_id = ${customerId} and a.entity = 'sales_document' and a.entity_id = ${documentId}
    order by a.id desc
    limit 200`);
}
