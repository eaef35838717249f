import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { REBUILD_FROM, suspendIndexes, vacuumTables } from './bulk-indexes.js';
import { createHelpers } from './bulk-load.js';
import type { ClassificationRange } from './classification.js';
import { intArray, lit, textArray } from './sql-lists.js';

/*
 * Demo sales history (issue 4, item 7): bookings, invoices, credit invoices and sales
 * orders over the last 12 years (and always from 2011 on, for the "Tampere F1 2011"
 * workspace scenario), the per-customer, per-year aggregates of customer_sales_years,
 * and the AUTO profile values of the bookers. Every pick is a hash of the customer id
 * or of (customer id, booking number), so the same seed on the same register and day
 * gives the same documents; everything is a handful of set-based statements.
 */

/** The tables this fills (vacuumed after a load, indexes rebuilt for a big one). */
export const SALES_TABLES = ['sales_documents', 'customer_sales_years'];

type DestinationTypeDef = {
  code: string;
  name: string;
  /** Relative shares of persons' and organisations' bookings. */
  persons: number;
  organisations: number;
  /** Months (1–12) the trips start in, repeated for weight. */
  months: number[];
  /** Trip length in days: minimum and how many more at most. */
  days: [number, number];
  /** Booking amount in whole euros: minimum and maximum. */
  euros: [number, number];
  destinations: string[];
  /** The demo AUTO map: a booking of this type adds this Harrastukset value. */
  auto?: { field: string; value: string };
};

export const demoDestinationTypes: DestinationTypeDef[] = [
  {
    code: 'BE',
    name: 'Rantaloma',
    persons: 26,
    organisations: 3,
    months: [1, 2, 3, 4, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12],
    days: [6, 9],
    euros: [500, 4000],
    destinations: [
      'Costa del Sol',
      'Gran Canaria',
      'Teneriffa',
      'Mallorca',
      'Rodos',
      'Kreeta',
      'Antalya',
      'Kypros',
      'Algarve',
      'Phuket',
      'Madeira',
      'Sardinia',
    ],
  },
  {
    code: 'CI',
    name: 'Kaupunkiloma',
    persons: 20,
    organisations: 22,
    months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    days: [2, 4],
    euros: [300, 1800],
    destinations: [
      'Tukholma',
      'Tallinna',
      'Riika',
      'Pariisi',
      'Lontoo',
      'Rooma',
      'Berliini',
      'Barcelona',
      'Praha',
      'Wien',
      'Budapest',
      'New York',
      'Amsterdam',
      'Kööpenhamina',
    ],
  },
  {
    code: 'SK',
    name: 'Laskettelu',
    persons: 12,
    organisations: 8,
    months: [1, 2, 2, 3, 3, 4, 12],
    days: [4, 5],
    euros: [600, 3500],
    destinations: [
      'Levi',
      'Ruka',
      'Ylläs',
      'Pyhä',
      'Åre',
      'Sölden',
      'St. Anton',
      'Val Thorens',
      'Chamonix',
      'Saalbach',
    ],
    auto: { field: 'HARR', value: 'SK' },
  },
  {
    code: 'CR',
    name: 'Risteily',
    persons: 10,
    organisations: 6,
    months: [1, 2, 5, 6, 7, 8, 9, 12],
    days: [2, 12],
    euros: [800, 6000],
    destinations: [
      'Karibian risteily',
      'Välimeren risteily',
      'Norjan vuonot',
      'Itämeren risteily',
      'Kanariansaarten risteily',
      'Tukholman risteily',
    ],
  },
  {
    code: 'SP',
    name: 'Kylpylä',
    persons: 8,
    organisations: 2,
    months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    days: [2, 5],
    euros: [300, 1500],
    destinations: ['Pärnu', 'Haapsalu', 'Kuressaare', 'Naantali', 'Karlovy Vary', 'Hévíz', 'Ikaalinen'],
  },
  {
    code: 'GF',
    name: 'Golf',
    persons: 7,
    organisations: 9,
    months: [2, 3, 4, 5, 6, 8, 9, 10, 11],
    days: [4, 6],
    euros: [900, 4500],
    destinations: [
      'Costa del Sol',
      'Algarve',
      'Belek',
      'La Manga',
      'Mallorca',
      'Pärnu Bay',
      'St Andrews',
      'Tenerife',
    ],
    auto: { field: 'HARR', value: 'GO' },
  },
  {
    code: 'KU',
    name: 'Kulttuurimatka',
    persons: 6,
    organisations: 5,
    months: [3, 4, 5, 6, 7, 8, 9, 10],
    days: [3, 3],
    euros: [600, 3000],
    destinations: [
      'Salzburgin festivaalit',
      'Veronan Areena',
      'Wienin ooppera',
      'Savonlinnan oopperajuhlat',
      'Firenze',
      'Pietari',
    ],
  },
  {
    code: 'F1',
    name: 'Formula 1',
    persons: 4,
    organisations: 5,
    months: [3, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11],
    days: [2, 2],
    euros: [1200, 6000],
    destinations: [
      'Monza',
      'Monaco',
      'Silverstone',
      'Spa-Francorchamps',
      'Barcelona',
      'Budapest',
      'Hockenheim',
      'Abu Dhabi',
      'Singapore',
    ],
  },
  {
    code: 'SA',
    name: 'Safari',
    persons: 2,
    organisations: 1,
    months: [1, 2, 6, 7, 8, 9, 10],
    days: [8, 7],
    euros: [3000, 6000],
    destinations: ['Kenia', 'Tansania', 'Etelä-Afrikka', 'Botswana', 'Namibia'],
  },
  {
    code: 'KO',
    name: 'Kokousmatka',
    persons: 1,
    organisations: 39,
    months: [1, 2, 3, 4, 5, 8, 9, 10, 11],
    days: [1, 3],
    euros: [400, 6000],
    destinations: ['Tukholma', 'Tallinna', 'Berliini', 'Bryssel', 'Kööpenhamina', 'Levi', 'Tampere', 'Oulu'],
  },
];

