import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema/index.js';
import { type Agent, createTestApp, htmxPartial, loginAs, type TestApp } from '../helpers/app.js';
import { defaultTypes, finnish, isoDay, organisation, person } from './helpers.js';

let t: TestApp;
let staff: Agent;
let admin: Agent;
let readonly: Agent;
let types: Record<string, number>;

beforeAll(async () => {
  t = await createTestApp();
  staff = await loginAs(t.app, 'staff');
  admin = await loginAs(t.app, 'admin');
  readonly = await loginAs(t.app, 'readonly');
});
afterAll(() => t.close());

const tab = (id: number) => `/customers/${id}/interactions`;

async function entries(customerId: number) {
  return t.database.sql<{ id: string; text: string; type_id: number; version: number; created_by: number }[]>`
    select id, text, type_id, version, created_by from interactions where customer_id = ${customerId} order by id`;
}

async function audits(customerId: number) {
  return t.app.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.customerId, customerId), eq(auditLog.entity, 'interaction')))
    .orderBy(desc(auditLog.id));
}

describe('the Kontaktit tab (R-CARD-3)', () => {
  it('without contact types says so, linking admins to the contact-type screen', async () => {
    const id = await person(t.app.db, 'Tyypitön');
    const asAdmin = await admin.get(tab(id));
    expect(asAdmin.statusCode).toBe(200);
    expect(asAdmin.body).toMatch(/id="no-contact-types"[\s\S]*href="\/settings\/contact-types"/);
    expect(asAdmin.body).not.toContain('name="typeId"');
    const asStaff = await staff.get(tab(id));
    expect(asStaff.body).toContain('Pyydä pääkäyttäjää lisäämään ne.');
    types = await defaultTypes(t.app.db);
    expect((await staff.get(tab(id))).body).toContain('name="typeId"');
  });

  it('renders the full page, or only the card body for htmx', async () => {
    const id = await person(t.app.db, 'Sivu');
    const full = await staff.get(tab(id));
    expect(full.statusCode).toBe(200);
    expect(full.body).toContain('<html');
    expect(full.body).toContain('aria-selected="true">Kontaktit</a>');
    expect(full.body).toContain('id="alarm-bar"');
    const partial = await staff.get(tab(id), htmxPartial);
    expect(partial.statusCode).toBe(200);
    expect(partial.body).not.toContain('<html');
    expect(partial.body).toContain('aria-selected="true">Kontaktit</a>');
    expect(partial.body).toContain('Asiakkaalla ei ole vielä kontakteja.');
    expect(partial.headers.vary).toContain('HX-Request');
  });

  it('adds entries with number, time, creator and type, newest first, with an audit entry', async () => {
    const id = await person(t.app.db, 'Lisäys');
    const first = await staff.post(tab(id), {
      typeId: String(types.PU),
      text: 'Soitti ja kysyi Ruotsin-risteilystä',
    });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(tab(id));
    const second = await staff.post(
      tab(id),
      { typeId: String(types.LS), text: 'Lähetetty tarjous' },
      htmxPartial,
    );
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('Kontakti tallennettu.');
    const rows = await entries(id);
    expect(rows.map((r) => r.text)).toEqual(['Soitti ja kysyi Ruotsin-risteilystä', 'Lähetetty tarjous']);
    expect(rows.every((r) => r.created_by === staff.userId)).toBe(true);
    const page = (await staff.get(tab(id))).body;
    const newer = page.indexOf(`id="interaction-${rows[1]!.id}"`);
    const older = page.indexOf(`id="interaction-${rows[0]!.id}"`);
    expect(newer).toBeGreaterThan(0);
    expect(older).toBeGreaterThan(newer);
    expect(page).toContain('Test staff');
    expect(page).toContain('<abbr title="Puhelu">PU</abbr>');
    const log = await audits(id);
    expect(log).toHaveLength(2);
    expect(log[0]).toMatchObject({ action: 'create', userId: staff.userId, entityId: Number(rows[1]!.id) });
    expect(log[0]!.changes.text).toEqual([null, 'Lähetetty tarjous']);
  });

  it('refuses an entry without a type with a message beside the field', async () => {
    const id = await person(t.app.db, 'Tyypitön');
    const res = await staff.post(tab(id), { typeId: '', text: 'Ei tyyppiä' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(/id="f-typeId"[^>]*aria-invalid="true"/);
    expect(res.body).toContain('<p class="field-error" id="f-typeId-err">Valitse kontaktityyppi.</p>');
    expect(res.body).toContain('Ei tyyppiä');
    expect(await entries(id)).toHaveLength(0);
    const unknown = await staff.post(tab(id), { typeId: '999999', text: 'Outo tyyppi' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('Valitse kontaktityyppi.');
    expect(await entries(id)).toHaveLength(0);
  });

  it('warns about a past alarm date and saves it only when confirmed; today is fine at once', async () => {
    const id = await person(t.app.db, 'Menneisyys');
    const form = { typeId: String(types.PU), text: 'Soita takaisin', alarm: 'on', alarmAudience: 'self' };
    const past = await staff.post(tab(id), { ...form, alarmDate: finnish(isoDay(-2)) });
    expect(past.statusCode).toBe(422);
    expect(past.body).toContain(`Hälytyspäivä ${finnish(isoDay(-2))} on menneisyydessä`);
    expect(past.body).toContain(`name="confirmPast" value="${isoDay(-2)}"`);
    expect(past.body).toContain('Tallenna silti');
    // The message is pre-filled from the entry's text.
    expect(past.body).toMatch(
      /<textarea id="f-alarmMessage" name="alarmMessage"[^>]*>Soita takaisin<\/textarea>/,
    );
    expect(await entries(id)).toHaveLength(0);

    const confirmed = await staff.post(tab(id), {
      ...form,
      alarmDate: finnish(isoDay(-2)),
      alarmMessage: 'Soita takaisin',
      confirmPast: isoDay(-2),
    });
    expect(confirmed.statusCode).toBe(303);
    // Confirming one past date does not let another through.
    const other = await staff.post(tab(id), {
      ...form,
      alarmDate: finnish(isoDay(-5)),
      confirmPast: isoDay(-2),
    });
    expect(other.statusCode).toBe(422);
    const today = await staff.post(tab(id), { ...form, text: 'Tänään', alarmDate: finnish(isoDay(0)) });
    expect(today.statusCode).toBe(303);
    const alarms = await t.database.sql<{ due_date: string; message: string; user_id: number }[]>`
      select a.due_date::text, a.message, a.user_id from alarms a where a.customer_id = ${id} order by a.id`;
    expect(alarms).toEqual([
      { due_date: isoDay(-2), message: 'Soita takaisin', user_id: staff.userId },
      { due_date: isoDay(0), message: 'Tänään', user_id: staff.userId },
    ]);
    const badDate = await staff.post(tab(id), { ...form, alarmDate: '31.2.2026' });
    expect(badDate.statusCode).toBe(422);
    expect(badDate.body).toContain('Päivämäärä ei ole kelvollinen');
    const noUser = await staff.post(tab(id), {
      ...form,
      alarmDate: finnish(isoDay(3)),
      alarmAudience: 'user',
    });
    expect(noUser.statusCode).toBe(422);
    expect(noUser.body).toContain('Valitse virkailija, jolle hälytys näytetään.');
  });

  it('edits with optimistic locking and deletes, both audited', async () => {
    const id = await person(t.app.db, 'Muokkaus');
    await staff.post(tab(id), { typeId: String(types.PU), text: 'Alkuperäinen' });
    const [entry] = await entries(id);
    const edit = await staff.get(`/interactions/${entry!.id}/edit`);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('<html');
    expect(edit.body).toContain('name="version" value="1"');
    const saved = await staff.post(`/interactions/${entry!.id}`, {
      version: '1',
      typeId: String(types.TA),
      text: 'Korjattu: tapaaminen',
      alarm: 'on',
      alarmDate: finnish(isoDay(7)),
      alarmAudience: 'all',
    });
    expect(saved.statusCode).toBe(303);
    const [after] = await entries(id);
    expect(after).toMatchObject({ text: 'Korjattu: tapaaminen', type_id: types.TA, version: 2 });
    const [update] = await audits(id);
    expect(update).toMatchObject({ action: 'update', userId: staff.userId, entityId: Number(entry!.id) });
    expect(update!.changes).toMatchObject({
      text: ['Alkuperäinen', 'Korjattu: tapaaminen'],
      typeId: [types.PU, types.TA],
      alarmDate: [null, isoDay(7)],
      alarmAudience: [null, 'all'],
    });

    // Someone still holding version 1 is told, and nothing changes.
    const stale = await staff.post(`/interactions/${entry!.id}`, {
      version: '1',
      typeId: String(types.KI),
      text: 'Vanha',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Joku muu muutti tätä tietoa');
    expect((await entries(id))[0]).toMatchObject({ text: 'Korjattu: tapaaminen', version: 2 });

    const staleDelete = await staff.post(`/interactions/${entry!.id}/delete`, { version: '1' });
    expect(staleDelete.statusCode).toBe(409);
    const deleted = await staff.post(`/interactions/${entry!.id}/delete`, { version: '2' });
    expect(deleted.statusCode).toBe(303);
    expect(await entries(id)).toHaveLength(0);
    const alarms = await t.database.sql`select 1 from alarms where customer_id = ${id}`;
    expect(alarms).toHaveLength(0);
    const [removal] = await audits(id);
    expect(removal).toMatchObject({ action: 'delete', userId: staff.userId, entityId: Number(entry!.id) });
    expect(removal!.changes.text).toEqual(['Korjattu: tapaaminen', null]);
    // The card's history tab shows it.
    const history = await staff.get(`/customers/${id}/history`);
    expect(history.body).toContain('Kontakti');
  });

  it('pages the log newest first with keyset links', async () => {
    const id = await person(t.app.db, 'Sivutus');
    await t.database.sql`
      insert into interactions (customer_id, type_id, text, created_by)
      select ${id}, ${types.KI!}, 'Kirje ' || g, ${staff.userId} from generate_series(1, 30) g`;
    const first = await staff.get(tab(id));
    const shown = [...first.body.matchAll(/id="interaction-(\d+)"/g)].map((m) => Number(m[1]));
    expect(shown).toHaveLength(25);
    expect(shown).toEqual([...shown].sort((a, b) => b - a));
    expect(first.body).toContain('Kirje 30');
    expect(first.body).not.toContain('>Kirje 5<');
    const next = /href="(\/customers\/\d+\/interactions\?before=\d+)"/.exec(first.body)![1]!;
    const second = await staff.get(next, htmxPartial);
    const rest = [...second.body.matchAll(/id="interaction-(\d+)"/g)].map((m) => Number(m[1]));
    expect(rest).toHaveLength(5);
    expect(Math.max(...rest)).toBeLessThan(Math.min(...shown));
    expect(second.body).not.toContain('?before=');
  });

  it('links an organisation entry to one of its contact persons', async () => {
    const org = await organisation(t.app.db, 'Kontakti Oy');
    const page = await staff.get(tab(org.id));
    expect(page.body).toContain(`<option value="${org.contactPersonId}">Ostaja Olli</option>`);
    const res = await staff.post(tab(org.id), {
      typeId: String(types.TA),
      text: 'Tapaaminen toimistolla',
      contactPersonId: String(org.contactPersonId),
    });
    expect(res.statusCode).toBe(303);
    expect((await staff.get(tab(org.id))).body).toContain('<span class="badge">Ostaja Olli</span>');
    const other = await organisation(t.app.db, 'Toinen Oy');
    const wrong = await staff.post(tab(org.id), {
      typeId: String(types.TA),
      text: 'Väärä henkilö',
      contactPersonId: String(other.contactPersonId),
    });
    expect(wrong.statusCode).toBe(422);
  });

  it('is read-only for read-only users', async () => {
    const id = await person(t.app.db, 'Luku');
    await staff.post(tab(id), { typeId: String(types.PU), text: 'Näkyy kaikille' });
    const page = await readonly.get(tab(id));
    expect(page.body).toContain('Näkyy kaikille');
    expect(page.body).not.toContain('name="typeId"');
    const refused = await readonly.post(tab(id), { typeId: String(types.PU), text: 'Ei saa' });
    expect(refused.statusCode).toBe(403);
    expect(await entries(id)).toHaveLength(1);
  });
});
