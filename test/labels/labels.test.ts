import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Agent, apiToken, createTestApp, htmxPartial, loginAs, type TestApp } from '../helpers/app.js';
import {
  addContactPerson,
  addOrganisation,
  addPersons,
  cellTexts,
  clearSelection,
  contactType,
  layout3x7,
  layout3x8,
  readPdf,
  select,
} from './helpers.js';

let t: TestApp;
let staff: Agent;
let token: string;
let tokenUserId: number;

beforeAll(async () => {
  t = await createTestApp();
  staff = await loginAs(t.app, 'staff');
  token = await apiToken(t.app, 'staff', 'api-labels');
  const [u] = await t.app.db.execute<{ id: number }>(sql`select id from users where username = 'api-labels'`);
  tokenUserId = u!.id;
  await contactType(t.app.db, 'TR', 'Osoitetarra');
});
afterAll(() => t.close());
beforeEach(async () => {
  await clearSelection(t.app.db, staff.userId);
  await clearSelection(t.app.db, tokenUserId);
});

const form = (extra: Record<string, string> = {}) => ({
  targetType: 'person',
  layout: '3x8',
  skip: '0',
  marketing: 'on',
  ...extra,
});

/** The form without the marketing checkbox (an unchecked checkbox is not sent). */
const noMarketing = (extra: Record<string, string> = {}) => {
  const { marketing: _, ...rest } = form(extra);
  return rest;
};

async function printForm(body: Record<string, string>) {
  const res = await staff.post('/crm/labels/pdf', body);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  return readPdf(res.rawPayload);
}

function api(body: unknown, bearer = token) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/workspace/labels',
    headers: { authorization: `Bearer ${bearer}` },
    payload: body as object,
  });
}

const allText = (pdf: Awaited<ReturnType<typeof readPdf>>) => pdf.words.map((w) => w.text).join(' ');