const F1 = demoDestinationTypes.findIndex((t) => t.code === 'F1') + 1;

/**
 * Bookings per customer who buys, repeated for weight: persons and organisations.
 * About 5 documents per customer on average over all customers (15 % buy nothing).
 */
const personBookings = intArray([1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 6, 8]);
const organisationBookings = intArray([1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 6, 7, 8, 10, 12]);
const PERSON_PICKS = 25;
const ORGANISATION_PICKS = 16;

/** Per booking: invoiced, credited, with a sales order (percent); unpaid invoices per mille. */
const INVOICED = 92;
const CREDITED = 4;
const ORDERED_PERSONS = 5;
const ORDERED_ORGANISATIONS = 45;
const UNPAID_LAST_YEAR = 100;
const UNPAID_OLDER = 30;

/** Of the buying customers in Tampere (33xxx) this share at least travelled to a Formula 1 race in 2011. */
const TAMPERE_F1_2011 = 0.004;

const r = (x: string, salt: number | string, n: number | string) => `pg_temp.r(${x}, ${salt}, ${n})`;

/** Per destination type (1-based like the arrays): a flat list with offset and count. */
function flat<T>(lists: T[][]) {
  const all: T[] = [];
  const offsets: number[] = [];
  for (const xs of lists) {
    offsets.push(all.length);
    all.push(...xs);
  }
  return { all, offsets: intArray(offsets), counts: intArray(lists.map((xs) => xs.length)) };
}

const weighted = (weights: number[]) => weights.flatMap((w, i) => Array<number>(w).fill(i + 1));

/** ISO date arithmetic in UTC (no time-zone surprises). */
const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/**
 * Booking dates: the history runs from 2011 (or 12 years back, whichever is earlier)
 * to today. Bookings grow a little every year; 2020–2022 show the pandemic.
 * Returns per year its first day and number of days, and a weighted pick list of years.
 */
