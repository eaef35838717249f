import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, customerProfileTexts, customerProfileValues } from '../../src/db/schema/index.js';
import {
  countCustomersWithProfileValue,
  customersWithProfileValue,
} from '../../src/features/profiles/queries.js';
import { type Agent, createTestApp, htmxPartial, loginAs, type TestApp } from '../helpers/app.js';
import { person, standardFields } from './helpers.js';

let t: TestApp;
let staff: Agent;
let readonly: Agent;
let fields: Awaited<ReturnType<typeof standardFields>>;

beforeAll(async () => {
  t = await createTestApp();
  staff = await loginAs(t.app, 'staff');
  readonly = await loginAs(t.app, 'readonly');
  fields = await standardFields(t.app.db);
});
afterAll(() => t.close());

const tab = (id: number) => `/customers/${id}/profile`;

const filled = {
  p_TOIM: 'PHARM',
  p_HARR: ['GO', 'SK'],
  p_SYNT: '1.2.1980',
  p_MUIST: 'Tärkeä asiakas: ääkköset ÄÖÅ\nToinen rivi åäö',
  p_LEMPI: 'Jörö-Åke',
};

async function rows(customerId: number) {
  const db = t.app.db;
  const values = await db
    .select({ valueId: customerProfileValues.valueId })
    .from(customerProfileValues)
    .where(eq(customerProfileValues.customerId, customerId));
  const texts = await db
    .select()
    .from(customerProfileTexts)
    .where(eq(customerProfileTexts.customerId, customerId));
  return { values: values.map((v) => v.valueId).sort((a, b) => a - b), texts };
}

