import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { content, type Doc, shapeProblems } from '../api/openapi-shape.js';
import { apiToken, createTestApp, type TestApp } from '../helpers/app.js';
import { destinationType, person } from './helpers.js';

let t: TestApp;
let doc: Doc;
let token: string;

beforeAll(async () => {
  t = await createTestApp();
  token = await apiToken(t.app, 'staff');
  doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
  await destinationType(t.app.db, 'GF', 'Golf');
  const a = await person(t.app.db, 'Esimerkki');
  const b = await person(t.app.db, 'Toinen');
  await t.app.db.execute(
    sql`update customers set number = 10001 where id = ${a} and not exists (select 1 from customers where number = 10001)`,
  );
  await t.app.db.execute(sql`update customers set external_id = 'ERP-55501' where id = ${b}`);
});
afterAll(() => t.close());

function call(method: 'GET' | 'POST', url: string, payload?: unknown) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
  });
}

const op = (path: string, method: string) => doc.paths[path][method];
const examples = (path: string, method: string, status: string) =>
  content(doc, op(path, method).responses[status]).examples;

describe('the documented sales API is the real one', () => {
  it('POST /sales-documents: the examples, sent twice, answer as documented', async () => {
    const body = content(doc, op('/sales-documents', 'post').requestBody).examples;
    const first = await call('POST', '/sales-documents', body.batch);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual(examples('/sales-documents', 'post', '200').first);
    const again = await call('POST', '/sales-documents', body.batch);
    expect(again.json()).toEqual(examples('/sales-documents', 'post', '200').again);
    const single = await call('POST', '/sales-documents', body.single);
    expect(single.json()).toEqual({ created: 0, updated: 0, unchanged: 1 });
  });

  it('POST /sales-documents: the documented 400 and 422 answers come from such bodies', async () => {
    const [booking, invoice, credit] = content(doc, op('/sales-documents', 'post').requestBody).examples
      .batch as Record<string, unknown>[];
    const refused = examples('/sales-documents', 'post', '400');
    const bad: Record<string, unknown> = {
      fields: [booking, { ...invoice, amountCents: 1.5 }, { ...credit, date: '2026-02-30' }],
      duplicate: [booking, invoice, booking],
      tooMany: Array.from({ length: 1001 }, () => booking),
    };
    expect(Object.keys(refused).sort()).toEqual(Object.keys(bad).sort());
    for (const [name, value] of Object.entries(bad)) {
      const res = await call('POST', '/sales-documents', value);
      expect(res.statusCode, name).toBe(400);
      expect(res.json(), name).toEqual(refused[name]);
    }
    const unresolved = await call('POST', '/sales-documents', [
      { ...booking, customerNumber: 99_999_999 },
      invoice,
      credit,
      { ...booking, externalId: 'RES-X', destinationType: 'ZZ' },
    ]);
    expect(unresolved.statusCode).toBe(422);
    expect(unresolved.json()).toEqual(examples('/sales-documents', 'post', '422').unknown);
  });

  it('GET /customers/{id}/history answers the documented fields', async () => {
    const [row] = await t.app.db.execute<{ id: number }>(sql`select id from customers where number = 10001`);
    const res = await call('GET', `/customers/${row!.id}/history`);
    expect(res.statusCode).toBe(200);
    const schema = content(doc, op('/customers/{id}/history', 'get').responses['200']).schema;
    expect(shapeProblems(doc, schema, res.json(), true)).toEqual([]);
    expect(res.json().byKind.booking.total).toEqual({ count: 1, amountCents: 189000 });
  });
});
