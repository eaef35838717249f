import { users } from '../../src/db/schema/index.js';
import { createApiToken } from '../../src/features/auth/queries.js';
import { startServerProcess } from './app-client.js';
import { benchCardTab } from './card-tab.js';
import { prng, sampleCustomers } from './search-queries.js';
import { type BenchContext, ms, percentile, type Row, timed } from './stats.js';

const BATCH = 1000;
const KINDS = ['booking', 'booking', 'salesOrder', 'invoice', 'invoice'] as const;

type ApiDocument = Record<string, string | number | null>;

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** `batches` batches of new documents for random customers of `customerIds`. */
function makeBatches(
  customerIds: number[],
  typeCodes: string[],
  batches: number,
  run: string,
): ApiDocument[][] {
  const rnd = prng(4242);
  const now = Date.now();
  const out: ApiDocument[][] = [];
  for (let b = 0; b < batches; b++) {
    const batch: ApiDocument[] = [];
    for (let i = 0; i < BATCH; i++) {
      const kind = KINDS[Math.floor(rnd() * KINDS.length)]!;
      const date = new Date(now - Math.floor(rnd() * 12 * 365) * 86_400_000);
      const euros = 200 + Math.floor(rnd() * 4000);
      const doc: ApiDocument = {
        externalId: `bench-${run}-${b}-${i}`,
        kind,
        number: String(100_000 + b * BATCH + i),
        date: iso(date),
        amountCents: euros * 100 + Math.floor(rnd() * 100),
        customerId: customerIds[Math.floor(rnd() * customerIds.length)]!,
      };
      if (kind === 'booking') {
        const start = new Date(date.getTime() + (20 + Math.floor(rnd() * 120)) * 86_400_000);
        doc.travelStart = iso(start);
        doc.travelEnd = iso(new Date(start.getTime() + 7 * 86_400_000));
        doc.destinationType = typeCodes.length ? typeCodes[Math.floor(rnd() * typeCodes.length)]! : null;
        doc.destination = 'Costa del Sol';
      } else if (kind === 'invoice') {
        if (rnd() < 0.05) doc.amountCents = -Number(doc.amountCents);
        const due = new Date(date.getTime() + 14 * 86_400_000);
        doc.dueDate = iso(due);
        doc.paidDate = rnd() < 0.9 ? iso(new Date(due.getTime() - 2 * 86_400_000)) : null;
      }
      batch.push(doc);
    }
    out.push(batch);
  }
  return out;
}