describe('label sheets', () => {
  it('a 3×8 run of 50 recipients with 5 skipped fills 55 cells on 3 pages, the first 5 empty', async () => {
    const people = Array.from({ length: 50 }, (_, i) => ({
      first: 'Etu',
      last: `Suku${String(i + 1).padStart(2, '0')}`,
      postalCode: `33${String(100 + i).padStart(3, '0')}`,
    }));
    const ids = await addPersons(t.app.db, people);
    await select(t.app.db, staff.userId, 'person', ids);

    const pdf = await printForm(form({ skip: '5' }));
    expect(pdf.pages).toBe(3);
    expect(Math.round(pdf.width)).toBe(210);
    expect(Math.round(pdf.height)).toBe(297);
    const cells = cellTexts(pdf, layout3x8);
    expect([...cells.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 5));
    // Each recipient once, in postal-code order, each label whole: name, street, postal code and city.
    for (let i = 0; i < 50; i++) {
      const p = people[i]!;
      expect(cells.get(i + 5)).toBe(`Etu ${p.last} Testikatu ${i + 1} ${p.postalCode} Tampere`);
    }
  });

  it('the 3×7 sheet puts 21 labels on a page at its own pitch', async () => {
    const ids = await addPersons(
      t.app.db,
      Array.from({ length: 22 }, (_, i) => ({
        first: 'Seitsemän',
        last: `Rivi${String(i).padStart(2, '0')}`,
      })),
    );
    await select(t.app.db, staff.userId, 'person', ids);
    const pdf = await printForm(form({ layout: '3x7' }));
    expect(pdf.pages).toBe(2);
    const cells = cellTexts(pdf, layout3x7);
    expect([...cells.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 22 }, (_, i) => i));
  });

  it('a marketing run leaves out NO_MARKETING recipients; without it they print', async () => {
    const ids = await addPersons(t.app.db, [
      { first: 'Vapaa', last: 'Vastaanottaja' },
      { first: 'Kielletty', last: 'Kieltäjä', noMarketing: true },
    ]);
    await select(t.app.db, staff.userId, 'person', ids);

    const marketing = allText(await printForm(form()));
    expect(marketing).toContain('Vastaanottaja');
    expect(marketing).not.toContain('Kieltäjä');
    expect(marketing).not.toContain('Kielletty');

    const plain = allText(await printForm(noMarketing()));
    expect(plain).toContain('Vastaanottaja');
    expect(plain).toContain('Kielletty Kieltäjä');

    // The API's marketing run (the default) leaves the banned one out too.
    const res = await api({ targetType: 'person', layout: '3x8' });
    expect(res.statusCode).toBe(400); // the token user's own selection is empty
    await select(t.app.db, tokenUserId, 'person', ids);
    const viaApi = allText(await readPdf((await api({ targetType: 'person', layout: '3x8' })).rawPayload));
    expect(viaApi).toContain('Vastaanottaja');
    expect(viaApi).not.toContain('Kieltäjä');
  });

  it('a contact person with NO_MARKETING is left out of a marketing run, not their colleague', async () => {
    const org = await addOrganisation(t.app.db, 'Lääketehdas Oy');
    const ok = await addContactPerson(t.app.db, org, 'Sirpa', 'Sihteeri');
    const banned = await addContactPerson(t.app.db, org, 'Kalle', 'Kieltonen', true);
    await select(t.app.db, staff.userId, 'contact_person', [ok, banned]);
    const pdf = await printForm(form({ targetType: 'contact_person' }));
    const cells = cellTexts(pdf, layout3x8);
    expect([...cells.values()]).toEqual(['Sirpa Sihteeri Lääketehdas Oy Teollisuustie 5 33100 Tampere']);
  });

  it('incomplete addresses are left out and counted in the preview', async () => {
    const ids = await addPersons(t.app.db, [
      { first: 'Täysi', last: 'Osoite' },
      { first: 'Ei', last: 'Katua', street: null },
      { first: 'Ei', last: 'Postinumeroa', postalCode: '  ' },
      { first: 'Ei', last: 'Kaupunkia', city: '' },
      { first: 'Kielto', last: 'Jakatu', noMarketing: true, street: null },
    ]);
    await select(t.app.db, staff.userId, 'person', ids);

    const preview = await staff.post('/crm/labels/preview', form(), htmxPartial);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).not.toContain('<html');
    expect(preview.body).toContain(
      '1 tarraa tulostetaan (1 arkkia); pois jätetään: 1 markkinointikiellon vuoksi, 3 puutteellisen osoitteen vuoksi',
    );
    // Without htmx the same URL answers the whole page with the summary in it.
    const page = await staff.post('/crm/labels/preview', form());
    expect(page.body).toContain('<html');
    expect(page.body).toContain('1 tarraa tulostetaan (1 arkkia)');
    // Not a marketing run: the banned one counts as incomplete instead.
    const plain = await staff.post('/crm/labels/preview', noMarketing(), htmxPartial);
    expect(plain.body).toContain(
      'pois jätetään: 0 markkinointikiellon vuoksi, 4 puutteellisen osoitteen vuoksi',
    );

    const text = allText(await printForm(form()));
    expect(text).toContain('Täysi Osoite');
    for (const name of ['Katua', 'Postinumeroa', 'Kaupunkia', 'Jakatu']) expect(text).not.toContain(name);
  });

  it('the preview counts sheets with the skipped labels', async () => {
    const ids = await addPersons(
      t.app.db,
      Array.from({ length: 20 }, (_, i) => ({ first: 'Arkki', last: `Laskija${i}` })),
    );
    await select(t.app.db, staff.userId, 'person', ids);
    const res = await staff.post('/crm/labels/preview', form({ skip: '5' }), htmxPartial);
    expect(res.body).toContain('20 tarraa tulostetaan (2 arkkia)');
    expect(res.body).toContain('Ensimmäiseltä arkilta jätetään tyhjiksi 5 tarraa.');
  });

  it('a foreign address gets its country line, a Finnish one none', async () => {
    const ids = await addPersons(t.app.db, [
      {
        first: 'Sven',
        last: 'Svensson',
        street: 'Storgatan 5',
        postalCode: '111 22',
        city: 'Stockholm',
        country: 'SE',
      },
      {
        first: 'Hans',
        last: 'Muster',
        street: 'Hauptstraße 1',
        postalCode: '10115',
        city: 'Berlin',
        country: 'DE',
      },
      { first: 'Kotimaan', last: 'Kulkija', postalCode: '00100', city: 'Helsinki' },
      {
        first: 'Kaukainen',
        last: 'Kävijä',
        street: 'Road 1',
        postalCode: '9999',
        city: 'Faraway',
        country: 'ZZ',
      },
    ]);
    await select(t.app.db, staff.userId, 'person', ids);
    const cells = [...cellTexts(await printForm(form()), layout3x8).values()];
    expect(cells).toContain('Sven Svensson Storgatan 5 111 22 Stockholm RUOTSI');
    expect(cells).toContain('Hans Muster Hauptstraße 1 10115 Berlin SAKSA');
    expect(cells).toContain('Kotimaan Kulkija Testikatu 3 00100 Helsinki');
    expect(cells).toContain('Kaukainen Kävijä Road 1 9999 Faraway ZZ');
  });

  it('an organisation gets its attention line; a contact person their organisation and its address', async () => {
    const org = await addOrganisation(t.app.db, 'Matkatoimisto Aurinko Oy', {
      street: 'Hämeenkatu 1',
      postalCode: '33200',
      city: 'Tampere',
      country: 'FI',
    });
    await select(t.app.db, staff.userId, 'organisation', [org]);
    const orgCells = [
      ...cellTexts(
        await printForm(form({ targetType: 'organisation', attention: 'Att. Markkinointi' })),
        layout3x8,
      ).values(),
    ];
    expect(orgCells).toEqual(['Matkatoimisto Aurinko Oy Att. Markkinointi Hämeenkatu 1 33200 Tampere']);

    const person = await addContactPerson(t.app.db, org, 'Olli', 'Ostaja');
    await select(t.app.db, staff.userId, 'contact_person', [person]);
    const cpCells = [
      ...cellTexts(await printForm(form({ targetType: 'contact_person' })), layout3x8).values(),
    ];
    expect(cpCells).toEqual(['Olli Ostaja Matkatoimisto Aurinko Oy Hämeenkatu 1 33200 Tampere']);
  });

  it('agents print by their type, guardians as persons, and staff (no address) never print', async () => {
    const agency = await addOrganisation(t.app.db, 'Matkatoimisto Agentti Oy');
    const [guardian] = await addPersons(t.app.db, [{ first: 'Hilkka', last: 'Huoltaja' }]);
    await select(t.app.db, staff.userId, 'agent', [agency]);
    await select(t.app.db, staff.userId, 'guardian', [guardian!]);
    await select(t.app.db, staff.userId, 'staff', [staff.userId]);
    const agent = [
      ...cellTexts(
        await printForm(form({ targetType: 'agent', attention: 'Att. Myynti' })),
        layout3x8,
      ).values(),
    ];
    expect(agent).toEqual(['Matkatoimisto Agentti Oy Att. Myynti Teollisuustie 5 33100 Tampere']);
    const guardians = [...cellTexts(await printForm(form({ targetType: 'guardian' })), layout3x8).values()];
    expect(guardians).toEqual(['Hilkka Huoltaja Testikatu 1 33100 Tampere']);

    const preview = await staff.post('/crm/labels/preview', form({ targetType: 'staff' }), htmxPartial);
    expect(preview.body).toContain(
      '0 tarraa tulostetaan (0 arkkia); pois jätetään: 0 markkinointikiellon vuoksi, 1 puutteellisen osoitteen vuoksi',
    );
    const pdf = await staff.post('/crm/labels/pdf', form({ targetType: 'staff' }));
    expect(pdf.statusCode).toBe(422);
    expect(pdf.body).toContain(
      'Ei tulostettavia tarroja: 0 jätetään pois markkinointikiellon ja 1 puutteellisen osoitteen vuoksi.',
    );
    expect((await staff.get('/crm/labels?targetType=staff')).body).toContain(
      'Virkailijoilla ei ole osoitetta',
    );
  });

  it('clips text that does not fit to its own label', async () => {
    const long = 'Pitkänimisen Organisaation Erittäin Pitkä Nimi Joka Ei Mitenkään Mahdu Tarralle Oy';
    const [first, second] = [
      await addOrganisation(t.app.db, long),
      await addOrganisation(t.app.db, 'Lyhyt Oy'),
    ];
    await select(t.app.db, staff.userId, 'organisation', [first, second]);
    const pdf = await printForm(form({ targetType: 'organisation' }));
    const cells = cellTexts(pdf, layout3x8); // throws if a word lies outside every label
    expect(cells.size).toBe(2); // nothing spilt into a third label
    const texts = [...cells.values()];
    expect(texts).toContain('Lyhyt Oy Teollisuustie 5 33100 Tampere');
    const clipped = texts.find((text) => text.startsWith('Pitkänimisen'))!;
    expect(clipped).toMatch(/Teollisuustie 5 33100 Tampere$/);
    expect(clipped).not.toContain('Tarralle');
    // No word runs past the right edge of the label it starts in.
    for (const w of pdf.words) expect(w.xMax, w.text).toBeLessThanOrEqual((Math.floor(w.x / 70) + 1) * 70);
  });

  it('fill a sheet gives one page of 24 identical labels', async () => {
    const ids = await addPersons(t.app.db, [
      { first: 'Yksi', last: 'Monistettava' },
      { first: 'Toinen', last: 'Jääpois' },
    ]);
    await select(t.app.db, staff.userId, 'person', ids);
    const pdf = await printForm(form({ fillWith: String(ids[0]) }));
    expect(pdf.pages).toBe(1);
    const cells = cellTexts(pdf, layout3x8);
    expect(cells.size).toBe(24);
    expect(new Set(cells.values())).toEqual(new Set(['Yksi Monistettava Testikatu 1 33100 Tampere']));

    // With skipped labels, the rest of the first sheet.
    const skipped = cellTexts(await printForm(form({ fillWith: String(ids[0]), skip: '10' })), layout3x8);
    expect([...skipped.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 14 }, (_, i) => i + 10));

    // Someone not on the selected list cannot fill a sheet.
    const [outsider] = await addPersons(t.app.db, [{ first: 'Ulko', last: 'Puolinen' }]);
    const refused = await staff.post('/crm/labels/pdf', form({ fillWith: String(outsider) }));
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Vastaanottaja ei ole Valitut-listalla.');
  });
});

