import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const pages = [
  '/settings',
  '/settings/kinds',
  '/settings/kinds/new',
  '/settings/groups',
  '/settings/users',
  '/settings/users/new',
  '/settings/tokens',
];

describe('settings are for admins only', () => {
  it('shows the index with the four screens to an admin', async () => {
    const admin = await loginAs(t.app, 'admin');
    const res = await admin.get('/settings');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html');
    for (const title of ['Asiakaslajit ja numerosarjat', 'Asiakasryhmät', 'Virkailijat', 'API-avaimet']) {
      expect(res.body).toContain(title);
    }
    for (const page of pages) expect((await admin.get(page)).statusCode, page).toBe(200);
  });

  it('refuses staff and read-only users on every settings page', async () => {
    for (const role of ['staff', 'readonly'] as const) {
      const agent = await loginAs(t.app, role);
      for (const page of pages) {
        const res = await agent.get(page);
        expect(res.statusCode, `${role} ${page}`).toBe(403);
        expect(res.body).toContain('Sinulla ei ole oikeutta');
      }
    }
  });

  it('refuses a read-only user on POST', async () => {
    const reader = await loginAs(t.app, 'readonly', 'lukija');
    const res = await reader.post('/settings/groups', { name: 'Ei tule' });
    expect(res.statusCode).toBe(403);
    const kind = await reader.post('/settings/kinds', {
      code: 'X',
      nameFi: 'X',
      nameEn: 'X',
      rangeStart: '1',
      rangeEnd: '5',
    });
    expect(kind.statusCode).toBe(403);
  });

  it('sends anonymous visitors to the login page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/settings/kinds' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toContain('/login');
  });
});
