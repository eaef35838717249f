import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/features/auth/queries.js';
import { type Agent, createTestApp, loginAs, openLoginPage, type TestApp } from '../helpers/app.js';

let t: TestApp;
let admin: Agent;
let staff: Agent;
beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, 'admin');
  staff = await loginAs(t.app, 'staff');
});
afterAll(() => t.close());

describe('navigation by role and the language switch', () => {
  it('shows Asetukset only to admins, who alone may open it', async () => {
    expect((await admin.get('/customers')).body).toContain('href="/settings"');
    expect((await staff.get('/customers')).body).not.toContain('href="/settings"');
    expect((await staff.get('/settings')).statusCode).toBe(403);
  });

  it('returns to the page (with its query) the language was switched on', async () => {
    const page = await staff.get('/customers?q=Virtanen');
    expect(page.body).toContain('name="next" value="/customers?q=Virtanen"');
    const res = await staff.post('/me/language', { language: 'en', next: '/customers?q=Virtanen' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/customers?q=Virtanen');
    expect((await staff.get('/customers')).body).toContain('Customers');
    const away = await staff.post('/me/language', { language: 'fi', next: '//evil.example/' });
    expect(away.headers.location).toBe('/');
  });
});

describe('redirect after login (issue 12.7)', () => {
  it('follows only paths of this app: never //host, /\\host or control characters', async () => {
    await createUser(t.app.db, {
      username: 'paluu',
      displayName: 'Paluu',
      password: 'paluu salasana 1',
      role: 'staff',
    });
    const cases: [string, string][] = [
      ['/customers?q=a', '/customers?q=a'],
      ['/\\evil.example/', '/'],
      ['//evil.example/', '/'],
      ['https://evil.example/', '/'],
      ['/\t/evil.example/', '/'],
    ];
    for (const [next, location] of cases) {
      const { cookies, csrf } = await openLoginPage(t.app);
      const res = await t.app.inject({
        method: 'POST',
        url: '/login',
        cookies,
        payload: { _csrf: csrf, username: 'paluu', password: 'paluu salasana 1', next },
      });
      expect(res.statusCode, next).toBe(303);
      expect(res.headers.location, next).toBe(location);
    }
  });
});