function bookingYears(today: string) {
  const twelveBack = new Date(`${today}T00:00:00Z`);
  twelveBack.setUTCFullYear(twelveBack.getUTCFullYear() - 12);
  const start = isoDate(twelveBack) < '2011-01-01' ? isoDate(twelveBack) : '2011-01-01';
  const first = Number(start.slice(0, 4));
  const last = Number(today.slice(0, 4));
  const starts: string[] = [];
  const lengths: number[] = [];
  const weights: number[] = [];
  const pandemic: Record<number, number> = { 2020: 0.3, 2021: 0.45, 2022: 0.85 };
  for (let y = first; y <= last; y++) {
    const from = y === first ? start : `${y}-01-01`;
    const to = y === last ? today : `${y}-12-31`;
    const length = days(from, to) + 1;
    starts.push(from);
    lengths.push(length);
    weights.push(Math.round(((70 + 3 * (y - 2011)) * (pandemic[y] ?? 1) * length) / 365));
  }
  return {
    start,
    starts: `(array[${starts.map((s) => `date ${lit(s)}`).join(',')}]::date[])`,
    lengths: intArray(lengths),
    picks: weighted(weights),
  };
}

/**
 * The demo destination types (added when their code is missing) and the AUTO map of
 * those that have none yet. Returns the ids in the order of demoDestinationTypes.
 */
async function ensureDestinationTypes(tx: Db): Promise<number[]> {
  const values = demoDestinationTypes.map((t) => `(${lit(t.code)}, ${lit(t.name)})`).join(',');
  await tx.execute(
    sql.raw(`insert into destination_types (code, name) values ${values} on conflict (code) do nothing`),
  );
  for (const t of demoDestinationTypes) {
    if (!t.auto) continue;
    await tx.execute(sql`
      update destination_types d set auto_value_id = v.id
      from profile_values v join profile_fields f on f.id = v.field_id
      where d.code = ${t.code} and d.auto_value_id is null and f.code = ${t.auto.field} and v.code = ${t.auto.value}`);
  }
  const rows = await tx.execute<{ code: string; id: number }>(sql`
    select code, id from destination_types
    where code = any(${`{${demoDestinationTypes.map((t) => t.code).join(',')}}`}::text[])`);
  const ids = new Map(rows.map((row) => [row.code, row.id]));
  return demoDestinationTypes.map((t) => ids.get(t.code)!);
}

/**
 * The customers of the range who buy, with how many bookings they made. Prospects and
 * suppliers buy nothing, and neither do a few customers; a few buying customers in
 * Tampere (postal codes 33xxx) went to a Formula 1 race in 2011 with their first booking
 * (at least one whenever the range has buying customers there).
 */
async function stageBuyers(tx: Db, range: ClassificationRange) {
  await tx.execute(
    sql.raw(`create temp table demo_sales_c on commit drop as
    select s.id, s.org, s.nb, coalesce(t.rank <= t.top, false) as f1
    from (
      select c.id, c.type = 'organisation' as org, c.postal_code like '33%' as t33,
        case when c.type = 'organisation'
          then ${organisationBookings}[1 + ${r('c.id', 701, ORGANISATION_PICKS)}]
          else ${personBookings}[1 + ${r('c.id', 701, PERSON_PICKS)}] end as nb
      from customers c join customer_kinds k on k.id = c.kind_id
      where c.id > ${range.fromId} and c.id <= ${range.toId}
        and k.code not in ('PROSPEKTI', 'TOIMITTAJA') and ${r('c.id', 700, 100)} >= 2
    ) s
    left join (
      select c.id, row_number() over (order by ${r('c.id', 702, 1_000_000_000)}, c.id) as rank,
        ceil(count(*) over () * ${TAMPERE_F1_2011}) as top
      from customers c join customer_kinds k on k.id = c.kind_id
      where c.id > ${range.fromId} and c.id <= ${range.toId} and c.postal_code like '33%'
        and k.code not in ('PROSPEKTI', 'TOIMITTAJA') and ${r('c.id', 700, 100)} >= 2
    ) t on t.id = s.id
    order by s.id`),
  );
  await tx.execute(sql`analyze demo_sales_c`);
  const [row] = await tx.execute<{ buyers: number; bookings: number; f1: number }>(sql`
    select count(*)::int as buyers, coalesce(sum(nb), 0)::int as bookings, count(*) filter (where f1)::int as f1
    from demo_sales_c`);
  return row!;
}

