import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, customerProfileValues, profileFields, profileValues } from '../../src/db/schema/index.js';
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

const base = '/settings/profiles';

async function fieldByCode(code: string) {
  const [f] = await t.app.db.select().from(profileFields).where(eq(profileFields.code, code));
  return f;
}

async function valuesOf(fieldId: number) {
  return t.app.db
    .select()
    .from(profileValues)
    .where(eq(profileValues.fieldId, fieldId))
    .orderBy(profileValues.sort, profileValues.id);
}

async function newField(code: string, title: string, type: string) {
  const res = await admin.post(base, { code, title, type });
  expect(res.statusCode).toBe(303);
  return (await fieldByCode(code.toUpperCase()))!;
}

async function newValue(fieldId: number, code: string, label: string) {
  const res = await admin.post(`${base}/${fieldId}/values`, { code, label });
  expect(res.statusCode).toBe(303);
  return (await valuesOf(fieldId)).find((v) => v.code === code.toUpperCase())!;
}

async function customerValues(valueId: number) {
  const rows = await t.app.db
    .select({ customerId: customerProfileValues.customerId })
    .from(customerProfileValues)
    .where(eq(customerProfileValues.valueId, valueId));
  return rows.map((r) => r.customerId).sort((a, b) => a - b);
}

describe('profile fields', () => {
  it('is for admins only and linked from the settings page', async () => {
    expect((await staff.get(base)).statusCode).toBe(403);
    expect((await staff.post(base, { code: 'X', title: 'X', type: 'memo' })).statusCode).toBe(403);
    const index = await admin.get('/settings');
    expect(index.body).toContain(`href="${base}"`);
  });

  it('creates fields of every type, lists them with type and value count, audited', async () => {
    const empty = await admin.get(base);
    expect(empty.body).toContain('Profiilikenttiä ei ole vielä määritelty.');
    const toim = await newField('toim', 'Toimiala', 'single');
    expect(toim.type).toBe('single');
    await newValue(toim.id, 'pharm', 'Apteekki');
    await newField('HARR', 'Harrastukset', 'multi');
    await newField('SYNT', 'Syntymäpäivä', 'date');
    const list = await admin.get(base);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Toimiala');
    expect(list.body).toContain('Luokitus (yksi arvo)');
    expect(list.body).toContain('Multiluokitus (monta arvoa)');
    expect(list.body).toContain('Päivämäärä');
    expect(list.body).toMatch(/<td class="num">1<\/td>/);
    const audit = await t.app.db.select().from(auditLog).where(eq(auditLog.entity, 'profile_field'));
    expect(audit.some((a) => a.entityId === toim.id && a.action === 'create')).toBe(true);
  });

  it('refuses a bad, too long or taken field code and a missing type', async () => {
    const long = await admin.post(base, { code: 'ABCDEFGHIJK', title: 'Pitkä', type: 'memo' });
    expect(long.statusCode).toBe(422);
    expect(long.body).toContain('Tunnus: 1–10 merkkiä, isoja kirjaimia A–Z ja numeroita.');
    const taken = await admin.post(base, { code: 'toim', title: 'Toinen', type: 'memo' });
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('Arvo on jo käytössä.');
    const noType = await admin.post(base, { code: 'UUSI', title: 'Uusi', type: 'other' });
    expect(noType.statusCode).toBe(422);
    expect(noType.body).toContain('Valitse kentän tyyppi.');
    expect(await fieldByCode('UUSI')).toBeUndefined();
  });

  it('changes the type only while the field has no values or answers', async () => {
    const f = await newField('VAIHT', 'Vaihtuva', 'text');
    const ok = await admin.post(`${base}/${f.id}`, { code: 'VAIHT', title: 'Vaihtuva', type: 'single' });
    expect(ok.statusCode).toBe(303);
    await newValue(f.id, 'A', 'Aa');
    const page = await admin.get(`${base}/${f.id}`);
    expect(page.body).toContain('Tyyppiä ei voi muuttaa, koska kentällä on arvoja tai vastauksia.');
    const refused = await admin.post(`${base}/${f.id}`, { code: 'VAIHT', title: 'Vaihtuva', type: 'multi' });
    expect(refused.statusCode).toBe(422);
    expect((await fieldByCode('VAIHT'))!.type).toBe('single');
    const memo = await newField('MEMO1', 'Muistio', 'memo');
    const customer = await person(t.app.db, 'Memo');
    await staff.post(`/customers/${customer}/profile`, { p_MEMO1: 'Jotain' });
    const locked = await admin.post(`${base}/${memo.id}`, { code: 'MEMO1', title: 'Muistio', type: 'text' });
    expect(locked.statusCode).toBe(422);
  });

  it('reorders fields with the up and down buttons', async () => {
    const codes = async () => {
      const body = (await admin.get(base)).body;
      return [...body.matchAll(/<td><strong>([A-Z0-9]+)<\/strong><\/td>/g)].map((m) => m[1]);
    };
    const before = await codes();
    const harr = await fieldByCode('HARR');
    expect((await admin.post(`${base}/${harr!.id}/move`, { direction: 'up' })).statusCode).toBe(303);
    const after = await codes();
    const i = before.indexOf('HARR');
    expect(after.indexOf('HARR')).toBe(i - 1);
    expect(after[i]).toBe(before[i - 1]);
    await admin.post(`${base}/${harr!.id}/move`, { direction: 'down' });
    expect(await codes()).toEqual(before);
  });

  it('deletes a field nobody has answered; a field with answers shows how many', async () => {
    const unused = await newField('POIS', 'Poistettava', 'text');
    const del = await admin.post(`${base}/${unused.id}/delete`, {});
    expect(del.statusCode).toBe(303);
    expect(await fieldByCode('POIS')).toBeUndefined();
    const used = await newField('KAYT', 'Käytetty', 'text');
    for (const name of ['Eka', 'Toka']) {
      const c = await person(t.app.db, name);
      await staff.post(`/customers/${c}/profile`, { p_KAYT: 'Teksti' });
    }
    const refused = await admin.post(`${base}/${used.id}/delete`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('2 asiakkaalla on vastaus tähän kenttään');
    expect(await fieldByCode('KAYT')).toBeDefined();
  });
});

describe('profile list values', () => {
  it('refuses a code longer than 5 characters and a duplicate in the same field, allows it in another', async () => {
    const a = await newField('LISTA1', 'Lista yksi', 'single');
    const b = await newField('LISTA2', 'Lista kaksi', 'multi');
    const long = await admin.post(`${base}/${a.id}/values`, { code: 'ABCDEF', label: 'Liian pitkä' });
    expect(long.statusCode).toBe(422);
    expect(long.body).toContain('Koodi saa olla enintään 5 merkkiä.');
    expect(long.body).toContain('value="ABCDEF"');
    await newValue(a.id, 'SAMA', 'Sama');
    const dup = await admin.post(`${base}/${a.id}/values`, { code: 'sama', label: 'Toinen' });
    expect(dup.statusCode).toBe(422);
    expect(dup.body).toContain('Koodi on jo käytössä tässä kentässä.');
    const other = await admin.post(`${base}/${b.id}/values`, { code: 'SAMA', label: 'Sama toisessa' });
    expect(other.statusCode).toBe(303);
    expect((await valuesOf(a.id)).map((v) => v.code)).toEqual(['SAMA']);
    expect((await valuesOf(b.id)).map((v) => v.code)).toEqual(['SAMA']);
  });

  it('edits a value (code rules apply) and reorders values', async () => {
    const f = await newField('MUOK', 'Muokattava', 'multi');
    const x = await newValue(f.id, 'X', 'Iks');
    const y = await newValue(f.id, 'Y', 'Yy');
    const edit = await admin.get(`${base}/${f.id}/values/${x.id}`);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('Yksikään asiakas ei käytä tätä arvoa.');
    expect((await admin.post(`${base}/${f.id}/values/${x.id}`, { code: 'Y', label: 'Iks' })).statusCode).toBe(
      422,
    );
    expect(
      (await admin.post(`${base}/${f.id}/values/${x.id}`, { code: 'XX', label: 'Äksä' })).statusCode,
    ).toBe(303);
    expect((await valuesOf(f.id)).map((v) => v.label)).toEqual(['Äksä', 'Yy']);
    await admin.post(`${base}/${f.id}/values/${y.id}/move`, { direction: 'up' });
    expect((await valuesOf(f.id)).map((v) => v.code)).toEqual(['Y', 'XX']);
    const page = await admin.get(`${base}/${f.id}`);
    expect(page.body.indexOf('Yy')).toBeLessThan(page.body.indexOf('Äksä'));
  });

  it('refuses to delete a used value with the count and merges a multi value', async () => {
    const f = await newField('HOBBY', 'Harrastus', 'multi');
    const go = await newValue(f.id, 'GO', 'Golf');
    const golf = await newValue(f.id, 'GOLF', 'Golf (vanha)');
    const sk = await newValue(f.id, 'SK', 'Hiihto');
    const both = await person(t.app.db, 'Molemmat');
    const oldOnly = await person(t.app.db, 'Vanha');
    const ski = await person(t.app.db, 'Hiihtäjä');
    await staff.post(`/customers/${both}/profile`, { p_HOBBY: ['GO', 'GOLF', 'SK'] });
    await staff.post(`/customers/${oldOnly}/profile`, { p_HOBBY: ['GOLF'] });
    await staff.post(`/customers/${ski}/profile`, { p_HOBBY: ['SK'] });

    const refused = await admin.post(`${base}/${f.id}/values/${golf.id}/delete`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('2 asiakasta käyttää tätä arvoa.');
    expect(refused.body).toContain('Yhdistä arvoon');
    expect(refused.body).toContain(`<option value="${go.id}"`);
    expect(await customerValues(golf.id)).toEqual([both, oldOnly].sort((a, b) => a - b));

    const merge = await admin.post(`${base}/${f.id}/values/${golf.id}/merge`, { into: String(go.id) });
    expect(merge.statusCode).toBe(303);
    const page = await admin.get(`${base}/${f.id}`);
    expect(page.body).toContain('Arvo GOLF yhdistettiin arvoon GO (2 asiakasta).');
    expect((await valuesOf(f.id)).map((v) => v.code)).toEqual(['GO', 'SK']);
    expect(await customerValues(go.id)).toEqual([both, oldOnly].sort((a, b) => a - b));
    expect(await customerValues(sk.id)).toEqual([both, ski].sort((a, b) => a - b));
    const audit = await t.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.customerId, oldOnly), eq(auditLog.entity, 'profile')));
    expect(
      audit.some(
        (a) => JSON.stringify(a.changes) === JSON.stringify({ Harrastus: ['Golf (vanha)', 'Golf'] }),
      ),
    ).toBe(true);
  });

  it('merges a single value so that each customer keeps exactly one value', async () => {
    const f = await newField('LUOK', 'Luokka', 'single');
    const a = await newValue(f.id, 'A', 'A-luokka');
    const b = await newValue(f.id, 'B', 'B-luokka');
    const c = await newValue(f.id, 'C', 'C-luokka');
    const ids = [];
    for (const [name, code] of [
      ['Aa', 'A'],
      ['Bb', 'B'],
      ['Cc', 'C'],
      ['Ab', 'A'],
    ] as const) {
      const id = await person(t.app.db, name);
      await staff.post(`/customers/${id}/profile`, { p_LUOK: code });
      ids.push(id);
    }
    const merge = await admin.post(`${base}/${f.id}/values/${a.id}/merge`, { into: String(b.id) });
    expect(merge.statusCode).toBe(303);
    expect((await customerValues(b.id)).length).toBe(3);
    expect((await customerValues(c.id)).length).toBe(1);
    for (const id of ids) {
      const rows = await t.app.db
        .select()
        .from(customerProfileValues)
        .where(and(eq(customerProfileValues.customerId, id), eq(customerProfileValues.fieldId, f.id)));
      expect(rows).toHaveLength(1);
    }
    expect(await t.app.db.select().from(profileValues).where(eq(profileValues.id, a.id))).toEqual([]);
  });

  it('refuses merging into a value of another field, and deletes an unused value', async () => {
    const f = await newField('YKS', 'Yksi', 'single');
    const g = await newField('KAKS', 'Kaksi', 'single');
    const v = await newValue(f.id, 'V', 'Vee');
    const w = await newValue(g.id, 'W', 'Wee');
    const bad = await admin.post(`${base}/${f.id}/values/${v.id}/merge`, { into: String(w.id) });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Valitse saman kentän toinen arvo.');
    const del = await admin.post(`${base}/${f.id}/values/${v.id}/delete`, {});
    expect(del.statusCode).toBe(303);
    expect(await valuesOf(f.id)).toEqual([]);
  });
});
