import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  customerProperties,
  customerTracking,
  properties,
  propertyGroups,
  trackingDimensions,
  trackingValues,
} from '../../src/db/schema/index.js';
import { type Agent, createTestApp, htmxPartial, loginAs, type TestApp } from '../helpers/app.js';
import { newCustomer } from './helpers.js';

let t: TestApp;
let staff: Agent;
let reader: Agent;
let customerId: number;
const dim = { region: 0, industry: 0 };
const val = { uusimaa: 0, pirkanmaa: 0, retail: 0, otherRegion: 0 };
const prop = { golf: 0, sauna: 0, vip: 0 };

beforeAll(async () => {
  t = await createTestApp();
  staff = await loginAs(t.app, 'staff');
  reader = await loginAs(t.app, 'readonly');
  const db = t.app.db;
  const [region, industry] = await db
    .insert(trackingDimensions)
    .values([
      { code: 'ALUE', name: 'Alue', sort: 1 },
      { code: 'TOIMIALA', name: 'Toimiala', sort: 2 },
    ])
    .returning();
  dim.region = region!.id;
  dim.industry = industry!.id;
  const values = await db
    .insert(trackingValues)
    .values([
      { dimensionId: region!.id, code: 'UUSI', name: 'Uusimaa', sort: 1 },
      { dimensionId: region!.id, code: 'PIRK', name: 'Pirkanmaa', sort: 2 },
      { dimensionId: industry!.id, code: 'VÄHITTÄIS', name: 'Vähittäiskauppa' },
    ])
    .returning();
  val.uusimaa = values[0]!.id;
  val.pirkanmaa = values[1]!.id;
  val.retail = values[2]!.id;
  const [hobbies] = await db.insert(propertyGroups).values({ name: 'Harrastukset' }).returning();
  const props = await db
    .insert(properties)
    .values([
      { code: 'GOLF', name: 'Golf', groupId: hobbies!.id },
      { code: 'SAUNA', name: 'Saunominen', groupId: hobbies!.id },
      { code: 'VIP', name: 'VIP-asiakas' },
    ])
    .returning();
  prop.golf = props[0]!.id;
  prop.sauna = props[1]!.id;
  prop.vip = props[2]!.id;
  customerId = await newCustomer(db, staff, { type: 'person', firstName: 'Äijä', lastName: 'Öhman' });
});
afterAll(() => t.close());

const url = () => `/customers/${customerId}/classification`;

async function trackingOf(id: number) {
  const rows = await t.app.db.select().from(customerTracking).where(eq(customerTracking.customerId, id));
  return Object.fromEntries(rows.map((r) => [r.dimensionId, r.valueId]));
}

async function propertiesOf(id: number) {
  const rows = await t.app.db.select().from(customerProperties).where(eq(customerProperties.customerId, id));
  return Object.fromEntries(rows.map((r) => [r.propertyId, r.valueText]));
}

