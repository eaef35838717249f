import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helsinkiToday } from '../../src/features/sales/queries.js';
import { type Agent, createTestApp, htmxPartial, loginAs, type TestApp } from '../helpers/app.js';
import { destinationType, doc, person, record } from './helpers.js';

let t: TestApp;
let staff: Agent;
let customer: number;
const year = Number(helsinkiToday().slice(0, 4));

beforeAll(async () => {
  t = await createTestApp();
  staff = await loginAs(t.app, 'staff');
  const db = t.app.db;
  customer = await person(db, 'Välilehti');
  const gf = await destinationType(db, 'GF', 'Golf');
  await record(db, [
    doc(customer, {
      externalId: 'T-B1',
      kind: 'booking',
      date: `${year}-01-02`,
      amountCents: 123_450,
      destinationTypeId: gf,
      destination: 'Belek',
      travelStart: `${year}-03-01`,
      travelEnd: `${year}-03-08`,
    }),
    doc(customer, { externalId: 'T-B2', kind: 'booking', date: `${year - 1}-06-01`, amountCents: 50_000 }),
    doc(customer, {
      externalId: 'T-I1',
      kind: 'invoice',
      date: `${year - 3}-02-01`,
      amountCents: 80_000,
      dueDate: `${year - 3}-02-15`,
    }),
    doc(customer, { externalId: 'T-I2', kind: 'invoice', date: `${year - 3}-03-01`, amountCents: -20_000 }),
  ]);
  // 30 more invoices so that the document list has a second page.
  await record(
    db,
    Array.from({ length: 30 }, (_, i) =>
      doc(customer, {
        externalId: `T-P${i}`,
        date: `${year - 5}-01-${String(i + 1).padStart(2, '0')}`,
        amountCents: 100,
        paidDate: `${year - 5}-02-01`,
        dueDate: `${year - 5}-02-01`,
      }),
    ),
  );
});
afterAll(() => t.close());

const tab = () => `/customers/${customer}/purchases`;

describe('the Varaushistoria tab', () => {
  it('shows the figures on a full page and as an htmx partial', async () => {
    const page = await staff.get(tab());
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html');
    expect(page.body).toContain('aria-selected="true">Varaushistoria</a>');
    expect(page.body).toContain(`Kuluva vuosi ${year}`);
    // Purchases (bookings): this year 1 234,50 €, last year 500,00 €, total 1 734,50 €.
    const row = /<tr class="purchases-total">([\s\S]*?)<\/tr>/.exec(page.body)![1]!;
    const cells = [...row.matchAll(/data-period="(\w+)"><strong>([^<]+)<\/strong>/g)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(cells).toEqual([
      ['thisYear', '1\u00a0234,50\u00a0€'],
      ['lastYear', '500,00\u00a0€'],
      ['earlier', '0,00\u00a0€'],
      ['total', '1\u00a0734,50\u00a0€'],
    ]);
    // Invoices earlier: 800,00 € − 200,00 € credit = 600,00 €; 32 invoices in all.
    const invoices = /<tr data-kind="invoice">([\s\S]*?)<\/tr>/.exec(page.body)![1]!;
    expect(invoices).toContain('data-period="earlier">630,00\u00a0€<br><small class="muted">32 kpl');
    // The unpaid invoice due long ago is overdue.
    expect(page.body).toContain('data-overdue="80000"');

    const partial = await staff.get(tab(), htmxPartial);
    expect(partial.statusCode).toBe(200);
    expect(partial.body).not.toContain('<html');
    expect(partial.body).toContain('role="tablist"');
    expect(partial.body).toContain('data-overdue="80000"');
    expect(partial.body).toContain(`hx-get="${tab()}/documents"`);
  });

  it('opens the documents newest first, pages them and filters by kind', async () => {
    const first = await staff.get(`${tab()}/documents`, htmxPartial);
    expect(first.statusCode).toBe(200);
    expect(first.body).not.toContain('<html');
    const ids = [...first.body.matchAll(/<tr data-document="(\d+)"/g)].map((m) => Number(m[1]));
    expect(ids).toHaveLength(25);
    expect(first.body).toContain('GF Golf, Belek');
    expect(first.body.indexOf(`2.1.${year}`)).toBeLessThan(first.body.indexOf(`1.6.${year - 1}`));
    const more = /hx-get="([^"]+)" hx-target="#documents-more"/
      .exec(first.body)![1]!
      .replaceAll('&amp;', '&');
    const second = await staff.get(more, htmxPartial);
    const rest = [...second.body.matchAll(/<tr data-document="(\d+)"/g)].map((m) => Number(m[1]));
    expect(rest).toHaveLength(9);
    expect(new Set([...ids, ...rest]).size).toBe(34);
    expect(second.body).not.toContain('<table');
    expect(second.body).not.toContain('documents-more');

    const bookings = await staff.get(`${tab()}/documents?kind=booking`, htmxPartial);
    expect([...bookings.body.matchAll(/<tr data-document=/g)]).toHaveLength(2);

    // Without htmx: the whole card with the list open.
    const full = await staff.get(`${tab()}/documents?kind=invoice`);
    expect(full.body).toContain('<html');
    expect(full.body).toContain('<details id="purchase-documents" open');
    expect(full.body).toContain('<option value="invoice" selected>');
  });

  it('shows one document’s change history', async () => {
    const page = await staff.get(`${tab()}/documents?kind=booking`, htmxPartial);
    const link = new RegExp(`hx-get="(${tab()}/documents/(\\d+)/history)"`).exec(page.body)!;
    const history = await staff.get(link[1]!, htmxPartial);
    expect(history.statusCode).toBe(200);
    expect(history.body).toContain(`data-history-of="${link[2]}"`);
    expect(history.body).toContain('lisätty');
    expect(history.body).toContain('Summa (€)');
    const full = await staff.get(link[1]!);
    expect(full.body).toContain('<html');
    expect(full.body).toContain(`data-history-of="${link[2]}"`);
    expect((await staff.get(`${tab()}/documents/999999/history`, htmxPartial)).statusCode).toBe(404);
    // Another customer's document is not found here either.
    const other = await person(t.app.db, 'Toinen');
    await record(t.app.db, [doc(other, { externalId: 'T-OTHER' })]);
    const [row] = await t.app.db.execute<{ id: number }>(
      sql`select id from sales_documents where external_id = 'T-OTHER'`,
    );
    expect((await staff.get(`${tab()}/documents/${row!.id}/history`, htmxPartial)).statusCode).toBe(404);
    // A document loaded without audit rows (demo data) has an empty history, not an error.
    await t.app.db.execute(
      sql`delete from audit_log where entity = 'sales_document' and entity_id = ${row!.id}`,
    );
    const empty = await staff.get(`/customers/${other}/purchases/documents/${row!.id}/history`, htmxPartial);
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('Ei muutoksia.');
  });

  it('answers 404 for an unknown customer', async () => {
    expect((await staff.get('/customers/999999/purchases')).statusCode).toBe(404);
  });
});
