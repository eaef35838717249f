import { and, eq, inArray, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, customerKinds, customers, importRuns } from '../../src/db/schema/index.js';
import { getRun, type RunSummary } from '../../src/features/imports/queries.js';
import { kindId } from '../customers/helpers.js';
import { type Agent, createTestApp, htmxPartial, loginAs, type TestApp } from '../helpers/app.js';
import { dryRun, preselected, runIdOf, runImport, settled, upload } from './helpers.js';

let t: TestApp;
let staff: Agent;

beforeAll(async () => {
  t = await createTestApp();
  staff = await loginAs(t.app, 'staff', 'tuoja');
});
afterAll(() => t.close());

const header =
  'Ulkoinen tunnus,Laji,Etunimi,Sukunimi,Sähköposti,Postinumero,Postitoimipaikka,Asiakkuuden alku';
const badFile = [
  header,
  'EXT-1,ASIAKAS,Matti,Meikäläinen,matti@example.fi,33100,Tampere,1.2.2026',
  'EXT-2,ASIAKAS,Liisa,,liisa@example.fi,00100,Helsinki,2026-02-01',
  'EXT-3,ASIAKAS,Pekka,Puupää,ei-osoite,3310,Tampere,31.2.2026',
  'EXT-4,EIOLE,Kalle,Kotka,,,,',
  'EXT-1,ASIAKAS,Matti,Toinen,,,,',
  '"EXT-5",ASIAKAS,"Anna, Maria",Aalto,anna@example.fi,20100,Turku,',
].join('\n');

async function countByExternal(ids: string[]) {
  return t.app.db.$count(customers, inArray(customers.externalId, ids));
}

