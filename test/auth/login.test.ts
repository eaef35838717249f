import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/features/auth/queries.js';
import { createTestApp, loginAs, openLoginPage, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('first start and login', () => {
  it('offers to create the first admin while no user exists, then only the login form', async () => {
    const { page, cookies, csrf } = await openLoginPage(t.app);
    expect(page.body).toContain('Luo ensimmäinen pääkäyttäjä');
    const res = await t.app.inject({
      method: 'POST',
      url: '/setup',
      cookies,
      payload: {
        _csrf: csrf,
        displayName: 'Anna Admin',
        username: 'anna',
        password: 'pitkä salasana 1',
        passwordAgain: 'pitkä salasana 1',
      },
    });
    expect(res.statusCode).toBe(303);
    expect(res.cookies.some((c: { name: string }) => c.name === 'kanta_session')).toBe(true);
    const again = await t.app.inject({ method: 'GET', url: '/login' });
    expect(again.body).not.toContain('Luo ensimmäinen pääkäyttäjä');
    expect(again.body).toContain('Kirjaudu');
  });

  it('sends anonymous visitors to the login page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/customers' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Fcustomers');
  });

  it('refuses a POST without the CSRF token', async () => {
    const { cookies } = await openLoginPage(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/login',
      cookies,
      payload: { username: 'anna', password: 'x' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('turvatarkiste');
  });

  it('locks a username after 5 failed logins in 15 minutes, even with the right password', async () => {
    await createUser(t.app.db, {
      username: 'lukko',
      displayName: 'Lukko',
      password: 'oikea salasana',
      role: 'staff',
    });
    const { cookies, csrf: _csrf } = await openLoginPage(t.app);
    for (let i = 0; i < 5; i++) {
      const bad = await t.app.inject({
        method: 'POST',
        url: '/login',
        cookies,
        payload: { _csrf, username: 'lukko', password: 'väärä' },
      });
      expect(bad.statusCode).toBe(401);
      expect(bad.body).toContain('Väärä käyttäjätunnus tai salasana');
    }
    const good = await t.app.inject({
      method: 'POST',
      url: '/login',
      cookies,
      payload: { _csrf, username: 'lukko', password: 'oikea salasana' },
    });
    expect(good.statusCode).toBe(429);
    expect(good.body).toContain('Liian monta epäonnistunutta kirjautumista');
  });

  it('logs in, shows the user in the top bar and logs out', async () => {
    const agent = await loginAs(t.app, 'staff', 'veera');
    const home = await agent.get('/customers');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Test staff');
    const out = await agent.post('/logout', {});
    expect(out.statusCode).toBe(303);
    const after = await agent.get('/customers');
    expect(after.statusCode).toBe(303);
  });

  it('answers health and readiness without login', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready' });
  });
});

describe('language', () => {
  it('shows Finnish by default and English after the user switches', async () => {
    const agent = await loginAs(t.app, 'readonly', 'kielivalinta');
    expect((await agent.get('/customers')).body).toContain('<html lang="fi"');
    const res = await agent.post('/me/language', { language: 'en', next: '/customers' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/customers');
    const page = await agent.get('/customers');
    expect(page.body).toContain('<html lang="en"');
    expect(page.body).toContain('Log out');
    expect(page.body).not.toContain('Kirjaudu ulos');
  });
});