/**
 * The documents: per booking (customer id × 16 + its number j as the hash key) the
 * booking itself, mostly an invoice (due in 14 days, usually paid; some unpaid past
 * due, more of the last year's), now and then a credit invoice, and a sales order for
 * many of the organisations' bookings. Trips start in their type's season after the
 * booking date; documents never lie in the future (travel may).
 */
async function insertDocuments(tx: Db, typeIds: number[], today: string) {
  const years = bookingYears(today);
  const months = flat(demoDestinationTypes.map((t) => t.months));
  // Per type (× 12) and month: 1 when trips of the type start in that month.
  const inSeason = demoDestinationTypes.flatMap((t) =>
    Array.from({ length: 12 }, (_, m) => (t.months.includes(m + 1) ? 1 : 0)),
  );
  const places = flat(demoDestinationTypes.map((t) => t.destinations));
  const personTypes = weighted(demoDestinationTypes.map((t) => t.persons));
  const organisationTypes = weighted(demoDestinationTypes.map((t) => t.organisations));
  const T = {
    ids: intArray(typeIds),
    dayMin: intArray(demoDestinationTypes.map((t) => t.days[0])),
    daySpan: intArray(demoDestinationTypes.map((t) => t.days[1] + 1)),
    euroMin: intArray(demoDestinationTypes.map((t) => t.euros[0])),
    euroSpan: intArray(demoDestinationTypes.map((t) => t.euros[1] - t.euros[0] + 1)),
  };
  const now = `date ${lit(today)}`;
  // A date at an office hour in Helsinki, for created_at / updated_at.
  const stamp = (d: string, salt: number | string) =>
    `((${d} + time '08:00' + make_interval(secs => ${r('h', salt, 32400)})) at time zone 'Europe/Helsinki')`;
  const h = (salt: number | string, n: number | string) => r('h', salt, n);
  const docDate = `case k.doc when 'booking' then b.bd when 'invoice' then b.inv when 'credit' then b.cd else b.od end`;
  // Each level is computed once per booking (offset 0 keeps the planner from inlining it into the next).
  const level = (select: string, from: string) => `select b.*, ${select} from (${from} offset 0) b`;
  const bookings =
    'select c.id as cid, c.org, c.id::bigint * 16 + j as h, c.f1 and j = 1 as forced ' +
    'from demo_sales_c c cross join lateral generate_series(1, c.nb) j';
  // Type, year of booking and, for the Tampere F1 2011 travellers' first booking, the race date.
  const picked = level(
    `case when forced then ${F1}
      when org then ${intArray(organisationTypes)}[1 + ${h(716, organisationTypes.length)}]
      else ${intArray(personTypes)}[1 + ${h(716, personTypes.length)}] end as ti,
    ${intArray(years.picks)}[1 + ${h(717, years.picks.length)}] as yi,
    case when forced then make_date(2011, 5 + ${h(710, 5)}, 1 + ${h(711, 28)}) end as fs`,
    bookings,
  );
  // Booking date; the earliest start (mostly a few weeks later, now and then most of a year).
  const dated = level(
    `case when forced then fs - (20 + ${h(714, 100)})
      else ${years.starts}[yi] + ${h(715, `${years.lengths}[yi]`)} end as bd`,
    picked,
  );
  const earliest = level(`bd + 14 + ${h(712, 100)} * ${h(713, 100)} / 40 as t0`, dated);
  // The trip starts then when that is in its type's season, else on a day of a season month after it.
  const started = level(
    `case when forced then fs
      when ${intArray(inSeason)}[(ti - 1) * 12 + date_part('month', t0)::int] = 1 then t0
      else make_date(date_part('year', t0)::int
        + case when m * 100 + dd < date_part('month', t0) * 100 + date_part('day', t0) then 1 else 0 end, m, dd) end as ts`,
    `select b.*, ${intArray(months.all)}[${months.offsets}[ti] + 1 + ${h(718, `${months.counts}[ti]`)}] as m,
      1 + ${h(711, 28)} as dd
    from (${earliest}) b`,
  );
  const priced = level(
    `${textArray(places.all)}[${places.offsets}[ti] + 1 + ${h(720, `${places.counts}[ti]`)}] as place,
    ${h(722, 100)} < ${INVOICED} as invoiced,
    least(bd + ${h(723, 8)}, ${now}) as inv,
    (${T.euroMin}[ti] + ${h(724, `${T.euroSpan}[ti]`)}) * 100 + case when ${h(725, 4)} = 0 then 50 else 0 end as amount,
    ${T.dayMin}[ti] + ${h(726, `${T.daySpan}[ti]`)} as len,
    ${h(727, 100)} < case when org then ${ORDERED_ORGANISATIONS} else ${ORDERED_PERSONS} end as ordered,
    least(bd + ${h(728, 4)}, ${now}) as od`,
    started,
  );
  // Invoices are paid within 25 days unless unpaid; a payment or credit after today has not happened yet.
  const invoiced = level(
    `case when invoiced and ${h(729, 1000)}
        >= case when inv > ${now} - 365 then ${UNPAID_LAST_YEAR} else ${UNPAID_OLDER} end
      then nullif(least(inv + 1 + ${h(730, 25)}, ${now} + 1), ${now} + 1) end as paid,
    case when invoiced and ${h(731, 100)} < ${CREDITED}
      then nullif(least(inv + 3 + ${h(732, 60)}, ${now} + 1), ${now} + 1) end as cd,
    case when ${h(733, 2)} = 0 then amount else amount * (10 + ${h(734, 41)}) / 100 end as credit,
    case when org then amount * (20 + ${h(735, 81)}) / 100 else (50 + ${h(736, 751)}) * 100 end as order_amount`,
    priced,
  );
  await tx.execute(
    sql.raw(`insert into sales_documents (customer_id, kind, number, date, travel_start, travel_end,
      destination_type_id, destination, amount_cents, due_date, paid_date, created_at, updated_at)
    select cid, kind, number, date, travel_start, travel_end, type_id, place, amount, due, paid, at, at
    from (
      select b.cid, k.kind, k.prefix || (10000000 + b.h) as number, ${docDate} as date,
        case when k.doc = 'booking' then b.ts end as travel_start,
        case when k.doc = 'booking' then b.ts + b.len end as travel_end,
        ${T.ids}[b.ti] as type_id, b.place,
        case k.doc when 'booking' then b.amount when 'invoice' then b.amount when 'credit' then -b.credit
          else b.order_amount end as amount,
        case when k.doc = 'invoice' then b.inv + 14 end as due,
        case k.doc when 'invoice' then b.paid when 'credit' then b.cd end as paid,
        ${stamp(docDate, '760 + k.n')} as at
      from (${invoiced} offset 0) b
      join (values ('booking', 'booking'::sales_document_kind, 'V', 0), ('invoice', 'invoice', 'L', 1),
          ('credit', 'invoice', 'H', 2), ('order', 'sales_order', 'M', 3)) k(doc, kind, prefix, n)
        on k.doc = 'booking' or (k.doc = 'invoice' and b.invoiced) or (k.doc = 'credit' and b.cd is not null)
          or (k.doc = 'order' and b.ordered)
      offset 0
    ) d`),
  );
  return years.start;
}