async function post(base: string, token: string, body: string) {
  const res = await fetch(`${base}/api/v1/sales-documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });
  const text = await res.text();
  if (res.status !== 200)
    throw new Error(`POST /api/v1/sales-documents answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as { created: number; updated: number; unchanged: number };
}

export async function benchSales({ db, sql, app, cookies, log, url }: BenchContext) {
  const rows: Row[] = [];
  const notes: string[] = [];

  const [volume] = await sql<{ docs: number; years: number; buyers: number }[]>`
    select (select count(*) from sales_documents)::int as docs,
      (select count(*) from customer_sales_years)::int as years,
      (select count(distinct customer_id) from customer_sales_years)::int as buyers`;
  notes.push(
    `sales data before the run: ${volume!.docs} documents, ${volume!.years} yearly rows, ${volume!.buyers} customers with purchases`,
  );

  // ------------------------------------------------------------------ API ingest over HTTP
  const batches = Number(process.env.BENCH_SALES_BATCHES ?? 20);
  const customers = (await sampleCustomers(sql, 20_000, 44)).map((c) => c.id);
  const typeCodes = (await sql<{ code: string }[]>`select code from destination_types order by code`).map(
    (r) => r.code,
  );
  const run = Date.now().toString(36);
  const bodies = makeBatches(customers, typeCodes, batches, run).map((b) => JSON.stringify(b));
  const [user] = await db.select({ id: users.id }).from(users).limit(1);
  if (!user) throw new Error('bench: no user for the API token');
  const token = await createApiToken(db, user.id, 'bench sales');

  let base: string;
  let stop: () => Promise<void>;
  if (url) {
    const server = await startServerProcess(url);
    base = server.base;
    stop = server.stop;
  } else {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    base = address;
    stop = async () => {};
    notes.push('sales API measured against the in-process app (client in the same process)');
  }
  try {
    log(
      `bench: POST /api/v1/sales-documents, ${batches} batches of ${BATCH} (${customers.length} customers)`,
    );
    // Warm-up: one small batch of its own.
    await post(
      base,
      token,
      JSON.stringify(
        JSON.parse(bodies[0]!)
          .slice(0, 10)
          .map((d: ApiDocument) => ({ ...d, externalId: `${d.externalId}-w` })),
      ),
    );
    const batchTimes: number[] = [];
    let created = 0;
    const all = await timed(async () => {
      for (const body of bodies) {
        const r = await timed(() => post(base, token, body));
        batchTimes.push(r.ms);
        created += r.value.created;
      }
    });
    const perSecond = (batches * BATCH) / (all.ms / 1000);
    rows.push({
      figure: `POST /api/v1/sales-documents, new documents over HTTP, one client, batches of ${BATCH} (${batches * BATCH})`,
      target: '≥ 5 000 /s',
      result: `${perSecond.toFixed(0)} /s (batch p50 ${ms(percentile(batchTimes, 50))}, p95 ${ms(percentile(batchTimes, 95))})`,
      pass: perSecond >= 5000 && created === batches * BATCH,
    });

    // An integration may push from more than one connection: two clients at once, new documents again.
    const twoClients = makeBatches(customers, typeCodes, batches, `${run}-2`).map((b) => JSON.stringify(b));
    let createdByTwo = 0;
    const both = await timed(() =>
      Promise.all(
        [0, 1].map(async (client) => {
          for (const body of twoClients.filter((_, i) => i % 2 === client)) {
            // Not `x += await …`: that reads x before the await and loses the other client's count.
            const answer = await post(base, token, body);
            createdByTwo += answer.created;
          }
        }),
      ),
    );
    const twoPerSecond = (batches * BATCH) / (both.ms / 1000);
    rows.push({
      figure: `POST /api/v1/sales-documents, new documents, 2 clients at once, batches of ${BATCH} (${batches * BATCH})`,
      target: '≥ 5 000 /s',
      result: `${twoPerSecond.toFixed(0)} /s`,
      pass: twoPerSecond >= 5000 && createdByTwo === batches * BATCH,
    });

    const againTimes: number[] = [];
    let unchanged = 0;
    const again = await timed(async () => {
      for (const body of bodies) {
        const r = await timed(() => post(base, token, body));
        againTimes.push(r.ms);
        unchanged += r.value.unchanged;
      }
    });
    const againPerSecond = (batches * BATCH) / (again.ms / 1000);
    rows.push({
      figure: `POST /api/v1/sales-documents, the same batches again (idempotent, ${batches * BATCH})`,
      target: '≥ 5 000 /s',
      result: `${againPerSecond.toFixed(0)} /s (batch p95 ${ms(percentile(againTimes, 95))}); unchanged ${unchanged}`,
      pass: againPerSecond >= 5000 && unchanged === batches * BATCH,
    });
  } finally {
    await stop();
  }

  // ------------------------------------------------------------------ the card's Varaushistoria tab
  const partial = { 'hx-request': 'true', 'hx-request-type': 'partial' };
  const purchases = await benchCardTab(
    { sql, app, cookies, log },
    {
      name: 'Varaushistoria',
      path: '/purchases',
      seed: 17,
      also: (id) =>
        app.inject({ method: 'GET', url: `/customers/${id}/purchases/documents`, cookies, headers: partial }),
    },
  );
  const [withPurchases] = await sql<{ n: number }[]>`
    select count(distinct customer_id)::int as n from customer_sales_years where customer_id = any(${purchases.ids}::int[])`;
  rows.push(purchases.row);
  notes.push(
    `${purchases.note}; ${withPurchases!.n} of the ${purchases.ids.length} customers have purchases; ` +
      `the document drop-down (first 25): p95 ${ms(percentile(purchases.also, 95))} (p50 ${ms(percentile(purchases.also, 50))})`,
  );
  return { rows, notes };
}