describe('the Profiilit tab', () => {
  it('shows every field in order with the control of its type', async () => {
    const id = await person(t.app.db, 'Tyhjä');
    const res = await staff.get(tab(id));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html');
    expect(res.body).toContain('aria-selected="true">Profiilit</a>');
    const order = ['Toimiala', 'Harrastukset', 'Syntymäpäivä', 'Muistiinpanot', 'Lempinimi'].map((s) =>
      res.body.indexOf(s),
    );
    expect(order.every((p, i) => p > 0 && (i === 0 || p > order[i - 1]!))).toBe(true);
    expect(res.body).toMatch(
      /<select id="pf-TOIM" name="p_TOIM">\s*<option value="">\(ei valittu\)<\/option>/,
    );
    expect(res.body).toContain('<input type="checkbox" name="p_HARR" value="GO"> Golf');
    expect(res.body).toContain('<textarea id="pf-MUIST" name="p_MUIST"');
    expect(res.body).toMatch(
      /<input id="pf-SYNT" name="p_SYNT" type="text"[^>]*placeholder="esim\. 1\.2\.2026"/,
    );
    expect(res.body).toMatch(/<input id="pf-LEMPI" name="p_LEMPI" type="text"/);
  });

  it('saves each type and shows what was entered, Finnish characters and date included', async () => {
    const id = await person(t.app.db, 'Täysi');
    const res = await staff.post(tab(id), filled);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(tab(id));
    const page = await staff.get(tab(id));
    expect(page.body).toContain('Profiilit tallennettu.');
    expect(page.body).toContain('<option value="PHARM" selected>Apteekki</option>');
    expect(page.body).toContain('value="GO" checked> Golf');
    expect(page.body).toContain('value="SK" checked> Hiihto');
    expect(page.body).toContain('value="KA"> Kalastus');
    expect(page.body).toContain('value="1.2.1980"');
    expect(page.body).toContain('Tärkeä asiakas: ääkköset ÄÖÅ\nToinen rivi åäö</textarea>');
    expect(page.body).toContain('value="Jörö-Åke"');
    const saved = await rows(id);
    expect(saved.values).toEqual(
      [fields.toim.values.PHARM!, fields.harr.values.GO!, fields.harr.values.SK!].sort((a, b) => a - b),
    );
    expect(saved.texts.find((r) => r.fieldId === fields.synt.id)?.date).toBe('1980-02-01');
  });

  it('writes audit with old → new labels per changed field, shown on the history tab', async () => {
    const id = await person(t.app.db, 'Audit');
    await staff.post(tab(id), filled);
    await staff.post(tab(id), { ...filled, p_TOIM: 'RETA', p_HARR: ['GO'] });
    const audit = await t.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.customerId, id), eq(auditLog.entity, 'profile')))
      .orderBy(auditLog.id);
    expect(audit).toHaveLength(2);
    expect(audit[0]!.userId).toBe(staff.userId);
    expect(audit[0]!.changes).toMatchObject({
      Toimiala: [null, 'Apteekki'],
      Harrastukset: [null, 'Golf, Hiihto'],
    });
    expect(audit[1]!.changes).toEqual({
      Toimiala: ['Apteekki', 'Vähittäiskauppa'],
      Harrastukset: ['Golf, Hiihto', 'Golf'],
    });
    const history = await staff.get(`/customers/${id}/history`);
    expect(history.body).toContain('Vähittäiskauppa');
  });

  it('removes the rows of cleared values', async () => {
    const id = await person(t.app.db, 'Tyhjennys');
    await staff.post(tab(id), filled);
    const res = await staff.post(tab(id), { p_TOIM: '', p_SYNT: '', p_MUIST: '  ', p_LEMPI: '' });
    expect(res.statusCode).toBe(303);
    expect(await rows(id)).toEqual({ values: [], texts: [] });
    const page = await staff.get(tab(id));
    expect(page.body).not.toContain('checked>');
    expect(page.body).toContain('<option value="">(ei valittu)</option>');
  });

  it('refuses a day that does not exist with a message beside the field and saves nothing', async () => {
    const id = await person(t.app.db, 'Päivä');
    const res = await staff.post(tab(id), { ...filled, p_SYNT: '31.2.2026' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(/value="31\.2\.2026"[^>]*aria-invalid="true"/);
    expect(res.body).toContain(
      '<p class="field-error" id="pf-SYNT-err">Päivämäärä ei ole kelvollinen (esim. 1.2.2026).</p>',
    );
    expect(res.body).toContain('value="Jörö-Åke"');
    expect(await rows(id)).toEqual({ values: [], texts: [] });
  });

  it('refuses a value that is not on the field list', async () => {
    const id = await person(t.app.db, 'Lista');
    const res = await staff.post(tab(id), { p_TOIM: 'NOPE', p_HARR: ['GO', 'XX'] });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('id="pf-TOIM-err">Valitse arvo listalta.');
    expect(res.body).toContain('id="pf-HARR-err">Valitse arvo listalta.');
    expect(await rows(id)).toEqual({ values: [], texts: [] });
  });

  it('renders only the card body for htmx, both the tab and a save', async () => {
    const id = await person(t.app.db, 'Htmx');
    const get = await staff.get(tab(id), htmxPartial);
    expect(get.statusCode).toBe(200);
    expect(get.body).not.toContain('<html');
    expect(get.body).toContain('role="tablist"');
    expect(get.body).toContain('name="p_TOIM"');
    expect(get.body).toContain(`hx-post="${tab(id)}"`);
    const saved = await staff.post(tab(id), filled, htmxPartial);
    expect(saved.statusCode).toBe(200);
    expect(saved.body).not.toContain('<html');
    expect(saved.body).toContain('Profiilit tallennettu.');
    expect(saved.body).toContain('<option value="PHARM" selected>');
    const bad = await staff.post(tab(id), { p_SYNT: '31.2.2026' }, htmxPartial);
    expect(bad.statusCode).toBe(422);
    expect(bad.body).not.toContain('<html');
    expect(bad.body).toContain('Päivämäärä ei ole kelvollinen');
  });

  it('lets read-only users see the values but not change them', async () => {
    const id = await person(t.app.db, 'Luku');
    await staff.post(tab(id), filled);
    const res = await readonly.get(tab(id));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Apteekki');
    expect(res.body).toContain('Golf, Hiihto');
    expect(res.body).toContain('1.2.1980');
    expect(res.body).toContain('Tärkeä asiakas: ääkköset ÄÖÅ<br>Toinen rivi åäö');
    expect(res.body).not.toContain('name="p_TOIM"');
    expect(res.body).not.toContain(`action="${tab(id)}"`);
    const post = await readonly.post(tab(id), { p_TOIM: 'RETA' });
    expect(post.statusCode).toBe(403);
    expect((await rows(id)).values).toContain(fields.toim.values.PHARM);
  });

  it('answers 404 for a customer that does not exist', async () => {
    expect((await staff.get(tab(99_999_999))).statusCode).toBe(404);
  });
});

describe('CRM search look-ups', () => {
  it('lists and counts the customers with a value, in id order with keyset paging', async () => {
    const ids: number[] = [];
    for (const name of ['Haku1', 'Haku2', 'Haku3']) {
      const id = await person(t.app.db, name);
      ids.push(id);
      await staff.post(tab(id), { p_HARR: ['KA'] });
    }
    const other = await person(t.app.db, 'Haku4');
    await staff.post(tab(other), { p_HARR: ['GO'] });
    expect(await customersWithProfileValue(t.app.db, 'HARR', 'KA', 1000)).toEqual(ids);
    expect(await customersWithProfileValue(t.app.db, 'HARR', 'KA', 2)).toEqual(ids.slice(0, 2));
    expect(await customersWithProfileValue(t.app.db, 'HARR', 'KA', 2, ids[1])).toEqual([ids[2]]);
    expect(await countCustomersWithProfileValue(t.app.db, 'HARR', 'KA')).toBe(3);
    expect(await customersWithProfileValue(t.app.db, 'HARR', 'NOPE', 10)).toEqual([]);
    expect(await countCustomersWithProfileValue(t.app.db, 'TOIM', 'KA')).toBe(0);
  });
});
