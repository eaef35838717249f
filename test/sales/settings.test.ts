import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSalesSettings } from '../../src/features/sales/settings.js';
import { type Agent, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { doc, field, person, record } from './helpers.js';

let t: TestApp;
let admin: Agent;
let staff: Agent;

beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, 'admin');
  staff = await loginAs(t.app, 'staff');
});
afterAll(() => t.close());

const base = '/settings/destination-types';

async function typeByCode(code: string) {
  const [row] = await t.app.db.execute<{ id: number; name: string; auto_value_id: number | null }>(
    sql`select id, name, auto_value_id from destination_types where code = ${code}`,
  );
  return row;
}

describe('destination types', () => {
  it('are for admins only', async () => {
    expect((await staff.get(base)).statusCode).toBe(403);
    expect((await staff.post(base, { code: 'GF', name: 'Golf' })).statusCode).toBe(403);
    expect((await staff.get('/settings/sales')).statusCode).toBe(403);
  });

  it('are added, edited with an AUTO value, and deleted only when unused', async () => {
    const harr = await field(t.app.db, 'HARR', 'Harrastukset', 'multi', [['GO', 'Golf']]);
    await field(t.app.db, 'MUIST', 'Muistiinpanot', 'memo');
    const empty = await admin.get(base);
    expect(empty.body).toContain('Kohdetyyppejä ei ole vielä');

    const form = await admin.get(`${base}/new`);
    expect(form.body).toContain(`<option value="${harr.values.GO}">Harrastukset: GO Golf</option>`);
    expect(form.body).not.toContain('Muistiinpanot');

    const bad = await admin.post(base, { code: 'G F!', name: '' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Koodi: 1–10 merkkiä');
    expect(bad.body).toContain('Pakollinen tieto.');

    expect((await admin.post(base, { code: 'gf', name: 'Golf', autoValueId: '' })).statusCode).toBe(303);
    const gf = (await typeByCode('GF'))!;
    expect(gf.auto_value_id).toBeNull();
    const taken = await admin.post(base, { code: 'GF', name: 'Toinen' });
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('Arvo on jo käytössä.');

    const edit = await admin.post(`${base}/${gf.id}`, {
      code: 'GF',
      name: 'Golfmatkat',
      autoValueId: String(harr.values.GO),
    });
    expect(edit.statusCode).toBe(303);
    expect(await typeByCode('GF')).toMatchObject({ name: 'Golfmatkat', auto_value_id: harr.values.GO });
    const list = await admin.get(base);
    expect(list.body).toContain('Harrastukset: GO Golf');

    // A booking of the type: now in use, deletion refused with a message.
    const c = await person(t.app.db, 'Käyttäjä');
    await record(t.app.db, [doc(c, { kind: 'booking', destinationTypeId: gf.id })]);
    const refused = await admin.post(`${base}/${gf.id}/delete`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Kohdetyyppiä GF ei voi poistaa, koska sitä käytetään varauksissa.');
    expect(await typeByCode('GF')).toBeTruthy();

    expect((await admin.post(base, { code: 'CR', name: 'Risteily' })).statusCode).toBe(303);
    const cr = (await typeByCode('CR'))!;
    expect((await admin.post(`${base}/${cr.id}/delete`, {})).statusCode).toBe(303);
    expect(await typeByCode('CR')).toBeUndefined();
  });
});

describe('STARTDATE settings', () => {
  it('switch the automatic relationship start on and off', async () => {
    const page = await admin.get('/settings/sales');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="startDateInvoice"');
    expect(await readSalesSettings(t.app.db)).toEqual({
      startDateInvoice: false,
      startDateSalesOrder: false,
    });

    const c = await person(t.app.db, 'Ennen');
    await record(t.app.db, [doc(c, { kind: 'invoice', date: '2020-01-01' })]);
    const start = async (id: number) =>
      (
        await t.app.db.execute<{ d: string | null }>(
          sql`select relationship_start::text as d from customers where id = ${id}`,
        )
      )[0]!.d;
    expect(await start(c)).toBeNull();

    expect((await admin.post('/settings/sales', { startDateInvoice: 'on' })).statusCode).toBe(303);
    expect(await readSalesSettings(t.app.db)).toEqual({ startDateInvoice: true, startDateSalesOrder: false });
    expect((await admin.get('/settings/sales')).body).toMatch(/name="startDateInvoice" value="on" checked/);

    // Sales orders do not count with only the invoice switch on.
    const d = await person(t.app.db, 'Jälkeen');
    await record(t.app.db, [doc(d, { kind: 'sales_order', date: '2021-01-01' })]);
    expect(await start(d)).toBeNull();
    await record(t.app.db, [doc(d, { kind: 'invoice', date: '2022-02-02' })]);
    expect(await start(d)).toBe('2022-02-02');

    expect((await admin.post('/settings/sales', {})).statusCode).toBe(303);
    expect(await readSalesSettings(t.app.db)).toEqual({
      startDateInvoice: false,
      startDateSalesOrder: false,
    });
  });
});