/** customer_sales_years from the documents just added (ids above `after`), added to what is there. */
async function addYearFigures(tx: Db, after: number, plain: boolean) {
  await tx.execute(
    sql.raw(`insert into customer_sales_years (customer_id, year, kind, destination_type_id, count, amount_cents)
    select customer_id, date_part('year', date)::int, kind, coalesce(destination_type_id, 0), count(*)::int,
      sum(amount_cents)::bigint
    from sales_documents where id > ${after}
    group by 1, 2, 3, 4
    ${
      plain
        ? ''
        : `on conflict (customer_id, year, kind, destination_type_id) do update
      set count = customer_sales_years.count + excluded.count,
        amount_cents = customer_sales_years.amount_cents + excluded.amount_cents`
    }`),
  );
}

/**
 * AUTO (R-SALES-3): the customers of the range with a booking of a mapped destination
 * type get its profile value, once; in a single-choice field only when they have no
 * answer there yet (and then only one value).
 */
async function addAutoValues(tx: Db, range: ClassificationRange) {
  const [row] = await tx.execute<{ n: number }>(sql`
    with added as (insert into customer_profile_values (value_id, customer_id, field_id)
    select value_id, customer_id, field_id from (
      select a.*, row_number() over (partition by a.customer_id, a.field_id order by a.since, a.value_id) as n
      from (
        select y.customer_id, t.auto_value_id as value_id, v.field_id, f.type, min(y.year) as since
        from customer_sales_years y
        join destination_types t on t.id = y.destination_type_id and t.auto_value_id is not null
        join profile_values v on v.id = t.auto_value_id
        join profile_fields f on f.id = v.field_id
        where y.kind = 'booking' and y.count > 0 and y.customer_id > ${range.fromId} and y.customer_id <= ${range.toId}
        group by 1, 2, 3, 4
      ) a
    ) a
    where a.type <> 'single' or (a.n = 1 and not exists (
      select 1 from customer_profile_values x where x.customer_id = a.customer_id and x.field_id = a.field_id))
    order by 1, 2
    on conflict do nothing
    returning 1)
    select count(*)::int as n from added`);
  return row!.n;
}

