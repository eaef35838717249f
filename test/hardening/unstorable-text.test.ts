import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, apiToken, createTestApp, loginAs, type TestApp } from '../helpers/app.js';

/*
 * Issue 12.2: a NUL byte or a lone surrogate anywhere in the input is refused with a
 * message before any route reads it (PostgreSQL cannot store either), saving nothing.
 */
let t: TestApp;
let admin: Agent;
let token: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, 'admin');
  token = await apiToken(t.app);
});
afterAll(() => t.close());

const groups = async () =>
  (await t.database.sql<{ n: number }[]>`select count(*)::int as n from customer_groups`)[0]!.n;
const customers = async () =>
  (await t.database.sql<{ n: number }[]>`select count(*)::int as n from customers`)[0]!.n;

describe('text PostgreSQL cannot store', () => {
  it('is refused on HTML forms and searches with a Finnish message', async () => {
    const before = await groups();
    const res = await admin.post('/settings/groups', { name: 'a\u0000b' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Tekstissä on merkki, jota ei voi tallentaa');
    expect(await groups()).toBe(before);
    expect((await admin.post('/crm/search', { targetType: 'person', city: 'a\u0000b' })).statusCode).toBe(
      400,
    );
    expect((await admin.get('/customers?q=%00')).statusCode).toBe(400);
    expect((await admin.post('/settings/groups', { name: 'Matkailijat' })).statusCode).toBe(303);
  });

  it('is refused by the API in query strings, JSON values, JSON keys and as lone surrogates', async () => {
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const query = await t.app.inject({ method: 'GET', url: '/api/v1/customers?q=%00', headers });
    expect(query.statusCode).toBe(400);
    expect(query.json().error).toContain('cannot be stored');
    const before = await customers();
    for (const payload of [
      '{"type":"person","firstName":"a\\u0000b","lastName":"Nolla"}',
      '{"type":"person","firstName":"Pilkku","lastName":"Nolla","city":"\\ud800"}',
      '{"type":"person","firstName":"Pilkku","lastName":"Nolla","a\\u0000":"x"}',
    ]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/customers', headers, payload });
      expect(res.statusCode, payload).toBe(400);
    }
    expect(await customers()).toBe(before);
    // A character outside the BMP is a well-formed surrogate pair, and welcome.
    const emoji = await t.app.inject({
      method: 'GET',
      url: `/api/v1/customers?q=${encodeURIComponent('Ström 😀')}`,
      headers,
    });
    expect(emoji.statusCode).toBe(200);
  });
});