describe('contact log', () => {
  it('writes exactly one entry per printed recipient, in one batch', async () => {
    const ids = await addPersons(t.app.db, [
      { first: 'Loki', last: 'Yksi' },
      { first: 'Loki', last: 'Kaksi' },
      { first: 'Loki', last: 'Kielto', noMarketing: true },
      { first: 'Loki', last: 'Vajaa', city: null },
    ]);
    const org = await addOrganisation(t.app.db, 'Lokiyhtiö Oy');
    const cp = await addContactPerson(t.app.db, org, 'Yhteys', 'Henkilö');
    await select(t.app.db, staff.userId, 'person', ids);
    await select(t.app.db, staff.userId, 'contact_person', [cp]);
    const before = await t.app.db.execute<{ n: number }>(sql`select count(*)::int as n from interactions`);

    await printForm(form({ log: 'on', logType: 'TR', logText: 'Joulukortti 2026' }));
    const entries = await t.app.db.execute<{
      customer_id: number;
      contact_person_id: number | null;
      batch_id: number;
      text: string;
      code: string;
      created_by: number;
    }>(sql`
      select i.customer_id, i.contact_person_id, i.batch_id, i.text, t.code, i.created_by
      from interactions i join contact_types t on t.id = i.type_id order by i.id`);
    expect(entries.length - before[0]!.n).toBe(2);
    expect(entries.map((e) => e.customer_id).sort()).toEqual([ids[0], ids[1]].sort());
    expect(new Set(entries.map((e) => e.batch_id)).size).toBe(1);
    expect(
      entries.every((e) => e.text === 'Joulukortti 2026' && e.code === 'TR' && e.created_by === staff.userId),
    ).toBe(true);
    const [batch] = await t.app.db.execute<{ source: string; entry_count: number }>(sql`
      select source, entry_count from interaction_batches where id = ${entries[0]!.batch_id}`);
    expect(batch).toEqual({ source: 'labels', entry_count: 2 });

    // A contact person's entry goes on the organisation, with the contact person set.
    await printForm(form({ targetType: 'contact_person', log: 'on', logType: 'TR', logText: 'Esite' }));
    const [cpEntry] = await t.app.db.execute<{ customer_id: number; contact_person_id: number }>(sql`
      select customer_id, contact_person_id from interactions where text = 'Esite'`);
    expect(cpEntry).toEqual({ customer_id: org, contact_person_id: cp });

    // Without the option nothing is logged.
    await printForm(form());
    const after = await t.app.db.execute<{ n: number }>(sql`select count(*)::int as n from interactions`);
    expect(after[0]!.n).toBe(entries.length + 1);
  });

  it('fill a sheet logs its one recipient once; an unknown contact type is refused', async () => {
    const ids = await addPersons(t.app.db, [{ first: 'Arkki', last: 'Lokittaja' }]);
    await select(t.app.db, staff.userId, 'person', ids);
    await printForm(form({ fillWith: String(ids[0]), log: 'on', logType: 'TR', logText: 'Arkillinen' }));
    const rows = await t.app.db.execute<{ n: number }>(sql`
      select count(*)::int as n from interactions where text = 'Arkillinen' and customer_id = ${ids[0]}`);
    expect(rows[0]!.n).toBe(1);

    const refused = await staff.post('/crm/labels/pdf', form({ log: 'on', logType: 'NOPE', logText: 'x' }));
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Tuntematon kontaktityyppi.');
  });

  it('a read-only user may print, but not log', async () => {
    const reader = await loginAs(t.app, 'readonly', 'labels-reader');
    const ids = await addPersons(t.app.db, [{ first: 'Luku', last: 'Oikeus' }]);
    await select(t.app.db, reader.userId, 'person', ids);
    const ok = await reader.post('/crm/labels/pdf', form());
    expect(ok.statusCode).toBe(200);
    expect(allText(await readPdf(ok.rawPayload))).toContain('Luku Oikeus');
    const refused = await reader.post('/crm/labels/pdf', form({ log: 'on', logType: 'TR', logText: 'x' }));
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Lukuoikeudella ei voi kirjata kontakteja.');
  });
});

