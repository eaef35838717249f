import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokens } from '../../src/db/schema/index.js';
import { createUser, userForApiToken } from '../../src/features/auth/queries.js';
import { type Agent, createTestApp, loginAs, type TestApp } from '../helpers/app.js';

let t: TestApp;
let admin: Agent;
beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, 'admin');
});
afterAll(() => t.close());

describe('API tokens', () => {
  it('creates a token for a user, shows it once, and revoking stops it', async () => {
    const owner = await createUser(t.app.db, {
      username: 'integraatio',
      displayName: 'Integraatio',
      password: 'integraation salasana',
      role: 'staff',
    });
    const res = await admin.post('/settings/tokens', { userId: String(owner.id), name: 'Verkkokauppa' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('Kopioi avain nyt');
    const token = /id="new-token"[^>]*value="(kanta_[^"]+)"/.exec(res.body)?.[1];
    expect(token).toBeTruthy();

    const user = await userForApiToken(t.app.db, token!);
    expect(user).toMatchObject({ id: owner.id, username: 'integraatio', role: 'staff' });

    const list = await admin.get('/settings/tokens');
    expect(list.body).toContain('Verkkokauppa');
    expect(list.body).not.toContain(token!);

    const [row] = await t.app.db.select().from(apiTokens).where(eq(apiTokens.name, 'Verkkokauppa'));
    expect(row!.lastUsedAt).not.toBeNull();
    const revoke = await admin.post(`/settings/tokens/${row!.id}/revoke`, {});
    expect(revoke.statusCode).toBe(303);
    expect(await userForApiToken(t.app.db, token!)).toBeUndefined();
    const after = await admin.get('/settings/tokens');
    expect(after.body).toContain('API-avain Verkkokauppa peruttu.');
    expect(after.body).toContain('Peruttu');
  });

  it('needs a user and a name', async () => {
    const res = await admin.post('/settings/tokens', { userId: '', name: '' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Pakollinen tieto.');
    const missing = await admin.post('/settings/tokens', { userId: '999999', name: 'Ei ketään' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Virheellinen arvo.');
  });

  it('refuses staff and read-only users', async () => {
    const staff = await loginAs(t.app, 'staff');
    expect(
      (await staff.post('/settings/tokens', { userId: String(staff.userId), name: 'Oma' })).statusCode,
    ).toBe(403);
    const reader = await loginAs(t.app, 'readonly');
    expect(
      (await reader.post('/settings/tokens', { userId: String(reader.userId), name: 'Oma' })).statusCode,
    ).toBe(403);
    expect((await reader.post('/settings/tokens/1/revoke', {})).statusCode).toBe(403);
  });
});
