import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { banHistory, contactPersons } from '../../src/db/schema/index.js';
import { apiToken, createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let token: string;
let readonlyToken: string;
let personId: number;
let orgId: number;
let cpId: number;

function call(method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown, bearer = token) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${bearer}` },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

beforeAll(async () => {
  t = await createTestApp();
  token = await apiToken(t.app, 'staff');
  readonlyToken = await apiToken(t.app, 'readonly');
  const person = await call('POST', '/customers', {
    type: 'person',
    kind: 'ASIAKAS',
    firstName: 'Api',
    lastName: 'Äänekoski',
  });
  personId = person.json().id;
  const org = await call('POST', '/customers', {
    type: 'organisation',
    kind: 'ASIAKAS',
    name: 'Rajapinta Oy',
  });
  orgId = org.json().id;
  const [cp] = await t.app.db
    .insert(contactPersons)
    .values({ customerId: orgId, firstName: 'Olli', lastName: 'Yhteys' })
    .returning();
  cpId = cp!.id;
});
afterAll(() => t.close());

describe('marketing bans in the API', () => {
  it('reads and sets a person customer’s bans, keeping history with source api', async () => {
    const empty = await call('GET', `/customers/${personId}/bans`);
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual({ noMarketing: false, noSms: false, noEmail: false, history: [] });

    const put = await call('PUT', `/customers/${personId}/bans`, { noEmail: true });
    expect(put.statusCode).toBe(200);
    const body = put.json();
    expect(body).toMatchObject({ noMarketing: false, noSms: false, noEmail: true });
    expect(body.history).toHaveLength(1);
    expect(body.history[0]).toMatchObject({
      ban: 'NO_EMAIL',
      active: true,
      source: 'api',
      user: 'api-staff',
    });
    expect(Number.isNaN(Date.parse(body.history[0].at))).toBe(false);

    // The same value again writes no history; a subset leaves the other bans alone.
    const again = await call('PUT', `/customers/${personId}/bans`, { noEmail: true, noSms: false });
    expect(again.json().history).toHaveLength(1);
    expect(await t.app.db.$count(banHistory, eq(banHistory.customerId, personId))).toBe(1);

    const more = await call('PUT', `/customers/${personId}/bans`, { noMarketing: true });
    expect(more.json()).toMatchObject({ noMarketing: true, noSms: false, noEmail: true });
    expect(more.json().history.map((h: { ban: string }) => h.ban)).toEqual(['NO_MARKETING', 'NO_EMAIL']);
  });

  it('reads and sets a contact person’s bans', async () => {
    const put = await call('PUT', `/contact-persons/${cpId}/bans`, { noSms: true });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ noMarketing: false, noSms: true, noEmail: false });
    const get = await call('GET', `/contact-persons/${cpId}/bans`);
    expect(get.json().history).toEqual([
      expect.objectContaining({ ban: 'NO_SMS', active: true, source: 'api', user: 'api-staff' }),
    ]);
  });

  it('refuses bans on an organisation with a message', async () => {
    const get = await call('GET', `/customers/${orgId}/bans`);
    expect(get.statusCode).toBe(400);
    expect(get.json().error).toContain('not to organisations');
    const put = await call('PUT', `/customers/${orgId}/bans`, { noSms: true });
    expect(put.statusCode).toBe(400);
    expect(put.json().error).toContain('not to organisations');
  });

  it('answers 404 for unknown ids', async () => {
    expect((await call('GET', '/customers/999999/bans')).statusCode).toBe(404);
    expect((await call('PUT', '/customers/999999/bans', { noSms: true })).statusCode).toBe(404);
    expect((await call('GET', '/contact-persons/999999/bans')).statusCode).toBe(404);
    expect((await call('PUT', '/contact-persons/abc/bans', { noSms: true })).statusCode).toBe(404);
  });

  it('refuses bad bodies naming the field, and saves nothing', async () => {
    const bad = await call('PUT', `/customers/${personId}/bans`, {
      noSms: 'yes',
      noEmail: false,
      noFax: true,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details).toEqual({
      noSms: 'The value must be true or false.',
      noFax: expect.stringContaining('Unknown field'),
    });
    expect((await call('GET', `/customers/${personId}/bans`)).json().noEmail).toBe(true);
    expect((await call('PUT', `/customers/${personId}/bans`, [true])).statusCode).toBe(400);
  });

  it('lets a read-only token read but not change', async () => {
    expect((await call('GET', `/customers/${personId}/bans`, undefined, readonlyToken)).statusCode).toBe(200);
    expect(
      (await call('PUT', `/customers/${personId}/bans`, { noSms: true }, readonlyToken)).statusCode,
    ).toBe(403);
  });

  it('needs a token', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/customers/${personId}/bans` });
    expect(res.statusCode).toBe(401);
  });
});
