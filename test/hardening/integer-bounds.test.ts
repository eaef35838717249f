import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, apiToken, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { person } from '../interactions/helpers.js';

/*
 * Issue 12.1: an id or whole number beyond what a PostgreSQL integer holds (2 147 483 647)
 * is a field message (422), never a 500 from the database, and nothing is saved.
 */
const TOO_BIG = '2147483648';

let t: TestApp;
let admin: Agent;
let customerId: number;
beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, 'admin');
  customerId = await person(t.app.db, 'Iso', 'Numero');
});
afterAll(() => t.close());

const count = async (table: 'interactions' | 'customer_groups' | 'tracking_dimensions' | 'customers') =>
  (await t.database.sql<{ n: number }[]>`select count(*)::int as n from ${t.database.sql(table)}`)[0]!.n;

describe('ids and whole numbers above 2³¹−1', () => {
  it('are refused on the contact log, group and tracking forms with a message, saving nothing', async () => {
    const cases: [string, Record<string, string>, Parameters<typeof count>[0]][] = [
      [`/customers/${customerId}/interactions`, { typeId: TOO_BIG, text: 'x' }, 'interactions'],
      [
        `/customers/${customerId}/interactions`,
        { typeId: '1', contactPersonId: TOO_BIG, text: 'x' },
        'interactions',
      ],
      ['/settings/groups', { name: 'Ryhmä', parentId: TOO_BIG }, 'customer_groups'],
      ['/settings/tracking', { code: 'ISO', name: 'Iso', sort: TOO_BIG }, 'tracking_dimensions'],
    ];
    for (const [url, form, table] of cases) {
      const before = await count(table);
      const res = await admin.post(url, form);
      expect(res.statusCode, `${url} ${JSON.stringify(form)}`).toBe(422);
      expect(await count(table)).toBe(before);
    }
    const sort = await admin.post('/settings/tracking', { code: 'ISO', name: 'Iso', sort: TOO_BIG });
    expect(sort.body).toContain('Luku on liian suuri');
  });

  it('are refused by the API with a 400 or 422 naming the field', async () => {
    const token = await apiToken(t.app);
    for (const field of ['groupId', 'accountManagerId']) {
      const before = await count('customers');
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/customers',
        headers: { authorization: `Bearer ${token}` },
        payload: { type: 'person', firstName: 'Api', lastName: 'Asiakas', [field]: Number(TOO_BIG) },
      });
      expect([400, 422], `${field}: ${res.body}`).toContain(res.statusCode);
      expect(res.body).toContain(field);
      expect(await count('customers')).toBe(before);
    }
  });
});