describe('the Ominaisuudet ja seuranta tab', () => {
  it('shows a select per dimension and the properties grouped, as a page and as an htmx partial', async () => {
    const page = await staff.get(url());
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html');
    expect(page.body).toContain('aria-selected="true">Ominaisuudet ja seuranta</a>');
    expect(page.body).toContain(`name="dim.${dim.region}"`);
    expect(page.body).toContain(`name="dim.${dim.industry}"`);
    expect(page.body).toContain('(ei arvoa)');
    expect(page.body).toContain('<legend>Harrastukset</legend>');
    expect(page.body).toContain('<legend>Muut ominaisuudet</legend>');
    expect(page.body).toContain(`name="prop.${prop.golf}"`);
    expect(page.body).toContain(`name="text.${prop.golf}"`);

    const partial = await staff.get(url(), htmxPartial);
    expect(partial.statusCode).toBe(200);
    expect(partial.body).not.toContain('<html');
    expect(partial.body).toContain(`name="dim.${dim.region}"`);
  });

  it('saves one value per dimension and properties with Finnish value text, audited old → new', async () => {
    const res = await staff.post(url(), {
      [`dim.${dim.region}`]: String(val.uusimaa),
      [`dim.${dim.industry}`]: String(val.retail),
      [`prop.${prop.golf}`]: 'on',
      [`text.${prop.golf}`]: 'Tasoitus 12, Äänekoski',
      [`text.${prop.sauna}`]: 'ei tallennu ilman valintaa',
      [`prop.${prop.vip}`]: 'on',
      [`text.${prop.vip}`]: '',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(url());
    expect(await trackingOf(customerId)).toEqual({ [dim.region]: val.uusimaa, [dim.industry]: val.retail });
    expect(await propertiesOf(customerId)).toEqual({
      [prop.golf]: 'Tasoitus 12, Äänekoski',
      [prop.vip]: null,
    });

    const tab = await staff.get(url());
    expect(tab.body).toContain('Ominaisuudet ja seuranta tallennettu.');
    expect(tab.body).toMatch(new RegExp(`<option value="${val.uusimaa}" selected>Uusimaa</option>`));
    expect(tab.body).toContain('value="Tasoitus 12, Äänekoski"');
    expect(tab.body).toMatch(new RegExp(`name="prop.${prop.vip}" value="on" checked`));
    expect(tab.body).not.toMatch(new RegExp(`name="prop.${prop.sauna}" value="on" checked`));

    // Change one dimension: the value is replaced, not added.
    await staff.post(url(), {
      [`dim.${dim.region}`]: String(val.pirkanmaa),
      [`dim.${dim.industry}`]: String(val.retail),
      [`prop.${prop.golf}`]: 'on',
      [`text.${prop.golf}`]: 'Tasoitus 9, Äänekoski',
      [`text.${prop.sauna}`]: '',
      [`prop.${prop.vip}`]: 'on',
      [`text.${prop.vip}`]: '',
    });
    expect(await trackingOf(customerId)).toEqual({ [dim.region]: val.pirkanmaa, [dim.industry]: val.retail });
    expect((await propertiesOf(customerId))[prop.golf]).toBe('Tasoitus 9, Äänekoski');

    const history = await staff.get(`/customers/${customerId}/history`);
    expect(history.body).toContain('Seurantakohteet muutettu');
    expect(history.body).toMatch(/Alue: <span class="old">–<\/span> → <span class="new">Uusimaa<\/span>/);
    expect(history.body).toMatch(
      /Alue: <span class="old">Uusimaa<\/span> → <span class="new">Pirkanmaa<\/span>/,
    );
    expect(history.body).toContain('Ominaisuudet muutettu');
    expect(history.body).toMatch(
      /Golf: <span class="old">–<\/span> → <span class="new">Tasoitus 12, Äänekoski<\/span>/,
    );
    expect(history.body).toMatch(/VIP-asiakas: <span class="old">–<\/span> → <span class="new">✓<\/span>/);
  });

  it('clears tracking values and properties, and saying nothing changed writes no audit', async () => {
    const cleared = await staff.post(url(), {
      [`dim.${dim.region}`]: '',
      [`dim.${dim.industry}`]: '',
      [`text.${prop.golf}`]: 'Tasoitus 9, Äänekoski',
      [`text.${prop.sauna}`]: '',
      [`text.${prop.vip}`]: '',
    });
    expect(cleared.statusCode).toBe(303);
    expect(await trackingOf(customerId)).toEqual({});
    expect(await propertiesOf(customerId)).toEqual({});
    const history = await staff.get(`/customers/${customerId}/history`);
    expect(history.body).toMatch(/Alue: <span class="old">Pirkanmaa<\/span> → <span class="new">–<\/span>/);
    expect(history.body).toMatch(
      /Golf: <span class="old">Tasoitus 9, Äänekoski<\/span> → <span class="new">–<\/span>/,
    );

    const before = await t.app.db.$count(auditLog, eq(auditLog.customerId, customerId));
    const again = await staff.post(url(), { [`dim.${dim.region}`]: '', [`text.${prop.golf}`]: '' });
    expect(again.statusCode).toBe(303);
    expect(await t.app.db.$count(auditLog, eq(auditLog.customerId, customerId))).toBe(before);
    expect((await staff.get(url())).body).toContain('Ei muutoksia tallennettavaksi.');
  });

  it('leaves dimensions and properties the form did not show as they were', async () => {
    await staff.post(url(), {
      [`dim.${dim.industry}`]: String(val.retail),
      [`prop.${prop.vip}`]: 'on',
      [`text.${prop.vip}`]: 'kulta',
    });
    await staff.post(url(), { [`dim.${dim.region}`]: String(val.uusimaa), [`text.${prop.golf}`]: '' });
    expect(await trackingOf(customerId)).toEqual({ [dim.region]: val.uusimaa, [dim.industry]: val.retail });
    expect(await propertiesOf(customerId)).toEqual({ [prop.vip]: 'kulta' });
  });

  it('refuses a value of another dimension and a too long value text, saving nothing', async () => {
    const before = { tracking: await trackingOf(customerId), properties: await propertiesOf(customerId) };
    const wrong = await staff.post(url(), {
      [`dim.${dim.region}`]: String(val.retail),
      [`dim.${dim.industry}`]: '',
      [`text.${prop.vip}`]: '',
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Virheellinen arvo.');
    const long = await staff.post(url(), {
      [`dim.${dim.industry}`]: '',
      [`prop.${prop.golf}`]: 'on',
      [`text.${prop.golf}`]: 'ä'.repeat(201),
    });
    expect(long.statusCode).toBe(422);
    expect(long.body).toContain('Liian pitkä.');
    expect(long.body).toContain('<html');
    const longPartial = await staff.post(
      url(),
      { [`prop.${prop.golf}`]: 'on', [`text.${prop.golf}`]: 'x'.repeat(201) },
      htmxPartial,
    );
    expect(longPartial.statusCode).toBe(422);
    expect(longPartial.body).not.toContain('<html');
    expect(await trackingOf(customerId)).toEqual(before.tracking);
    expect(await propertiesOf(customerId)).toEqual(before.properties);
  });

  it('shows a read-only user the values without a form, and refuses their POST', async () => {
    const page = await reader.get(url());
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(`name="dim.${dim.region}"`);
    expect(page.body).not.toContain(`action="/customers/${customerId}/classification"`);
    expect(page.body).toMatch(/<dt>Alue<\/dt><dd>Uusimaa<\/dd>/);
    expect(page.body).toMatch(/<dt>Toimiala<\/dt><dd>Vähittäiskauppa<\/dd>/);
    expect(page.body).toContain('VIP-asiakas: kulta');

    const res = await reader.post(url(), { [`dim.${dim.region}`]: '' });
    expect(res.statusCode).toBe(403);
    expect(await trackingOf(customerId)).toMatchObject({ [dim.region]: val.uusimaa });
  });

  it('answers 404 for a customer that does not exist', async () => {
    expect((await staff.get('/customers/999999/classification')).statusCode).toBe(404);
    const audit = await t.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.customerId, customerId), eq(auditLog.entity, 'tracking')));
    expect(audit.length).toBeGreaterThan(0);
  });
});
