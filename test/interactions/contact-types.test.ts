import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { person } from './helpers.js';

let t: TestApp;
let admin: Agent;
let staff: Agent;

beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, 'admin');
  staff = await loginAs(t.app, 'staff');
});
afterAll(() => t.close());

const base = '/settings/contact-types';
const typeId = async (code: string) =>
  Number((await t.database.sql<{ id: number }[]>`select id from contact_types where code = ${code}`)[0]?.id);

describe('contact types (kontaktityypit, R-SET-1)', () => {
  it('starts empty and adds the default types with one button', async () => {
    const empty = await admin.get(base);
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('Kontaktityyppejä ei ole vielä.');
    expect(empty.body).toContain('LS Lähetetty sähköposti');
    const res = await admin.post(`${base}/defaults`, {});
    expect(res.statusCode).toBe(303);
    const list = (await admin.get(base)).body;
    for (const [code, name] of [
      ['LS', 'Lähetetty sähköposti'],
      ['ME', 'Messutarjous'],
      ['PU', 'Puhelu'],
      ['KI', 'Kirje'],
      ['TA', 'Tapaaminen'],
      ['SMS', 'Tekstiviesti'],
      ['TR', 'Osoitetarra'],
    ]) {
      expect(list).toContain(`<td><strong>${code}</strong></td>\n      <td>${name}</td>`);
    }
    expect(list).not.toContain('Lisää oletustyypit');
  });

  it('creates, renames and refuses a duplicate or malformed code beside the field', async () => {
    const created = await admin.post(base, { code: 'ws', name: 'Verkkosivulomake' });
    expect(created.statusCode).toBe(303);
    expect(await typeId('WS')).toBeGreaterThan(0);
    const dup = await admin.post(base, { code: 'WS', name: 'Toinen' });
    expect(dup.statusCode).toBe(422);
    expect(dup.body).toContain('Arvo on jo käytössä.');
    const bad = await admin.post(base, { code: 'ei kelpaa!', name: '' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Koodi: 1–10 merkkiä');
    expect(bad.body).toContain('Pakollinen tieto.');
    const renamed = await admin.post(`${base}/${await typeId('WS')}`, { code: 'WS', name: 'Verkkolomake' });
    expect(renamed.statusCode).toBe(303);
    expect((await admin.get(base)).body).toContain('Verkkolomake');
  });

  it('deletes an unused type and refuses one in use, saying how many entries use it', async () => {
    const id = await person(t.app.db, 'Käyttäjä');
    const pu = await typeId('PU');
    for (const text of ['Eka', 'Toka']) {
      expect(
        (await staff.post(`/customers/${id}/interactions`, { typeId: String(pu), text })).statusCode,
      ).toBe(303);
    }
    const refused = await admin.post(`${base}/${pu}/delete`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('sitä on käytetty 2 kontaktissa');
    expect(await typeId('PU')).toBe(pu);
    const ws = await typeId('WS');
    expect((await admin.post(`${base}/${ws}/delete`, {})).statusCode).toBe(303);
    expect(await typeId('WS')).toBeNaN();
  });

  it('is for admins only', async () => {
    expect((await staff.get(base)).statusCode).toBe(403);
    expect((await staff.post(base, { code: 'XX', name: 'Ei' })).statusCode).toBe(403);
  });
});
