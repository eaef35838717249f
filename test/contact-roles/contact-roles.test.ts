import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, contactPersons, contactRoles } from '../../src/db/schema/index.js';
import { contactPersonDetails } from '../../src/features/contact-roles/queries.js';
import { newCustomer } from '../bans/helpers.js';
import { kindId } from '../customers/helpers.js';
import { type Agent, createTestApp, htmxPartial, loginAs, type TestApp } from '../helpers/app.js';

let t: TestApp;
let staff: Agent;
let viewer: Agent;
let orgId: number;
let otherOrgId: number;
let personId: number;
let anna: number;
let bertta: number;
let outsider: number;

async function addContact(org: number, firstName: string, lastName: string) {
  const [cp] = await t.app.db
    .insert(contactPersons)
    .values({ customerId: org, firstName, lastName })
    .returning();
  return cp!.id;
}

const rolesOf = (org: number) =>
  t.app.db
    .select({ role: contactRoles.role, contactPersonId: contactRoles.contactPersonId })
    .from(contactRoles)
    .where(eq(contactRoles.customerId, org))
    .orderBy(contactRoles.role);

beforeAll(async () => {
  t = await createTestApp();
  staff = await loginAs(t.app, 'staff');
  viewer = await loginAs(t.app, 'readonly');
  const kind = await kindId(t.app.db);
  orgId = await newCustomer(staff, kind, { type: 'organisation', name: 'Roolit Oy' });
  otherOrgId = await newCustomer(staff, kind, { type: 'organisation', name: 'Muu Oy' });
  personId = await newCustomer(staff, kind, { type: 'person', firstName: 'Yksi', lastName: 'Henkilö' });
  anna = await addContact(orgId, 'Anna', 'Ahonen');
  bertta = await addContact(orgId, 'Bertta', 'Björklund');
  outsider = await addContact(otherOrgId, 'Ulla', 'Ulkopuolinen');
});
afterAll(() => t.close());

describe('contact roles of an organisation', () => {
  it('shows a select per role listing the organisation’s contact persons', async () => {
    const tab = await staff.get(`/customers/${orgId}/contact-persons`, htmxPartial);
    expect(tab.body).toContain('Yhteyshenkilöiden roolit');
    for (const label of ['Sähköpostilaskut ja maksukehotukset', 'Ostotilaukset', 'Myyntitilaukset'])
      expect(tab.body).toContain(label);
    expect(tab.body).toContain(`<option value="${anna}">Ahonen Anna</option>`);
    expect(tab.body).not.toContain('Ulkopuolinen');
    const full = await staff.get(`/customers/${orgId}/contact-persons`);
    expect(full.body).toContain('<html');
    expect(full.body).toContain('name="CONTACT_SALES"');
  });

  it('saves the roles, at most one person per role, and shows them beside the names', async () => {
    const res = await staff.post(`/customers/${orgId}/contact-roles`, {
      CONTACT_NUMBER: String(anna),
      CONTACT_PURCHASE: String(anna),
      CONTACT_SALES: '',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/customers/${orgId}/contact-persons`);
    expect(await rolesOf(orgId)).toEqual([
      { role: 'CONTACT_NUMBER', contactPersonId: anna },
      { role: 'CONTACT_PURCHASE', contactPersonId: anna },
    ]);

    // Giving a role to someone else moves it: still one row per role.
    await staff.post(`/customers/${orgId}/contact-roles`, {
      CONTACT_NUMBER: String(bertta),
      CONTACT_PURCHASE: String(anna),
      CONTACT_SALES: String(bertta),
    });
    expect(await rolesOf(orgId)).toEqual([
      { role: 'CONTACT_NUMBER', contactPersonId: bertta },
      { role: 'CONTACT_PURCHASE', contactPersonId: anna },
      { role: 'CONTACT_SALES', contactPersonId: bertta },
    ]);

    const tab = await staff.get(`/customers/${orgId}/contact-persons`, htmxPartial);
    const annaRow = tab.body.slice(tab.body.indexOf('Ahonen Anna'), tab.body.indexOf('Björklund Bertta'));
    expect(annaRow).toContain('<span class="badge">Ostotilaukset</span>');
    expect(annaRow).not.toContain('<span class="badge">Myyntitilaukset</span>');
    expect(tab.body).toContain(`<option value="${bertta}" selected>Björklund Bertta</option>`);

    const history = await staff.get(`/customers/${orgId}/history`);
    expect(history.body).toContain('Yhteyshenkilöiden roolit muutettu');
    expect(history.body).toMatch(
      /Sähköpostilaskut ja maksukehotukset: <span class="old">Anna Ahonen<\/span> → <span class="new">Bertta Björklund<\/span>/,
    );
  });

  it('refuses a contact person of another organisation with a message, saving nothing', async () => {
    const res = await staff.post(`/customers/${orgId}/contact-roles`, {
      CONTACT_NUMBER: String(outsider),
      CONTACT_PURCHASE: '',
      CONTACT_SALES: '',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('ei ole tämän organisaation yhteyshenkilö');
    expect((await rolesOf(orgId)).find((r) => r.role === 'CONTACT_NUMBER')?.contactPersonId).toBe(bertta);
    expect(
      (await staff.post(`/customers/${personId}/contact-roles`, { CONTACT_NUMBER: '' })).statusCode,
    ).toBe(400);
  });

  it('clears roles with "nobody" and when the contact person is deleted', async () => {
    await staff.post(`/customers/${orgId}/contact-roles`, {
      CONTACT_NUMBER: String(bertta),
      CONTACT_PURCHASE: '',
      CONTACT_SALES: String(bertta),
    });
    expect((await rolesOf(orgId)).map((r) => r.role)).toEqual(['CONTACT_NUMBER', 'CONTACT_SALES']);
    expect((await staff.post(`/contact-persons/${bertta}/delete`, {})).statusCode).toBe(303);
    expect(await rolesOf(orgId)).toEqual([]);
    const audits = await t.app.db.$count(auditLog, eq(auditLog.entity, 'contact_role'));
    expect(audits).toBe(3);
  });

  it('gives the API its contact persons with roles, bans and properties', async () => {
    await staff.post(`/customers/${orgId}/contact-roles`, {
      CONTACT_NUMBER: String(anna),
      CONTACT_SALES: String(anna),
    });
    await t.app.db.update(contactPersons).set({ noEmail: true }).where(eq(contactPersons.id, anna));
    const details = await contactPersonDetails(t.app.db, orgId);
    expect(details).toEqual([
      expect.objectContaining({
        id: anna,
        firstName: 'Anna',
        lastName: 'Ahonen',
        roles: ['CONTACT_NUMBER', 'CONTACT_SALES'],
        bans: { noMarketing: false, noSms: false, noEmail: true },
        properties: [],
      }),
    ]);
  });

  it('lets a read-only user see the roles but not change them', async () => {
    const tab = await viewer.get(`/customers/${orgId}/contact-persons`, htmxPartial);
    expect(tab.body).toContain('Yhteyshenkilöiden roolit');
    expect(tab.body).toContain('<dd>Ahonen Anna</dd>');
    expect(tab.body).not.toContain(`/customers/${orgId}/contact-roles`);
    const res = await viewer.post(`/customers/${orgId}/contact-roles`, { CONTACT_PURCHASE: String(anna) });
    expect(res.statusCode).toBe(403);
    expect((await rolesOf(orgId)).map((r) => r.role)).toEqual(['CONTACT_NUMBER', 'CONTACT_SALES']);
  });
});
