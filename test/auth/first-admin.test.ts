import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/features/auth/queries.js';
import { createTestApp, openLoginPage, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const openLogin = () => openLoginPage(t.app);

describe('first admin after demo data or staff made on the command line', () => {
  it('still offers the first-admin form, names the CLI command and lets existing staff log in', async () => {
    await createUser(t.app.db, {
      username: 'demo.myyja',
      displayName: 'Demo Myyjä',
      password: 'demo salasana 1',
      role: 'staff',
    });
    const { page, cookies, csrf } = await openLogin();
    expect(page.body).toContain('Luo ensimmäinen pääkäyttäjä');
    expect(page.body).toContain('npm run cli -- create-user --username anna --role admin');
    expect(page.body).toContain('id="f-username"');
    expect(page.body).toContain('id="setup-username"');

    const login = await t.app.inject({
      method: 'POST',
      url: '/login',
      cookies,
      payload: { _csrf: csrf, username: 'demo.myyja', password: 'demo salasana 1' },
    });
    expect(login.statusCode).toBe(303);
  });

  it('refuses a username that is taken with a message on the field, and creates the admin otherwise', async () => {
    const { cookies, csrf } = await openLogin();
    const fields = {
      _csrf: csrf,
      displayName: 'Anna Admin',
      password: 'pitkä salasana 1',
      passwordAgain: 'pitkä salasana 1',
    };
    const taken = await t.app.inject({
      method: 'POST',
      url: '/setup',
      cookies,
      payload: { ...fields, username: 'DEMO.myyja' },
    });
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('id="setup-username-err"');
    const made = await t.app.inject({
      method: 'POST',
      url: '/setup',
      cookies,
      payload: { ...fields, username: 'anna' },
    });
    expect(made.statusCode).toBe(303);
    const after = await t.app.inject({ method: 'GET', url: '/login' });
    expect(after.body).not.toContain('Luo ensimmäinen pääkäyttäjä');
    const again = await t.app.inject({
      method: 'POST',
      url: '/setup',
      cookies,
      payload: { ...fields, username: 'toinen' },
    });
    expect(again.statusCode).toBe(303);
    const admins = await t.database.sql<
      { n: number }[]
    >`select count(*)::int as n from users where role = 'admin'`;
    expect(admins[0]!.n).toBe(1);
  });
});
