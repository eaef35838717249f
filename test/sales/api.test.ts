import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, createTestApp, type TestApp } from '../helpers/app.js';
import { destinationType, person } from './helpers.js';

let t: TestApp;
let token: string;
let readonlyToken: string;

beforeAll(async () => {
  t = await createTestApp();
  token = await apiToken(t.app, 'staff');
  readonlyToken = await apiToken(t.app, 'readonly');
  await destinationType(t.app.db, 'GF', 'Golf');
});
afterAll(() => t.close());

function call(method: 'GET' | 'POST', url: string, payload?: unknown, bearer = token) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
  });
}

async function documentCount(): Promise<number> {
  const [row] = await t.app.db.execute<{ n: number }>(sql`select count(*)::int as n from sales_documents`);
  return row!.n;
}

async function auditRows(): Promise<number> {
  const [row] = await t.app.db.execute<{ n: number }>(
    sql`select count(*)::int as n from audit_log where entity = 'sales_document'`,
  );
  return row!.n;
}

const today = new Date().getFullYear();

describe('POST /api/v1/sales-documents', () => {
  it('upserts by externalId: the same batch twice changes nothing', async () => {
    const c = await person(t.app.db, 'Api', 'Ostaja');
    const batch = [
      {
        externalId: 'B-1',
        kind: 'booking',
        number: 'V1001',
        date: `${today}-01-02`,
        travelStart: `${today}-03-01`,
        travelEnd: `${today}-03-08`,
        destinationType: 'gf',
        destination: 'Belek',
        amountCents: 189_000,
        customerId: c,
      },
      {
        externalId: 'I-1',
        kind: 'invoice',
        number: 'L2001',
        date: `${today}-01-03`,
        amountCents: 189_000,
        dueDate: `${today}-01-17`,
        paidDate: null,
        customerId: c,
      },
    ];
    const first = await call('POST', '/sales-documents', batch);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const audits = await auditRows();

    const again = await call('POST', '/sales-documents', batch);
    expect(again.json()).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(await auditRows()).toBe(audits);
    const versions = await t.app.db.execute<{ v: number }>(
      sql`select version as v from sales_documents where customer_id = ${c} order by id`,
    );
    expect(versions.map((r) => r.v)).toEqual([1, 1]);

    // Paying the invoice is one update.
    const paid = await call('POST', '/sales-documents', [
      batch[0],
      { ...batch[1], paidDate: `${today}-01-15` },
    ]);
    expect(paid.json()).toEqual({ created: 0, updated: 1, unchanged: 1 });
    const [audit] = await t.app.db.execute<{ changes: unknown; action: string }>(sql`
      select changes, action from audit_log where entity = 'sales_document' order by id desc limit 1`);
    expect(audit).toEqual({
      action: 'update',
      changes: { salesPaidDate: [null, `${today}-01-15`], salesSource: [null, 'api'] },
    });

    const history = await call('GET', `/customers/${c}/history`);
    expect(history.statusCode).toBe(200);
    const h = history.json();
    expect(h.thisYear).toEqual({ count: 1, amountCents: 189_000 });
    expect(h.total).toEqual({ count: 1, amountCents: 189_000 });
    expect(h.byKind.invoice.thisYear).toEqual({ count: 1, amountCents: 189_000 });
    expect(h.byKind.salesOrder.total).toEqual({ count: 0, amountCents: 0 });
    expect(h.overdueCents).toBe(0);
  });

  it('takes one object and finds the customer by number or external id', async () => {
    const c = await person(t.app.db, 'Numero');
    await t.app.db.execute(sql`update customers set external_id = 'ERP-77' where id = ${c}`);
    const [row] = await t.app.db.execute<{ number: number }>(
      sql`select number from customers where id = ${c}`,
    );
    const number = row!.number;
    const one = { externalId: 'N-1', kind: 'salesOrder', date: '2024-05-05', amountCents: 5000 };
    const byNumber = await call('POST', '/sales-documents', { ...one, customerNumber: number });
    expect(byNumber.json()).toEqual({ created: 1, updated: 0, unchanged: 0 });
    const byExternal = await call('POST', '/sales-documents', {
      ...one,
      externalId: 'N-2',
      customerExternalId: 'ERP-77',
    });
    expect(byExternal.json()).toEqual({ created: 1, updated: 0, unchanged: 0 });
    const h = (await call('GET', `/customers/${c}/history`)).json();
    expect(h.byKind.salesOrder.total).toEqual({ count: 2, amountCents: 10_000 });
  });

  it('takes a batch of 1 000 documents', async () => {
    const c = await person(t.app.db, 'Tuhat');
    const batch = Array.from({ length: 1000 }, (_, i) => ({
      externalId: `K-${i}`,
      kind: 'booking',
      number: `V${100_000 + i}`,
      date: '2023-04-04',
      travelStart: '2023-05-01',
      travelEnd: '2023-05-08',
      destinationType: 'GF',
      destination: 'Costa del Sol, Espanja — Hotel Ejemplo Resort & Spa',
      amountCents: 100_000 + i,
      dueDate: '2023-04-20',
      paidDate: '2023-04-18',
      customerId: c,
    }));
    const res = await call('POST', '/sales-documents', batch);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ created: 1000, updated: 0, unchanged: 0 });
  });
});

