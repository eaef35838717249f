import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, customerGroups, customers } from '../../src/db/schema/index.js';
import { createCustomer } from '../../src/features/customers/queries.js';
import { customerSchema } from '../../src/features/customers/schemas.js';
import { type Agent, createTestApp, loginAs, type TestApp } from '../helpers/app.js';

let t: TestApp;
let admin: Agent;
beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, 'admin');
});
afterAll(() => t.close());

async function groupId(name: string): Promise<number> {
  const [g] = await t.app.db.select().from(customerGroups).where(eq(customerGroups.name, name));
  if (!g) throw new Error(`no group ${name}`);
  return g.id;
}

async function addGroup(name: string, parent?: string) {
  const res = await admin.post('/settings/groups', {
    name,
    parentId: parent ? String(await groupId(parent)) : '',
  });
  expect(res.statusCode).toBe(303);
  return groupId(name);
}

async function kindId(): Promise<number> {
  const [row] = await t.app.db.execute<{ id: number }>(
    sql`select id from customer_kinds where code = 'ASIAKAS'`,
  );
  return row!.id;
}

async function customerIn(group: number, name: string) {
  const input = customerSchema.parse({
    type: 'organisation',
    name,
    kindId: String(await kindId()),
    groupId: String(group),
  });
  return createCustomer(t.app.db, input, admin.userId);
}

describe('customer group tree', () => {
  it('creates a tree and shows it as nested lists with customer counts', async () => {
    const europe = await addGroup('Eurooppa');
    const nordic = await addGroup('Pohjoismaat', 'Eurooppa');
    await addGroup('Suomi', 'Pohjoismaat');
    await addGroup('Aasia');
    await customerIn(nordic, 'Nordic Oy');
    await customerIn(europe, 'Euro Oy');
    const res = await admin.get('/settings/groups');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<ul class="tree">');
    const tree = res.body.slice(res.body.indexOf('<ul class="tree">'));
    const eu = tree.indexOf('Eurooppa');
    const nord = tree.indexOf('Pohjoismaat', eu);
    const fi = tree.indexOf('Suomi', nord);
    expect(eu).toBeGreaterThan(-1);
    expect(nord).toBeGreaterThan(eu);
    expect(fi).toBeGreaterThan(nord);
    // Suomi sits inside a <ul> inside Pohjoismaat's <li>.
    expect(tree.slice(nord, fi)).toContain('<ul>');
    expect(res.body).toContain('(alaryhmineen 2)');
  });

  it('refuses a sibling with the same name', async () => {
    const res = await admin.post('/settings/groups', {
      name: 'suomi',
      parentId: String(await groupId('Pohjoismaat')),
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Samassa yläryhmässä on jo tämän niminen ryhmä.');
  });

  it('renames and moves a group', async () => {
    const asia = await groupId('Aasia');
    const renamed = await admin.post(`/settings/groups/${asia}/rename`, { name: 'Aasia ja Oseania' });
    expect(renamed.statusCode).toBe(303);
    const moved = await admin.post(`/settings/groups/${asia}/move`, {
      parentId: String(await groupId('Eurooppa')),
    });
    expect(moved.statusCode).toBe(303);
    const [row] = await t.app.db.select().from(customerGroups).where(eq(customerGroups.id, asia));
    expect(row).toMatchObject({ name: 'Aasia ja Oseania', parentId: await groupId('Eurooppa') });
    const back = await admin.post(`/settings/groups/${asia}/move`, { parentId: '' });
    expect(back.statusCode).toBe(303);
    const audit = await t.app.db.select().from(auditLog).where(eq(auditLog.entityId, asia));
    expect(audit.filter((a) => a.entity === 'group').map((a) => a.action)).toEqual(
      expect.arrayContaining(['create', 'update', 'move']),
    );
  });

  it('refuses moving a group under itself or its own descendant', async () => {
    const europe = await groupId('Eurooppa');
    const finland = await groupId('Suomi');
    const underDescendant = await admin.post(`/settings/groups/${europe}/move`, {
      parentId: String(finland),
    });
    expect(underDescendant.statusCode).toBe(422);
    expect(underDescendant.body).toContain('Ryhmää ei voi siirtää itsensä tai oman alaryhmänsä alle.');
    const underItself = await admin.post(`/settings/groups/${europe}/move`, { parentId: String(europe) });
    expect(underItself.statusCode).toBe(422);
    const [row] = await t.app.db.select().from(customerGroups).where(eq(customerGroups.id, europe));
    expect(row!.parentId).toBeNull();
  });

  it('refuses deleting a group that has subgroups or customers, and offers reassignment', async () => {
    const nordic = await groupId('Pohjoismaat');
    const page = await admin.get(`/settings/groups/${nordic}/delete`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Siirrä ja poista');
    const res = await admin.post(`/settings/groups/${nordic}/delete`, {});
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('Ryhmää ei voi poistaa, koska se ei ole tyhjä (alaryhmiä: 1, asiakkaita: 1).');
    await groupId('Pohjoismaat');
  });

  it('refuses reassigning into the group being deleted or its subgroup', async () => {
    const nordic = await groupId('Pohjoismaat');
    const res = await admin.post(`/settings/groups/${nordic}/delete`, {
      reassignTo: String(await groupId('Suomi')),
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Valitse ryhmä, joka ei ole poistettava ryhmä eikä sen alaryhmä.');
  });

  it('reassigns customers and subgroups to another group and deletes, audited per customer', async () => {
    const nordic = await groupId('Pohjoismaat');
    const target = await groupId('Aasia ja Oseania');
    const extra = await customerIn(nordic, 'Toinen Oy');
    const res = await admin.post(`/settings/groups/${nordic}/delete`, { reassignTo: String(target) });
    expect(res.statusCode).toBe(303);
    const gone = await t.app.db.select().from(customerGroups).where(eq(customerGroups.id, nordic));
    expect(gone).toHaveLength(0);
    const moved = await t.app.db
      .select({ name: customers.name, version: customers.version })
      .from(customers)
      .where(eq(customers.groupId, target));
    expect(moved.map((c) => c.name).sort()).toEqual(['Nordic Oy', 'Toinen Oy']);
    expect(moved.every((c) => c.version === 2)).toBe(true);
    const [finland] = await t.app.db.select().from(customerGroups).where(eq(customerGroups.name, 'Suomi'));
    expect(finland!.parentId).toBe(target);
    const audit = await t.app.db.select().from(auditLog).where(eq(auditLog.customerId, extra.id));
    expect(audit.some((a) => a.action === 'update' && 'groupId' in a.changes)).toBe(true);
    const list = await admin.get('/settings/groups');
    expect(list.body).toContain('Ryhmä Pohjoismaat poistettu. Siirretty asiakkaita: 2, alaryhmiä: 1.');
  });

  it('deletes an empty group', async () => {
    const lone = await addGroup('Tyhjä');
    const res = await admin.post(`/settings/groups/${lone}/delete`, {});
    expect(res.statusCode).toBe(303);
    const gone = await t.app.db.select().from(customerGroups).where(eq(customerGroups.id, lone));
    expect(gone).toHaveLength(0);
  });
});
