import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions, users } from '../../src/db/schema/index.js';
import { type Agent, createTestApp, loginAs, type TestApp } from '../helpers/app.js';

let t: TestApp;
let admin: Agent;
beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, 'admin', 'paakayttaja');
});
afterAll(() => t.close());

async function userByName(username: string) {
  const [u] = await t.app.db.select().from(users).where(eq(users.username, username));
  return u;
}

const editForm = (over: Record<string, string> = {}) => ({
  displayName: 'Pää Käyttäjä',
  email: '',
  role: 'admin',
  language: 'fi',
  active: 'on',
  ...over,
});

async function login(username: string, password: string) {
  const page = await t.app.inject({ method: 'GET', url: '/login' });
  const cookies = Object.fromEntries(
    (page.cookies as { name: string; value: string }[]).map((c) => [c.name, c.value]),
  );
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  return t.app.inject({
    method: 'POST',
    url: '/login',
    cookies,
    payload: { _csrf: csrf, username, password },
  });
}

describe('staff users', () => {
  it('creates a user who can then log in', async () => {
    const res = await admin.post('/settings/users', {
      username: 'maija',
      displayName: 'Maija Meikäläinen',
      email: 'Maija@Example.fi',
      role: 'staff',
      language: 'en',
      password: 'hyvä salasana 123',
      passwordAgain: 'hyvä salasana 123',
    });
    expect(res.statusCode).toBe(303);
    expect(await userByName('maija')).toMatchObject({
      displayName: 'Maija Meikäläinen',
      email: 'maija@example.fi',
      role: 'staff',
      language: 'en',
      active: true,
    });
    const list = await admin.get('/settings/users');
    expect(list.body).toContain('Virkailija maija lisätty.');
    expect(list.body).toContain('Maija Meikäläinen');
    expect((await login('maija', 'hyvä salasana 123')).statusCode).toBe(303);
  });

  it('re-renders the form with messages: short password, mismatch, taken username', async () => {
    const short = await admin.post('/settings/users', {
      username: 'MAIJA',
      displayName: '',
      role: 'staff',
      language: 'fi',
      password: 'lyhyt',
      passwordAgain: 'lyhyt',
    });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('Salasanan on oltava vähintään 10 merkkiä.');
    expect(short.body).toContain('Pakollinen tieto.');
    expect(short.body).not.toContain('value="lyhyt"');
    const mismatch = await admin.post('/settings/users', {
      username: 'MAIJA',
      displayName: 'Toinen Maija',
      role: 'staff',
      language: 'fi',
      password: 'pitkä salasana 1',
      passwordAgain: 'pitkä salasana 2',
    });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.body).toContain('Salasanat eivät täsmää.');
    const taken = await admin.post('/settings/users', {
      username: 'MAIJA',
      displayName: 'Toinen Maija',
      role: 'staff',
      language: 'fi',
      password: 'pitkä salasana 1',
      passwordAgain: 'pitkä salasana 1',
    });
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('Arvo on jo käytössä.');
  });

  it('keeps the last active admin from demoting or deactivating themselves', async () => {
    const me = admin.userId;
    const demote = await admin.post(`/settings/users/${me}`, editForm({ role: 'staff' }));
    expect(demote.statusCode).toBe(422);
    expect(demote.body).toContain('Tämä on viimeinen aktiivinen pääkäyttäjä.');
    const deactivate = await admin.post(`/settings/users/${me}`, editForm({ active: '' }));
    expect(deactivate.statusCode).toBe(422);
    expect(deactivate.body).toContain('Tämä on viimeinen aktiivinen pääkäyttäjä.');
    expect(await userByName('paakayttaja')).toMatchObject({ role: 'admin', active: true });
  });

  it('lets an admin step down once another admin exists', async () => {
    const maija = (await userByName('maija'))!;
    const promote = await admin.post(
      `/settings/users/${maija.id}`,
      editForm({ displayName: 'Maija Meikäläinen', role: 'admin', language: 'en' }),
    );
    expect(promote.statusCode).toBe(303);
    const demote = await admin.post(`/settings/users/${admin.userId}`, editForm({ role: 'staff' }));
    expect(demote.statusCode).toBe(303);
    expect((await userByName('paakayttaja'))!.role).toBe('staff');
    // No longer an admin: the settings are closed now.
    expect((await admin.get('/settings/users')).statusCode).toBe(403);
  });

  it('deactivating a user ends their sessions; a password reset lets them log in again', async () => {
    const boss = await loginAs(t.app, 'admin', 'pomo');
    const worker = await loginAs(t.app, 'staff', 'tyontekija');
    expect((await worker.get('/settings')).statusCode).toBe(403);
    const off = await boss.post(
      `/settings/users/${worker.userId}`,
      editForm({ displayName: 'Työntekijä', role: 'staff', active: '' }),
    );
    expect(off.statusCode).toBe(303);
    const left = await t.app.db.select().from(sessions).where(eq(sessions.userId, worker.userId));
    expect(left).toHaveLength(0);
    const after = await worker.get('/customers');
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toContain('/login');

    const reset = await boss.post(`/settings/users/${worker.userId}/password`, {
      password: 'uusi salasana 2026',
      passwordAgain: 'uusi salasana 2026',
    });
    expect(reset.statusCode).toBe(303);
    await boss.post(
      `/settings/users/${worker.userId}`,
      editForm({ displayName: 'Työntekijä', role: 'staff' }),
    );
    expect((await login('tyontekija', 'uusi salasana 2026')).statusCode).toBe(303);
    const bad = await boss.post(`/settings/users/${worker.userId}/password`, {
      password: 'lyhyt',
      passwordAgain: 'lyhyt',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Salasanan on oltava vähintään 10 merkkiä.');
  });
});