/**
 * Adds the demo sales history to the customers in (fromId, toId]: the destination
 * types that are missing, then documents, yearly figures and AUTO values for these
 * customers only. Runs inside the caller's transaction.
 */
export async function addDemoSales(tx: Db, range: ClassificationRange): Promise<void> {
  const { say } = range;
  await tx.execute(sql`lock table sales_documents, customer_sales_years in exclusive mode`);
  const typeIds = await ensureDestinationTypes(tx);
  await createHelpers(tx, range.seed);
  const { buyers, bookings, f1 } = await stageBuyers(tx, range);
  if (buyers === 0) return;
  const [state] = await tx.execute<{ today: string; after: number; enough: boolean }>(sql`
    select (now() at time zone 'Europe/Helsinki')::date::text as today,
      greatest((select coalesce(max(id), 0) from sales_documents),
        (select case when is_called then last_value else 0 end from sales_documents_id_seq))::bigint::float8 as after,
      (select count(*) from (select 1 from sales_documents limit ${bookings * 4 + 1}) s) > ${bookings * 4} as enough`);
  const { today, after, enough } = state!;

  const bulk =
    range.toId - range.fromId >= REBUILD_FROM && !enough ? await suspendIndexes(tx, SALES_TABLES) : null;
  const start = await insertDocuments(tx, typeIds, today);
  const [made] = await tx.execute<{ n: number; overdue: number }>(sql`
    select count(*)::int as n,
      count(*) filter (where paid_date is null and due_date < ${today}::date)::int as overdue
    from sales_documents where id > ${after}`);
  say(
    `sales: ${made!.n} documents (${bookings} bookings, ${made!.overdue} invoices overdue) from ${start} on ` +
      `for ${buyers} customers (${f1} in Tampere sure to have a Formula 1 trip in 2011)`,
  );
  await addYearFigures(tx, after, bulk?.empty.includes('customer_sales_years') ?? false);
  say('sales: yearly figures');
  if (bulk) say(`sales: ${await bulk.restore()}`);
  const auto = await addAutoValues(tx, range);
  say(`sales: ${auto} automatic profile values`);
}

/** After the demo transaction committed: VACUUM (ANALYZE) of the tables this fills. */
export async function vacuumDemoSales(db: Db): Promise<void> {
  await vacuumTables(db, SALES_TABLES);
}