describe('the labels page', () => {
  it('says clearly when the selected list is empty', async () => {
    const page = await staff.get('/crm/labels?targetType=organisation');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Valitut-lista on tyhjä.');
    expect(page.body).not.toContain('action="/crm/labels/pdf"');

    const preview = await staff.post('/crm/labels/preview', form(), htmxPartial);
    expect(preview.statusCode).toBe(422);
    expect(preview.body).toContain('Valitut-lista on tyhjä.');
    const pdf = await staff.post('/crm/labels/pdf', form());
    expect(pdf.statusCode).toBe(422);
    expect(pdf.body).toContain('Valitut-lista on tyhjä.');

    const viaApi = await api({ targetType: 'person', layout: '3x8' });
    expect(viaApi.statusCode).toBe(400);
    expect(viaApi.json().error).toMatch(/selected list is empty/);
  });

  it('shows the form with layouts, the selection count and a PDF form opening a new tab', async () => {
    const ids = await addPersons(t.app.db, [{ first: 'Sivu', last: 'Näkymä' }]);
    await select(t.app.db, staff.userId, 'person', ids);
    const page = await staff.get('/crm/labels?targetType=person');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Valitut-listalla 1 vastaanottajaa.');
    expect(page.body).toMatch(/<form method="post" action="\/crm\/labels\/pdf" target="_blank"/);
    expect(page.body).toContain('<option value="3x7"');
    expect(page.body).toContain('<option value="3x8" selected');
    expect(page.body).toContain('hx-post="/crm/labels/preview"');
    expect(page.body).toMatch(/name="marketing" value="on" checked/);
    expect(page.body).toContain(`<option value="${ids[0]}">Sivu Näkymä, 33100 Tampere</option>`);
  });

  it('refuses skip outside the first sheet and an unknown layout beside the fields', async () => {
    const ids = await addPersons(t.app.db, [{ first: 'Väärä', last: 'Syöte' }]);
    await select(t.app.db, staff.userId, 'person', ids);
    const tooMany = await staff.post('/crm/labels/pdf', form({ skip: '24' }));
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.body).toContain('Tyhjiä tarroja voi olla 0 … arkin tarrat − 1.');
    const negative = await staff.post('/crm/labels/preview', form({ skip: '-1' }), htmxPartial);
    expect(negative.statusCode).toBe(422);
    const layout = await staff.post('/crm/labels/pdf', form({ layout: '9x9' }));
    expect(layout.statusCode).toBe(422);
    expect(layout.body).toContain('Tuntematon tarra-arkki.');
    expect(await staff.post('/crm/labels/pdf', form({ skip: '23' }))).toMatchObject({ statusCode: 200 });
  });
});

