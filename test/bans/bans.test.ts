import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, banHistory, contactPersons, customers } from '../../src/db/schema/index.js';
import { kindId } from '../customers/helpers.js';
import { type Agent, createTestApp, htmxPartial, loginAs, type TestApp } from '../helpers/app.js';
import { newCustomer } from './helpers.js';

let t: TestApp;
let staff: Agent;
let viewer: Agent;
let personId: number;
let orgId: number;

beforeAll(async () => {
  t = await createTestApp();
  staff = await loginAs(t.app, 'staff', 'sanna');
  viewer = await loginAs(t.app, 'readonly', 'lukija');
  const kind = await kindId(t.app.db);
  personId = await newCustomer(staff, kind, { type: 'person', firstName: 'Äiti', lastName: 'Öhman' });
  orgId = await newCustomer(staff, kind, { type: 'organisation', name: 'Kielto Oy' });
});
afterAll(() => t.close());

const historyOf = (where: ReturnType<typeof eq>) =>
  t.app.db.select().from(banHistory).where(where).orderBy(banHistory.id);

describe('marketing bans of a person customer', () => {
  it('saves the checkboxes, writes one history row per changed ban with who, when and source', async () => {
    const before = new Date(Date.now() - 60_000);
    const res = await staff.post(`/customers/${personId}/bans`, { noSms: 'on', noEmail: 'on' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/customers/${personId}/classification`);

    const [c] = await t.app.db.select().from(customers).where(eq(customers.id, personId));
    expect([c!.noMarketing, c!.noSms, c!.noEmail]).toEqual([false, true, true]);
    const rows = await historyOf(eq(banHistory.customerId, personId));
    expect(rows.map((r) => [r.ban, r.active, r.source, r.userId])).toEqual([
      ['NO_SMS', true, 'staff', staff.userId],
      ['NO_EMAIL', true, 'staff', staff.userId],
    ]);
    expect(rows[0]!.at.getTime()).toBeGreaterThan(before.getTime());

    // The same form again changes nothing and writes no history.
    await staff.post(`/customers/${personId}/bans`, { noSms: 'on', noEmail: 'on' });
    expect(await historyOf(eq(banHistory.customerId, personId))).toHaveLength(2);

    // Lifting one ban writes exactly that one change.
    await staff.post(`/customers/${personId}/bans`, { noEmail: 'on' });
    const after = await historyOf(eq(banHistory.customerId, personId));
    expect(after.map((r) => [r.ban, r.active])).toEqual([
      ['NO_SMS', true],
      ['NO_EMAIL', true],
      ['NO_SMS', false],
    ]);

    const [audit] = await t.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.customerId, personId), eq(auditLog.entity, 'ban')))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(audit!.changes).toEqual({ noSms: ['✓', null] });
  });

  it('shows active bans as badges in the card header and the history on demand', async () => {
    const card = await staff.get(`/customers/${personId}`);
    expect(card.body).toContain('<html');
    expect(card.body).toContain('class="card-bans"');
    expect(card.body).toContain('Ei sähköpostia');
    expect(card.body).not.toContain('Ei tekstiviestejä</span>');

    const tab = await staff.get(`/customers/${personId}/classification`, htmxPartial);
    expect(tab.body).not.toContain('<html');
    expect(tab.body).toContain('Markkinointikiellot');
    expect(tab.body).toMatch(/name="noEmail" value="on" checked/);
    expect(tab.body).toMatch(/name="noSms" value="on">/);
    expect(tab.body).toContain('Näytä muutoshistoria');

    const history = await staff.get(`/customers/${personId}/bans/history`, htmxPartial);
    expect(history.statusCode).toBe(200);
    expect(history.body).not.toContain('<html');
    expect(history.body).toContain(
      '<td>Ei tekstiviestejä</td><td>poistettu</td><td>käyttäjä</td><td>Test staff</td>',
    );
    expect(history.body).toContain('<td>Ei sähköpostia</td><td>asetettu</td>');
    const full = await staff.get(`/customers/${personId}/bans/history`);
    expect(full.body).toContain('<html');
    expect(full.body).toContain('Markkinointikieltojen muutoshistoria: Öhman Äiti');

    const audit = await staff.get(`/customers/${personId}/history`);
    expect(audit.body).toContain('Markkinointikiellot muutettu');
    expect(audit.body).toMatch(
      /Ei tekstiviestejä: <span class="old">✓<\/span> → <span class="new">–<\/span>/,
    );
  });

  it('explains on an organisation that bans belong to persons and refuses to set them', async () => {
    const tab = await staff.get(`/customers/${orgId}/classification`, htmxPartial);
    expect(tab.body).toContain('koskevat henkilöasiakkaita ja yhteyshenkilöitä');
    expect(tab.body).not.toContain(`/customers/${orgId}/bans"`);
    const res = await staff.post(`/customers/${orgId}/bans`, { noSms: 'on' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('eivät organisaatioita');
    expect(await historyOf(eq(banHistory.customerId, orgId))).toHaveLength(0);
  });

  it('lets a read-only user see the bans but not change them', async () => {
    const tab = await viewer.get(`/customers/${personId}/classification`, htmxPartial);
    expect(tab.body).toContain('Ei sähköpostia');
    expect(tab.body).not.toContain(`action="/customers/${personId}/bans"`);
    const history = await viewer.get(`/customers/${personId}/bans/history`, htmxPartial);
    expect(history.statusCode).toBe(200);
    const res = await viewer.post(`/customers/${personId}/bans`, { noMarketing: 'on' });
    expect(res.statusCode).toBe(403);
    const [c] = await t.app.db.select().from(customers).where(eq(customers.id, personId));
    expect(c!.noMarketing).toBe(false);
  });
});

describe('marketing bans of a contact person', () => {
  it('saves the bans with the contact-person form and shows them in the list', async () => {
    const created = await staff.post(`/customers/${orgId}/contact-persons`, {
      firstName: 'Kerttu',
      lastName: 'Kielletty',
      bansShown: '1',
      noMarketing: 'on',
    });
    expect(created.statusCode).toBe(303);
    const [cp] = await t.app.db.select().from(contactPersons).where(eq(contactPersons.customerId, orgId));
    expect(cp!.noMarketing).toBe(true);
    expect(
      (await historyOf(eq(banHistory.contactPersonId, cp!.id))).map((r) => [r.ban, r.active, r.source]),
    ).toEqual([['NO_MARKETING', true, 'staff']]);

    const form = await staff.get(`/contact-persons/${cp!.id}/edit`);
    expect(form.body).toMatch(/name="noMarketing" value="on" checked/);
    expect(form.body).toContain(`/contact-persons/${cp!.id}/bans/history`);

    const edited = await staff.post(`/contact-persons/${cp!.id}`, {
      firstName: 'Kerttu',
      lastName: 'Kielletty',
      version: String(cp!.version),
      bansShown: '1',
      noSms: 'on',
    });
    expect(edited.statusCode).toBe(303);
    const [after] = await t.app.db.select().from(contactPersons).where(eq(contactPersons.id, cp!.id));
    expect([after!.noMarketing, after!.noSms, after!.noEmail]).toEqual([false, true, false]);
    expect(after!.version).toBe(cp!.version + 1);

    const tab = await staff.get(`/customers/${orgId}/contact-persons`, htmxPartial);
    expect(tab.body).toContain('Kielletty Kerttu');
    expect(tab.body).toContain('<span class="badge danger">Ei tekstiviestejä</span>');
    expect(tab.body).not.toContain('<span class="badge danger">Ei kirjepostia</span>');

    const history = await staff.get(`/contact-persons/${cp!.id}/bans/history`, htmxPartial);
    expect(history.body).toContain('<td>Ei kirjepostia</td><td>poistettu</td>');
    expect(history.body).toContain('<td>Ei tekstiviestejä</td><td>asetettu</td>');

    const audit = await staff.get(`/customers/${orgId}/history`);
    expect(audit.body).toContain('Yhteyshenkilön markkinointikiellot muutettu');
    expect(audit.body).toContain('Kerttu Kielletty: Ei tekstiviestejä');

    // A form without the ban section leaves the bans as they are.
    await staff.post(`/contact-persons/${cp!.id}`, {
      firstName: 'Kerttu',
      lastName: 'Kielletty',
      title: 'Johtaja',
      version: String(after!.version),
    });
    const [kept] = await t.app.db.select().from(contactPersons).where(eq(contactPersons.id, cp!.id));
    expect(kept!.noSms).toBe(true);
  });

  it('answers 404 for the history of an unknown contact person', async () => {
    expect((await staff.get('/contact-persons/999999/bans/history')).statusCode).toBe(404);
  });
});
