import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/features/auth/queries.js';
import { activeAlarmCount } from '../../src/features/interactions/alarms.js';
import { apiToken, createTestApp, type TestApp } from '../helpers/app.js';
import { defaultTypes, isoDay, organisation, person } from './helpers.js';

let t: TestApp;
let token: string;
let readonlyToken: string;
let apiUserId: number;
let colleague: number;

beforeAll(async () => {
  t = await createTestApp();
  token = await apiToken(t.app, 'staff');
  readonlyToken = await apiToken(t.app, 'readonly');
  await defaultTypes(t.app.db);
  const [u] = await t.database.sql<{ id: number }[]>`select id from users where username = 'api-staff'`;
  apiUserId = u!.id;
  colleague = (
    await createUser(t.app.db, {
      username: 'mikko',
      displayName: 'Mikko',
      password: 'long password 1',
      role: 'staff',
    })
  ).id;
});
afterAll(() => t.close());

function call(method: 'GET' | 'POST', url: string, payload?: unknown, bearer = token) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${bearer}` },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

describe('POST and GET /api/v1/customers/:id/interactions', () => {
  it('adds an entry as the token user and lists the log newest first in pages', async () => {
    const id = await person(t.app.db, 'Api');
    const res = await call('POST', `/customers/${id}/interactions`, {
      type: 'PU',
      text: 'Soitti API:n kautta',
    });
    expect(res.statusCode).toBe(201);
    const entry = res.json();
    expect(entry).toMatchObject({
      customerId: id,
      type: 'PU',
      typeName: 'Puhelu',
      text: 'Soitti API:n kautta',
      contactPersonId: null,
      batchId: null,
      createdBy: 'api-staff',
      version: 1,
      alarm: null,
    });
    expect(entry.id).toBeGreaterThan(0);
    const [audit] = await t.database.sql`
      select action, user_id from audit_log where entity = 'interaction' and entity_id = ${entry.id} and customer_id = ${id}`;
    expect(audit).toEqual({ action: 'create', user_id: apiUserId });

    for (const text of ['Toinen', 'Kolmas']) {
      expect((await call('POST', `/customers/${id}/interactions`, { type: 'ls', text })).statusCode).toBe(
        201,
      );
    }
    const page1 = await call('GET', `/customers/${id}/interactions?limit=2`);
    expect(page1.statusCode).toBe(200);
    const body1 = page1.json();
    expect(body1.items.map((i: { text: string }) => i.text)).toEqual(['Kolmas', 'Toinen']);
    expect(body1.nextCursor).toEqual(expect.any(String));
    const page2 = (
      await call('GET', `/customers/${id}/interactions?limit=2&cursor=${body1.nextCursor}`)
    ).json();
    expect(page2.items.map((i: { text: string }) => i.text)).toEqual(['Soitti API:n kautta']);
    expect(page2.nextCursor).toBeNull();
    expect((await call('GET', `/customers/${id}/interactions?cursor=nonsense`)).statusCode).toBe(400);
    expect((await call('GET', `/customers/${id}/interactions?limit=500`)).statusCode).toBe(400);
  });

  it('sets alarms for the token user, everyone or a named user', async () => {
    const id = await person(t.app.db, 'Hälytys');
    const before = await activeAlarmCount(t.app.db, colleague);
    const self = await call('POST', `/customers/${id}/interactions`, {
      type: 'PU',
      text: 'Soita takaisin',
      alarm: { date: isoDay(0), audience: 'self' },
    });
    expect(self.statusCode).toBe(201);
    expect(self.json().alarm).toEqual({
      date: isoDay(0),
      message: 'Soita takaisin',
      audience: 'self',
      username: 'api-staff',
    });
    expect(await activeAlarmCount(t.app.db, apiUserId)).toBe(1);
    expect(await activeAlarmCount(t.app.db, colleague)).toBe(before);

    const user = await call('POST', `/customers/${id}/interactions`, {
      type: 'TA',
      text: 'Tapaaminen',
      alarm: { date: isoDay(0), audience: 'user', username: 'mikko', message: 'Valmistele tapaaminen' },
    });
    expect(user.statusCode).toBe(201);
    expect(user.json().alarm).toEqual({
      date: isoDay(0),
      message: 'Valmistele tapaaminen',
      audience: 'user',
      username: 'mikko',
    });
    expect(await activeAlarmCount(t.app.db, colleague)).toBe(before + 1);

    const all = await call('POST', `/customers/${id}/interactions`, {
      type: 'ME',
      text: 'Messut',
      alarm: { date: '1.2.2099', audience: 'all' },
    });
    expect(all.statusCode).toBe(201);
    expect(all.json().alarm).toMatchObject({ date: '2099-02-01', audience: 'all', username: null });
  });

  it('refuses a missing or unknown type, a past alarm and an unknown user, saving nothing', async () => {
    const org = await organisation(t.app.db, 'Virhe Oy');
    const url = `/customers/${org.id}/interactions`;
    const missing = await call('POST', url, { text: 'Ei tyyppiä' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toEqual({ error: 'Bad request.', details: { type: 'Choose a contact type.' } });
    const unknown = await call('POST', url, { type: 'XX', text: 'Outo' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().details).toEqual({ type: 'Unknown contact type code.' });
    const past = await call('POST', url, {
      type: 'PU',
      alarm: { date: isoDay(-1), audience: 'user', username: 'nobody' },
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().details).toEqual({
      'alarm.date': 'The alarm date is in the past; give today or a later day.',
      'alarm.username': 'Choose the staff member who sees the alarm.',
    });
    const badAudience = await call('POST', url, { type: 'PU', alarm: { date: isoDay(1), audience: 'them' } });
    expect(badAudience.statusCode).toBe(400);
    expect(badAudience.json().details).toHaveProperty(['alarm.audience']);
    const wrongPerson = await call('POST', url, { type: 'PU', contactPersonId: 2147483000 });
    expect(wrongPerson.statusCode).toBe(400);
    const notObject = await call('POST', url, ['PU']);
    expect(notObject.statusCode).toBe(400);
    const [{ n }] = (await t.database
      .sql`select count(*)::int as n from interactions where customer_id = ${org.id}`) as unknown as [
      { n: number },
    ];
    expect(n).toBe(0);
    // With its own contact person it goes through.
    const ok = await call('POST', url, { type: 'PU', contactPersonId: org.contactPersonId });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().contactPersonId).toBe(org.contactPersonId);
  });

  it('answers 404 for an unknown customer and 403 to a read-only token', async () => {
    expect((await call('GET', '/customers/99999999/interactions')).statusCode).toBe(404);
    expect((await call('POST', '/customers/abc/interactions', { type: 'PU' })).statusCode).toBe(404);
    const id = await person(t.app.db, 'Luku');
    const refused = await call('POST', `/customers/${id}/interactions`, { type: 'PU' }, readonlyToken);
    expect(refused.statusCode).toBe(403);
    expect((await call('GET', `/customers/${id}/interactions`, undefined, readonlyToken)).statusCode).toBe(
      200,
    );
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/customers/${id}/interactions` })).statusCode,
    ).toBe(401);
  });
});