describe('POST /api/v1/workspace/labels', () => {
  it('answers a PDF of the token user’s selection, and JSON errors for bad input', async () => {
    const ids = await addPersons(t.app.db, [
      { first: 'Api', last: 'Asiakas' },
      { first: 'Api', last: 'Kielletty', noMarketing: true },
    ]);
    await select(t.app.db, tokenUserId, 'person', ids);
    const res = await api({
      targetType: 'person',
      layout: '3x8',
      skip: 2,
      marketing: false,
      log: { type: 'TR', text: 'API-ajo' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const cells = cellTexts(await readPdf(res.rawPayload), layout3x8);
    expect([...cells.keys()]).toEqual([2, 3]);
    expect(res.headers['x-label-count']).toBe('2');
    const batch = Number(res.headers['x-interaction-batch']);
    const logged = await t.app.db.execute<{ n: number }>(sql`
      select count(*)::int as n from interactions where batch_id = ${batch} and text = 'API-ajo'`);
    expect(logged[0]!.n).toBe(2);

    const bad = async (body: unknown) => {
      const r = await api(body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.headers['content-type']).toMatch(/application\/json/);
      return r.json();
    };
    expect((await bad({ targetType: 'person', layout: 'A5' })).details).toEqual({
      layout: 'Unknown label layout. The built-in ones are 3x7 and 3x8.',
    });
    expect((await bad({ targetType: 'person', layout: '3x8', skip: 24 })).details.skip).toBeTruthy();
    expect((await bad({ targetType: 'person', layout: '3x7', skip: 21 })).details.skip).toBeTruthy();
    expect((await bad({ targetType: 'customers', layout: '3x8' })).details.targetType).toMatch(
      /Unknown target type/,
    );
    expect(
      (await bad({ targetType: 'person', layout: '3x8', log: { type: 'XX', text: '' } })).details['log.type'],
    ).toBe('Unknown contact type.');
    expect(
      (await bad({ targetType: 'person', layout: '3x8', marketing: 'yes' })).details.marketing,
    ).toBeTruthy();
    expect((await bad({ targetType: 'person', layout: '3x8', colour: 'red' })).details._).toBeTruthy();
    expect((await bad({ targetType: 'guardian', layout: '3x8' })).error).toMatch(/selected list is empty/);
    expect(
      (await bad({ targetType: 'person', layout: '3x8', fillWith: 99999999 })).details.fillWith,
    ).toBeTruthy();

    // Nothing printable: every recipient left out, and the answer says why.
    await clearSelection(t.app.db, tokenUserId);
    await select(t.app.db, tokenUserId, 'person', [ids[1]!]);
    expect((await bad({ targetType: 'person', layout: '3x8' })).error).toBe(
      'No labels to print: 1 left out for a marketing ban and 0 for an incomplete address.',
    );

    // A read-only token prints, but may not log; no token is 401.
    const reader = await apiToken(t.app, 'readonly', 'api-labels-reader');
    const [r] = await t.app.db.execute<{ id: number }>(
      sql`select id from users where username = 'api-labels-reader'`,
    );
    await select(t.app.db, r!.id, 'person', [ids[0]!]);
    expect((await api({ targetType: 'person', layout: '3x8' }, reader)).statusCode).toBe(200);
    expect(
      (await api({ targetType: 'person', layout: '3x8', log: { type: 'TR', text: '' } }, reader)).statusCode,
    ).toBe(403);
    expect((await api({ targetType: 'person', layout: '3x8' }, 'kanta_nope')).statusCode).toBe(401);
  });
});