describe('bad input writes nothing', () => {
  it('names the index of an unknown customer (422)', async () => {
    const c = await person(t.app.db, 'Tunnettu');
    const before = await documentCount();
    const res = await call('POST', '/sales-documents', [
      { externalId: 'U-1', kind: 'invoice', date: '2025-01-01', amountCents: 100, customerId: c },
      { externalId: 'U-2', kind: 'invoice', date: '2025-01-01', amountCents: 100, customerId: 999_999 },
      {
        externalId: 'U-3',
        kind: 'invoice',
        date: '2025-01-01',
        amountCents: 100,
        customerExternalId: 'nope',
      },
      {
        externalId: 'U-4',
        kind: 'booking',
        date: '2025-01-01',
        amountCents: 100,
        customerId: c,
        destinationType: 'XX',
      },
    ]);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual({
      error: 'Nothing was saved: documents naming a customer or destination type that does not exist: 3.',
      details: {
        '1.customer': 'No such customer.',
        '2.customer': 'No such customer.',
        '3.destinationType': 'Unknown destination type. Destination types are kept in the settings.',
      },
    });
    expect(await documentCount()).toBe(before);
  });

  it('names a duplicate externalId within the batch (400)', async () => {
    const c = await person(t.app.db, 'Tupla');
    const before = await documentCount();
    const item = { externalId: 'D-1', kind: 'invoice', date: '2025-01-01', amountCents: 100, customerId: c };
    const res = await call('POST', '/sales-documents', [item, { ...item, externalId: 'D-2' }, item]);
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toEqual({
      '2.externalId': 'The same externalId is already at index 0 of the batch.',
    });
    // Reported together with the other problems of the batch.
    const both = await call('POST', '/sales-documents', [item, { ...item, amountCents: 'x' }, item]);
    expect(both.json().details).toEqual({
      '1.amountCents':
        'The amount must be a whole number of cents (e.g. 123450 = €1,234.50), at most ±€10,000,000,000.',
      '2.externalId': 'The same externalId is already at index 0 of the batch.',
    });
    expect(await documentCount()).toBe(before);
  });

  it('gives field errors for malformed amounts and dates (400)', async () => {
    const c = await person(t.app.db, 'Virhe');
    const before = await documentCount();
    const ok = { externalId: 'M-0', kind: 'invoice', date: '2025-01-01', amountCents: 100, customerId: c };
    const res = await call('POST', '/sales-documents', [
      ok,
      { ...ok, externalId: 'M-1', amountCents: 12.5 },
      { ...ok, externalId: 'M-2', amountCents: '1 234,50' },
      { ...ok, externalId: 'M-3', date: '1.2.2026' },
      { ...ok, externalId: 'M-4', date: '2026-02-30', dueDate: 'tomorrow' },
      { ...ok, externalId: 'M-5', kind: 'order' },
      { ...ok, externalId: undefined },
    ]);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error).toBe('Nothing was saved: invalid documents in the batch: 6.');
    const amount =
      'The amount must be a whole number of cents (e.g. 123450 = €1,234.50), at most ±€10,000,000,000.';
    const date = 'The date must be written YYYY-MM-DD (e.g. 2026-02-01) and exist.';
    expect(body.details).toEqual({
      '1.amountCents': amount,
      '2.amountCents': amount,
      '3.date': date,
      '4.date': date,
      '4.dueDate': date,
      '5.kind': 'The kind must be booking, salesOrder or invoice.',
      '6.externalId': 'The external id (externalId) is required.',
    });
    expect(await documentCount()).toBe(before);
  });

  it('names fields without an index for a single object, and refuses empty and oversized batches', async () => {
    const single = await call('POST', '/sales-documents', {
      kind: 'invoice',
      date: '2025-01-01',
      amountCents: 1,
    });
    expect(single.statusCode).toBe(400);
    expect(single.json().details).toEqual({
      externalId: 'The external id (externalId) is required.',
      customer: 'Give the customer: customerId, customerNumber or customerExternalId.',
    });
    const empty = await call('POST', '/sales-documents', []);
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error).toBe('The batch is empty.');
    const many = Array.from({ length: 1001 }, (_, i) => ({ externalId: `X${i}` }));
    const tooMany = await call('POST', '/sales-documents', many);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error).toBe('One batch may hold at most 1,000 documents.');
  });

  it('needs a token that may write', async () => {
    const item = { externalId: 'R-1', kind: 'invoice', date: '2025-01-01', amountCents: 1, customerId: 1 };
    expect((await call('POST', '/sales-documents', item, readonlyToken)).statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/sales-documents', payload: item });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('GET /api/v1/customers/:id/history', () => {
  it('answers 404 for an unknown customer', async () => {
    expect((await call('GET', '/customers/999999/history')).statusCode).toBe(404);
    expect((await call('GET', '/customers/abc/history')).statusCode).toBe(404);
  });

  it('answers zeros for a customer without purchases', async () => {
    const c = await person(t.app.db, 'Tyhjä');
    const h = (await call('GET', `/customers/${c}/history`)).json();
    const zero = { count: 0, amountCents: 0 };
    expect(h).toMatchObject({
      customerId: c,
      thisYear: zero,
      lastYear: zero,
      earlier: zero,
      total: zero,
      overdueCents: 0,
    });
  });
});