describe('customers from a CSV file with bad rows', () => {
  let runId: number;

  it('pre-selects the fields by the Finnish header names', async () => {
    runId = runIdOf(await upload(t.app, staff, 'customers', 'asiakkaat.csv', badFile));
    const page = await staff.get(`/imports/${runId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html');
    expect(preselected(page.body)).toEqual({
      col0: 'externalId',
      col1: 'kind',
      col2: 'firstName',
      col3: 'lastName',
      col4: 'email',
      col5: 'postalCode',
      col6: 'city',
      col7: 'relationshipStart',
    });
    expect(page.body).toContain('Tietorivejä');
    expect(page.body).not.toContain('id="mapping-remembered"');
  });

  it('reports every refused row with its row number, column and reason, and writes nothing', async () => {
    const page = await staff.get(`/imports/${runId}`);
    const run = await dryRun(t.app, staff, runId, preselected(page.body));
    expect(run.report.check).toMatchObject({
      created: 2,
      updated: 0,
      unchanged: 0,
      refused: 4,
      problems: [],
    });
    const shown = await staff.get(`/imports/${runId}`);
    const rows = [
      ...shown.body.matchAll(/<tr>\s*<td class="num">(\d+)<\/td>\s*<td>([^<]*)<\/td>\s*<td>([^<]*)<\/td>/g),
    ].map((m) => [Number(m[1]), m[2], m[3]]);
    expect(rows).toEqual([
      [3, 'Sukunimi', 'Pakollinen tieto.'],
      [4, 'Sähköposti', 'Sähköpostiosoite ei ole kelvollinen.'],
      [4, 'Postinumero', 'Postinumero ei ole kelvollinen (viisi numeroa).'],
      [4, 'Asiakkuuden alku', 'Päivämäärä ei ole kelvollinen (esim. 1.2.2026 tai 2026-02-01).'],
      [5, 'Laji', 'Tuntematon asiakaslaji &quot;EIOLE&quot;.'],
      [6, 'Ulkoinen tunnus', 'Sama tunniste on jo rivillä 2.'],
    ]);
    // The choice is stated: the whole file cannot be imported, only the good rows explicitly.
    expect(shown.body).toContain('Tuo vain kelvolliset rivit (4 hylättyä riviä jätetään pois)');
    expect(shown.body).toMatch(/<button type="button" disabled[^>]*>Tuo<\/button>/);
    expect(await countByExternal(['EXT-1', 'EXT-2', 'EXT-3', 'EXT-4', 'EXT-5'])).toBe(0);

    // Importing everything is refused while rows are refused; nothing is written.
    const all = await staff.post(`/imports/${runId}/import`, { onlyGoodRows: '0' });
    expect(all.statusCode).toBe(409);
    expect(all.body).toContain('Tuontia ei voi tehdä näin');
    expect((await settled(t.app.db, runId)).status).toBe('checked');
    expect(await countByExternal(['EXT-1', 'EXT-5'])).toBe(0);
  });

  it('imports exactly the good rows when the user chooses only the valid rows', async () => {
    const run = await runImport(t.app, staff, runId, true);
    expect(run.status).toBe('done');
    expect(run.report.result).toMatchObject({
      created: 2,
      updated: 0,
      unchanged: 0,
      refused: 4,
      onlyGoodRows: true,
    });
    const rows = await t.app.db
      .select()
      .from(customers)
      .where(inArray(customers.externalId, ['EXT-1', 'EXT-2', 'EXT-3', 'EXT-4', 'EXT-5']))
      .orderBy(customers.number);
    expect(
      rows.map((r) => [r.externalId, r.name, r.number, r.type, r.relationshipStart, r.createdBy]),
    ).toEqual([
      ['EXT-1', 'Meikäläinen Matti', 10000, 'person', '2026-02-01', staff.userId],
      ['EXT-5', 'Aalto Anna, Maria', 10001, 'person', null, staff.userId],
    ]);
    const audit = await t.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'customer'), eq(auditLog.customerId, rows[0]!.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', userId: staff.userId });
    expect(audit[0]!.changes).toMatchObject({
      number: [null, 10000],
      importRun: [null, runId],
      city: [null, 'Tampere'],
    });
    const [word] = await t.app.db.execute<{ n: number }>(
      sql`select count(*)::int as n from search_words where word in ('meikäläinen', 'aalto')`,
    );
    expect(word!.n).toBe(2);
    const page = await staff.get(`/imports/${runId}`);
    expect(page.body).toContain('Vain kelvolliset rivit tuotiin');
    expect(page.body).not.toContain('hx-trigger="every 1s"');
  });

  it('offers the remembered mapping on the next upload with the same header', async () => {
    // A column mapped by hand differently from the header guess is remembered as chosen.
    const first = runIdOf(await upload(t.app, staff, 'customers', 'omat.csv', 'Tunnus,Kaupunki\nA-1,Oulu\n'));
    const guessed = preselected((await staff.get(`/imports/${first}`)).body);
    expect(guessed).toEqual({ col0: '', col1: 'city' });
    const check = await staff.post(`/imports/${first}/check`, { col0: 'externalId', col1: 'city' });
    expect(check.statusCode).toBe(303);
    await settled(t.app.db, first);

    const second = runIdOf(
      await upload(t.app, staff, 'customers', 'omat2.csv', 'Tunnus,Kaupunki\nA-2,Vaasa\n'),
    );
    const page = await staff.get(`/imports/${second}`);
    expect(preselected(page.body)).toEqual({ col0: 'externalId', col1: 'city' });
    expect(page.body).toContain('id="mapping-remembered"');
    // Same header for the other target: not this mapping.
    const sales = runIdOf(
      await upload(t.app, staff, 'sales_documents', 'm.csv', 'Tunnus,Kaupunki\nA-2,Vaasa\n'),
    );
    expect((await staff.get(`/imports/${sales}`)).body).not.toContain('id="mapping-remembered"');
  });

  it('re-renders the mapping with messages when a field is chosen twice or nothing identifies a row', async () => {
    const id = runIdOf(await upload(t.app, staff, 'customers', 'x.csv', 'A,B\n1,2\n'));
    const twice = await staff.post(`/imports/${id}/check`, { col0: 'city', col1: 'city' });
    expect(twice.statusCode).toBe(422);
    expect(twice.body).toContain('Tämä kenttä on jo valittu toiselle sarakkeelle.');
    expect(twice.body).toContain('Valitse sarake ainakin yhdelle kentistä');
    const [run] = await t.app.db.select().from(importRuns).where(eq(importRuns.id, id));
    expect(run!.status).toBe('uploaded');
  });
});

describe('many refused rows', () => {
  it('pages the refused rows, 100 at a time', async () => {
    const lines = ['externalId,kind,name,email'];
    for (let i = 1; i <= 150; i++) lines.push(`M-${i},ASIAKAS,Monta ${i} Oy,ei-osoite-${i}`);
    const id = runIdOf(await upload(t.app, staff, 'customers', 'monta.csv', lines.join('\n')));
    const run = await dryRun(t.app, staff, id, {
      col0: 'externalId',
      col1: 'kind',
      col2: 'name',
      col3: 'email',
    });
    expect(run.report.check).toMatchObject({ created: 0, refused: 150 });
    expect(run.errorCount).toBe(150);
    const rowsOf = (html: string) =>
      [...html.matchAll(/<tr>\s*<td class="num">(\d+)<\/td>/g)].map((m) => Number(m[1]));
    const first = await staff.get(`/imports/${id}`);
    expect(rowsOf(first.body)).toEqual(Array.from({ length: 100 }, (_, i) => i + 2));
    expect(first.body).toContain(`hx-get="/imports/${id}/errors?after=100"`);
    const next = await staff.get(`/imports/${id}/errors?after=100`, htmxPartial);
    expect(next.body).not.toContain('<html');
    expect(rowsOf(next.body)).toEqual(Array.from({ length: 50 }, (_, i) => i + 102));
    expect(next.body).not.toContain('?after=');
    const full = await staff.get(`/imports/${id}?after=100`);
    expect(full.body).toContain('<html');
    expect(rowsOf(full.body)).toEqual(Array.from({ length: 50 }, (_, i) => i + 102));
    expect(first.body).not.toContain('Tuo vain kelvolliset rivit');
    expect(first.body).toContain('Tiedostossa ei ole yhtään kelvollista riviä.');
  });
});

describe('re-importing a customer file', () => {
  const file = (city: string) =>
    [
      'Asiakasnumero;Laji;Nimi;Y-tunnus;Postitoimipaikka;Puhelin',
      `6000001;PROSPEKTI;Oy Esimerkki Ab;1572860-0;${city};040 123 4567`,
      ';PROSPEKTI;Toinen Oy;;Lahti;',
      ';PROSPEKTI;Kolmas Oy;;Kotka;',
    ].join('\r\n');

  it('creates with the number given or the next free ones of the series, then updates without duplicating', async () => {
    const first = runIdOf(await upload(t.app, staff, 'customers', 'yritykset.csv', file('Tampere')));
    const mapping = preselected((await staff.get(`/imports/${first}`)).body);
    expect(mapping).toEqual({
      col0: 'number',
      col1: 'kind',
      col2: 'name',
      col3: 'businessId',
      col4: 'city',
      col5: 'phone',
    });
    const checked = await dryRun(t.app, staff, first, mapping);
    expect(checked.report.check).toMatchObject({ created: 3, updated: 0, unchanged: 0, refused: 0 });
    const page = await staff.get(`/imports/${first}`);
    expect(page.body).toContain('Kaikki rivit tuodaan yhtenä kokonaisuutena');
    expect((await runImport(t.app, staff, first, false)).report.result).toMatchObject({
      created: 3,
      refused: 0,
    });
    const names = await t.app.db
      .select({
        number: customers.number,
        name: customers.name,
        type: customers.type,
        phone: customers.phone,
      })
      .from(customers)
      .where(inArray(customers.name, ['Oy Esimerkki Ab', 'Toinen Oy', 'Kolmas Oy']))
      .orderBy(customers.number);
    expect(names).toEqual([
      { number: 6000000, name: 'Toinen Oy', type: 'organisation', phone: null },
      { number: 6000001, name: 'Oy Esimerkki Ab', type: 'organisation', phone: '+358 40 1234567' },
      { number: 6000002, name: 'Kolmas Oy', type: 'organisation', phone: null },
    ]);
    const [kind] = await t.app.db.select().from(customerKinds).where(eq(customerKinds.code, 'PROSPEKTI'));
    expect(kind!.nextNumber).toBe(6000003);

    // The same file again: nothing new, nothing changed (rows without a number cannot be matched
    // and would be new, so this file version identifies them by number).
    const again = [
      'Asiakasnumero;Laji;Nimi;Y-tunnus;Postitoimipaikka;Puhelin',
      '6000001;PROSPEKTI;Oy Esimerkki Ab;1572860-0;Tampere;040 123 4567',
      '6000000;PROSPEKTI;Toinen Oy;;Lahti;',
    ].join('\n');
    const same = runIdOf(await upload(t.app, staff, 'customers', 'yritykset.csv', again));
    const sameCheck = await dryRun(
      t.app,
      staff,
      same,
      preselected((await staff.get(`/imports/${same}`)).body),
    );
    expect(sameCheck.report.check).toMatchObject({ created: 0, updated: 0, unchanged: 2, refused: 0 });
    expect((await runImport(t.app, staff, same, false)).report.result).toMatchObject({
      created: 0,
      unchanged: 2,
    });

    // A changed city: the customer is updated, with an audit row naming the import.
    const changed = runIdOf(
      await upload(t.app, staff, 'customers', 'yritykset.csv', again.replace('Tampere', 'Pori')),
    );
    const changedCheck = await dryRun(
      t.app,
      staff,
      changed,
      preselected((await staff.get(`/imports/${changed}`)).body),
    );
    expect(changedCheck.report.check).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect((await runImport(t.app, staff, changed, false)).report.result).toMatchObject({
      created: 0,
      updated: 1,
    });
    const [esimerkki] = await t.app.db.select().from(customers).where(eq(customers.number, 6000001));
    expect(esimerkki).toMatchObject({ city: 'Pori', version: 2, businessId: '1572860-0' });
    expect(await t.app.db.$count(customers, eq(customers.name, 'Oy Esimerkki Ab'))).toBe(1);
    const updates = await t.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.customerId, esimerkki!.id), eq(auditLog.action, 'update')));
    expect(updates.map((a) => a.changes)).toEqual([
      { city: ['Tampere', 'Pori'], importRun: [null, changed] },
    ]);
  });
});

describe('the import transaction and its progress', () => {
  it('shows progress written outside the transaction while nothing is visible yet, and on failure imports nothing', async () => {
    // 1 500 new customers, then one existing customer in the second chunk, which another
    // transaction holds locked: the import waits there, after the first chunk.
    const [held] = await t.app.db
      .insert(customers)
      .values({
        number: 4999000,
        kindId: await kindId(t.app.db),
        type: 'organisation',
        name: 'Lukittu Oy',
        externalId: 'HELD',
      })
      .returning();
    const lines = ['externalId,kind,name'];
    for (let i = 0; i < 1500; i++) lines.push(`P-${i},ASIAKAS,Massa ${i} Oy`);
    lines.push('HELD,ASIAKAS,Lukittu Oy Ab');
    const id = runIdOf(await upload(t.app, staff, 'customers', 'massa.csv', lines.join('\n')));
    const checked = await dryRun(t.app, staff, id, { col0: 'externalId', col1: 'kind', col2: 'name' });
    expect(checked.report.check).toMatchObject({ created: 1500, updated: 1, refused: 0 });

    const other = postgres(t.database.url, { max: 1, onnotice: () => {} });
    const conn = await other.reserve();
    let locked = false;
    try {
      await conn`begin`;
      locked = true;
      await conn`select id from customers where id = ${held!.id} for update`;
      const res = await staff.post(`/imports/${id}/import`, { onlyGoodRows: '0' });
      expect(res.statusCode).toBe(303);
      let run = await waitFor(id, (r) => r.processedRows === 1000);
      expect(run.status).toBe('importing');
      // The first chunk is staged inside the transaction: not visible outside it.
      expect(await t.app.db.$count(customers, sql`external_id like 'P-%'`)).toBe(0);
      const progress = await staff.get(`/imports/${id}`, htmxPartial);
      expect(progress.body).not.toContain('<html');
      expect(progress.body).toContain('hx-trigger="every 1s"');
      expect(progress.body).toMatch(/<progress id="run-progress" max="1501" value="1000"/);
      expect(progress.body).toMatch(/1\s000 \/ 1\s501 riviä/);

      // Meanwhile the series gets too short for the 1 500 new customers: the import must fail.
      await t.app.db.update(customerKinds).set({ rangeEnd: 10100 }).where(eq(customerKinds.code, 'ASIAKAS'));
      await conn`rollback`;
      locked = false;
      run = await settled(t.app.db, id);
      expect(run.status).toBe('failed');
      expect(run.report.error).toMatchObject({ key: 'imports.error.seriesExhausted', phase: 'import' });
      const page = await staff.get(`/imports/${id}`);
      expect(page.body).toContain(
        'Tuonti epäonnistui, eikä mitään tuotu: asiakaslajin numerosarja loppui kesken.',
      );
      expect(await t.app.db.$count(customers, sql`external_id like 'P-%'`)).toBe(0);
      const [unchanged] = await t.app.db.select().from(customers).where(eq(customers.id, held!.id));
      expect(unchanged!.name).toBe('Lukittu Oy');
    } finally {
      if (locked) await conn`rollback`;
      conn.release();
      await settled(t.app.db, id);
      await t.app.db
        .update(customerKinds)
        .set({ rangeEnd: 4999999 })
        .where(eq(customerKinds.code, 'ASIAKAS'));
      await other.end({ timeout: 1 });
    }
  });
});

describe('who may import', () => {
  it('refuses read-only users any upload or import', async () => {
    const reader = await loginAs(t.app, 'readonly', 'lukija');
    const page = await reader.get('/imports');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Lukuoikeudella voi katsoa tuonteja, mutta ei tuoda tiedostoja.');
    expect(page.body).not.toContain('enctype="multipart/form-data"');
    const before = await t.app.db.$count(importRuns);
    const res = await upload(t.app, reader, 'customers', 'a.csv', 'externalId,name\nR-1,Lukija Oy\n');
    expect(res.statusCode).toBe(403);
    expect(await t.app.db.$count(importRuns)).toBe(before);
  });
});

async function waitFor(id: number, done: (run: RunSummary) => boolean) {
  for (let i = 0; i < 400; i++) {
    const run = (await getRun(t.app.db, id))!;
    if (done(run)) return run;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out: ${JSON.stringify(await getRun(t.app.db, id))}`);
}
