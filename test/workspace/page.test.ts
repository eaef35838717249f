import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestApp, htmxPartial, loginAs, type TestApp } from '../helpers/app.js';
import { demoRegister, ids, listIds } from './helpers.js';

let t: TestApp;
let staff: Agent;

beforeAll(async () => {
  t = await createTestApp();
  await demoRegister(t.app.db);
  staff = await loginAs(t.app, 'staff', 'crm-user');
}, 120_000);
afterAll(() => t?.close());

const tampere = () =>
  ids(
    t.app.db,
    sql`select id from customers where type = 'person' and archived_at is null and lower(city) = 'tampere'`,
  );
const radios = (html: string) =>
  [...html.matchAll(/type="radio" name="id" value="(\d+)"/g)].map((m) => Number(m[1]));
const panel = (html: string, list: 'found' | 'selected') => {
  const start = html.indexOf(`id="ws-${list}"`);
  return html.slice(start, html.indexOf('</form>', start));
};

describe('/crm page', () => {
  it('renders the full page with every target type, criteria sections and both lists', async () => {
    const res = await staff.get('/crm');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html');
    for (const label of [
      'Henkilöasiakkaat',
      'Organisaatiot',
      'Yhteyshenkilöt',
      'Agentit',
      'Virkailijat',
      'Huoltajat',
    ])
      expect(res.body).toContain(label);
    for (const label of [
      'Ostohistoria',
      'Kontaktit',
      'Profiilit',
      'Löydetyt tietueet',
      'Valitut',
      'Uusi haku',
    ])
      expect(res.body).toContain(label);
    for (const label of [
      'Siirrä valittuun',
      'Siirrä kaikki',
      'Poista rivi',
      'Poista kaikki',
      'Palauta rivi',
      'Palauta kaikki',
    ])
      expect(res.body).toContain(label);
    expect(res.body).toContain('hx-confirm="Poistetaanko kaikki rivit');
    expect(res.body).toContain('href="/crm/labels?targetType=person"');
    expect(res.body).toContain('/static/workspace.js');
    expect(res.body).toContain('value="TOIM:PHARM"');
    expect(res.body).not.toContain('name="contactPersonTitle"');
    const cp = await staff.get('/crm?targetType=contact_person');
    expect(cp.body).toContain('name="contactPersonTitle"');
    expect(cp.body).toContain('href="/crm/labels?targetType=contact_person"');
  });

  it('searches with the form, accumulates, and keeps the criteria in the form', async () => {
    const res = await staff.post('/crm/search', { targetType: 'person', city: 'Tampere' }, htmxPartial);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<html');
    const expected = await tampere();
    expect(await listIds(t.app.db, 'found', staff.userId, 'person')).toEqual(expected);
    expect(res.body).toContain(
      `Haku löysi ${expected.length} kpl; löydettyihin lisättiin ${expected.length} uutta`,
    );
    expect(res.body).toContain('id="c-city" name="city" value="Tampere"');
    expect(radios(panel(res.body, 'found')).length).toBe(Math.min(50, expected.length));

    const again = await staff.post(
      '/crm/search',
      {
        targetType: 'person',
        city: 'tampere',
        'purchase0.destinationType': 'F1',
        'purchase0.dates': 'travel',
        'purchase0.year': '2011',
      },
      htmxPartial,
    );
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('lisättiin 0 uutta');
    expect(again.body).toContain('<option value="F1" selected>');
  });

  it('takes dates the Finnish way and shows them back so', async () => {
    const res = await staff.post(
      '/crm/search',
      { targetType: 'person', relationshipFrom: '1.2.2000', relationshipTo: '2099-12-31' },
      htmxPartial,
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(
      'name="relationshipFrom" type="text" inputmode="numeric" placeholder="1.2.2026" value="1.2.2000"',
    );
    expect(res.body).toContain('value="31.12.2099"');
    const bad = await staff.post(
      '/crm/search',
      { targetType: 'person', relationshipFrom: '31.2.2000' },
      htmxPartial,
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('value="31.2.2000"');
  });

  it('moves the highlighted row and all rows both ways, and removes', async () => {
    const db = t.app.db;
    const first = await listIds(db, 'found', staff.userId, 'person');
    const page = await staff.get('/crm?targetType=person');
    const shown = radios(panel(page.body, 'found'));
    // Rows come in id order (the order customers were registered); the first row is highlighted.
    expect(panel(page.body, 'found')).toMatch(
      new RegExp(`value="${shown[0]}" id="ws-found-${shown[0]}" checked`),
    );

    const move = await staff.post(
      '/crm/found/move',
      { targetType: 'person', id: String(shown[1]) },
      htmxPartial,
    );
    expect(move.statusCode).toBe(200);
    expect(move.body).toContain('Siirretty valittuihin: 1 kpl.');
    expect(await listIds(db, 'selected', staff.userId, 'person')).toEqual([shown[1]]);
    expect(radios(panel(move.body, 'selected'))).toEqual([shown[1]]);
    // The row after the moved one is highlighted and focused.
    expect(panel(move.body, 'found')).toContain(
      `value="${shown[2]}" id="ws-found-${shown[2]}" checked autofocus`,
    );

    const back = await staff.post(
      '/crm/selected/return',
      { targetType: 'person', id: String(shown[1]) },
      htmxPartial,
    );
    expect(back.body).toContain('Palautettu löydettyihin: 1 kpl.');
    expect(await listIds(db, 'selected', staff.userId, 'person')).toEqual([]);
    expect(await listIds(db, 'found', staff.userId, 'person')).toEqual(first);

    const all = await staff.post('/crm/found/move-all', { targetType: 'person' }, htmxPartial);
    expect(all.body).toContain(`Siirretty valittuihin: ${first.length} kpl.`);
    expect(await listIds(db, 'found', staff.userId, 'person')).toEqual([]);
    expect(await listIds(db, 'selected', staff.userId, 'person')).toEqual(first);
    expect(panel(all.body, 'found')).toContain('Lista on tyhjä.');

    await staff.post('/crm/selected/return-all', { targetType: 'person' }, htmxPartial);
    expect(await listIds(db, 'found', staff.userId, 'person')).toEqual(first);
    expect(await listIds(db, 'selected', staff.userId, 'person')).toEqual([]);

    await staff.post('/crm/found/remove', { targetType: 'person', id: String(shown[0]) }, htmxPartial);
    expect(await listIds(db, 'found', staff.userId, 'person')).toEqual(first.filter((id) => id !== shown[0]));
    const cleared = await staff.post('/crm/found/remove-all', { targetType: 'person' }, htmxPartial);
    expect(cleared.body).toContain(`Poistettu löydetyistä: ${first.length - 1} kpl.`);
    expect(await listIds(db, 'found', staff.userId, 'person')).toEqual([]);

    // Without htmx: 303 back to the page, which shows the flash.
    const plain = await staff.post('/crm/found/move-all', { targetType: 'person' });
    expect(plain.statusCode).toBe(303);
    expect(plain.headers.location).toBe('/crm?targetType=person');
    expect((await staff.get('/crm?targetType=person')).body).toContain('Lista on jo tyhjä.');
  });

  it('an empty selection, a reversed postal range and an unknown code get clear messages', async () => {
    const none = await staff.post('/crm/found/move', { targetType: 'person' }, htmxPartial);
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('Valitse ensin rivi.');

    const reversed = await staff.post(
      '/crm/search',
      { targetType: 'person', postalFrom: '34000', postalTo: '33000' },
      htmxPartial,
    );
    expect(reversed.statusCode).toBe(422);
    expect(reversed.body).toContain('Postinumeroväli on väärin päin: 34000 on suurempi kuin 33000.');
    expect(reversed.body).toContain('id="c-postal-error"');
    expect(reversed.body).toContain('name="postalFrom" value="34000"');

    const unknown = await staff.post(
      '/crm/search',
      { targetType: 'person', 'purchase1.destinationType': 'XYZ', 'purchase1.year': '20x1' },
      htmxPartial,
    );
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('<li>Tuntematon kohdetyyppi "XYZ".</li>');
    expect(unknown.body).toContain('<li>"20x1" ei ole kokonaisluku.</li>');
    expect(unknown.body).toContain('name="purchase1.year" value="20x1"');
    expect(await listIds(t.app.db, 'found', staff.userId, 'person')).toEqual([]);
  });

  it('pages the found list with keyset cursors, and Uusi haku gives an empty form', async () => {
    await staff.post('/crm/search', { targetType: 'person', kinds: 'ASIAKAS' }, htmxPartial);
    const total = (await listIds(t.app.db, 'found', staff.userId, 'person')).length;
    expect(total).toBeGreaterThan(120);
    const seen: number[] = [];
    let url: string | undefined = '/crm?targetType=person';
    while (url) {
      const res = await staff.get(url, htmxPartial);
      expect(res.body).not.toContain('<html');
      seen.push(...radios(panel(res.body, 'found')));
      const next =
        /href="([^"]+)" hx-get="[^"]+" hx-target="#workspace-lists" hx-push-url="true">Seuraava sivu/.exec(
          panel(res.body, 'found'),
        );
      url = next?.[1]?.replace(/&amp;/g, '&');
    }
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    // The count badge.
    expect((await staff.get('/crm?targetType=person')).body).toContain(
      `${total.toLocaleString('fi-FI')} kpl`,
    );

    const blank = await staff.get('/crm/criteria?targetType=person', htmxPartial);
    expect(blank.body).toContain('<form id="criteria"');
    expect(blank.body).not.toContain(' checked');
  });
});
