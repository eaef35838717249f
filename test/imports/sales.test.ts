import { inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers, salesDocuments } from '../../src/db/schema/index.js';
import { kindId } from '../customers/helpers.js';
import { type Agent, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { dryRun, preselected, runIdOf, runImport, upload } from './helpers.js';

let t: TestApp;
let staff: Agent;
const ids: Record<number, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  staff = await loginAs(t.app, 'staff', 'myyja');
  const kind = await kindId(t.app.db);
  const rows = await t.app.db
    .insert(customers)
    .values([
      {
        number: 20001,
        kindId: kind,
        type: 'person',
        name: 'Mäkelä Jyrki',
        firstName: 'Jyrki',
        lastName: 'Mäkelä',
      },
      { number: 20002, kindId: kind, type: 'organisation', name: 'Öljy Oy', externalId: 'CRM-2' },
    ])
    .returning({ id: customers.id, number: customers.number });
  for (const r of rows) ids[r.number] = r.id;
  await t.app.db.execute(
    sql`insert into destination_types (code, name) values ('SK', 'Ski'), ('GF', 'Golf')`,
  );
});
afterAll(() => t.close());

type Doc = typeof salesDocuments.$inferSelect;
async function docs(externalIds: string[]): Promise<Doc[]> {
  return t.app.db
    .select()
    .from(salesDocuments)
    .where(inArray(salesDocuments.externalId, externalIds))
    .orderBy(salesDocuments.externalId);
}

const finnishRows = [
  'Tunniste;Laji;Numero;Päivämäärä;Matka alkaa;Matka päättyy;Kohdetyyppi;Kohde;Summa;Eräpäivä;Maksupäivä;Asiakasnumero',
  'S-1;varaus;V100;1.2.2026;10.3.2026;17.3.2026;SK;Äkäslompolo;1 234,50;;;20001',
  'S-2;lasku;L200;15.1.2026;;;;;-99,90;14.2.2026;;20001',
  'S-3;myyntitilaus;T300;2026-01-03;;;gf;Sölden;2\u00a0000;;;20002',
  'S-4;invoice;L201;3.1.2026;;;;;"1234.50";2.2.2026;1.2.2026;20002',
];

describe('sales documents from a semicolon CSV in Windows-1252 with Finnish numbers and dates', () => {
  it('reads the encoding, the delimiter and the formats, and imports the documents', async () => {
    // Windows-1252: ä and ö are single bytes (as in Latin-1), which is not valid UTF-8.
    const file = Buffer.from(`${finnishRows.join('\r\n')}\r\n`, 'latin1');
    const id = runIdOf(await upload(t.app, staff, 'sales_documents', 'myynti.csv', file));
    const page = await staff.get(`/imports/${id}`);
    expect(page.body).toContain('CSV, WINDOWS-1252, &quot;;&quot;');
    expect(page.body).toContain('Äkäslompolo');
    const mapping = preselected(page.body);
    expect(mapping).toEqual({
      col0: 'externalId',
      col1: 'kind',
      col2: 'number',
      col3: 'date',
      col4: 'travelStart',
      col5: 'travelEnd',
      col6: 'destinationType',
      col7: 'destination',
      col8: 'amount',
      col9: 'dueDate',
      col10: 'paidDate',
      col11: 'customerNumber',
    });
    const checked = await dryRun(t.app, staff, id, mapping);
    expect(checked.report.check).toMatchObject({ created: 4, updated: 0, unchanged: 0, refused: 0 });
    expect(await docs(['S-1', 'S-2', 'S-3', 'S-4'])).toHaveLength(0);

    const done = await runImport(t.app, staff, id, false);
    expect(done.report.result).toMatchObject({ created: 4, updated: 0, unchanged: 0 });
    const stored = await docs(['S-1', 'S-2', 'S-3', 'S-4']);
    expect(
      stored.map((d) => [
        d.externalId,
        d.kind,
        d.number,
        d.date,
        d.travelStart,
        d.travelEnd,
        d.destination,
        d.amountCents,
        d.dueDate,
        d.paidDate,
        d.customerId,
      ]),
    ).toEqual([
      [
        'S-1',
        'booking',
        'V100',
        '2026-02-01',
        '2026-03-10',
        '2026-03-17',
        'Äkäslompolo',
        123450,
        null,
        null,
        ids[20001],
      ],
      ['S-2', 'invoice', 'L200', '2026-01-15', null, null, null, -9990, '2026-02-14', null, ids[20001]],
      ['S-3', 'sales_order', 'T300', '2026-01-03', null, null, 'Sölden', 200000, null, null, ids[20002]],
      [
        'S-4',
        'invoice',
        'L201',
        '2026-01-03',
        null,
        null,
        null,
        123450,
        '2026-02-02',
        '2026-02-01',
        ids[20002],
      ],
    ]);
    const [types] = await t.app.db.execute<{ sk: boolean; gf: boolean }>(sql`
      select (select destination_type_id from sales_documents where external_id = 'S-1') = (select id from destination_types where code = 'SK') as sk,
             (select destination_type_id from sales_documents where external_id = 'S-3') = (select id from destination_types where code = 'GF') as gf`);
    expect(types).toEqual({ sk: true, gf: true });
  });

  it('re-importing the same file changes nothing and adds no documents', async () => {
    const file = Buffer.from(finnishRows.join('\n'), 'latin1');
    const id = runIdOf(await upload(t.app, staff, 'sales_documents', 'myynti.csv', file));
    const page = await staff.get(`/imports/${id}`);
    expect(page.body).toContain('id="mapping-remembered"');
    const checked = await dryRun(t.app, staff, id, preselected(page.body));
    expect(checked.report.check).toMatchObject({ created: 0, updated: 0, unchanged: 4, refused: 0 });
    expect((await runImport(t.app, staff, id, false)).report.result).toMatchObject({
      created: 0,
      unchanged: 4,
    });

    // A paid date and a changed amount: updated in place, still one document per externalId.
    const changed = finnishRows.map((r) =>
      r.replace(
        'S-2;lasku;L200;15.1.2026;;;;;-99,90;14.2.2026;;',
        'S-2;lasku;L200;15.1.2026;;;;;-89,90;14.2.2026;20.2.2026;',
      ),
    );
    const again = runIdOf(
      await upload(t.app, staff, 'sales_documents', 'myynti.csv', Buffer.from(changed.join('\n'), 'latin1')),
    );
    const check2 = await dryRun(
      t.app,
      staff,
      again,
      preselected((await staff.get(`/imports/${again}`)).body),
    );
    expect(check2.report.check).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    expect((await runImport(t.app, staff, again, false)).report.result).toMatchObject({
      created: 0,
      updated: 1,
      unchanged: 3,
    });
    const [s2] = await docs(['S-2']);
    expect(s2).toMatchObject({ amountCents: -8990, paidDate: '2026-02-20', version: 2 });
    expect(await t.app.db.$count(salesDocuments, sql`external_id like 'S-%'`)).toBe(4);
  });
});

describe('bad sales rows', () => {
  const bad = [
    'externalId,kind,date,amount,customerNumber,customerExternalId,destinationType',
    'B-1,booking,2026-02-01,"100,00",20001,,SK',
    'B-2,booking,32.1.2026,"100,00",20001,,',
    'B-3,invoice,2026-02-01,"12,3,4",20001,,',
    'B-4,lasku,2026-02-01,10,99999,,',
    'B-5,matka,2026-02-01,10,,CRM-2,',
    'B-1,booking,2026-02-02,5,20001,,',
    'B-7,booking,2026-02-01,5,20001,,XX',
    'B-8,invoice,2026-02-01,"1 000,50",,CRM-2,',
  ].join('\n');

  it('reports every refused row and imports nothing until the user chooses only the good rows', async () => {
    const id = runIdOf(await upload(t.app, staff, 'sales_documents', 'bad.csv', bad));
    const checked = await dryRun(t.app, staff, id, preselected((await staff.get(`/imports/${id}`)).body));
    expect(checked.report.check).toMatchObject({ created: 2, refused: 6 });
    const page = await staff.get(`/imports/${id}`);
    const rows = [
      ...page.body.matchAll(/<tr>\s*<td class="num">(\d+)<\/td>\s*<td>([^<]*)<\/td>\s*<td>([^<]*)<\/td>/g),
    ].map((m) => [Number(m[1]), m[2], m[3]]);
    expect(rows).toEqual([
      [3, 'date', 'Päivämäärä ei ole kelvollinen (esim. 1.2.2026 tai 2026-02-01).'],
      [4, 'amount', 'Summa ei ole kelvollinen (esim. 1 234,50).'],
      [5, 'customerNumber', 'Asiakasta ei löydy.'],
      [6, 'kind', 'Lajin on oltava booking, salesOrder tai invoice.'],
      [7, 'externalId', 'Sama tunniste on jo rivillä 2.'],
      [8, 'destinationType', 'Tuntematon kohdetyyppi. Kohdetyypit ylläpidetään asetuksissa.'],
    ]);
    expect(page.body).toContain('Tuo vain kelvolliset rivit (6 hylättyä riviä jätetään pois)');
    expect(await docs(['B-1', 'B-8'])).toHaveLength(0);

    const done = await runImport(t.app, staff, id, true);
    expect(done.report.result).toMatchObject({ created: 2, refused: 6, onlyGoodRows: true });
    const stored = await docs(['B-1', 'B-2', 'B-3', 'B-4', 'B-5', 'B-7', 'B-8']);
    expect(stored.map((d) => [d.externalId, d.amountCents, d.customerId, d.date])).toEqual([
      ['B-1', 10000, ids[20001], '2026-02-01'],
      ['B-8', 100050, ids[20002], '2026-02-01'],
    ]);
  });
});

describe('sales documents from XLSX', () => {
  it('imports real Excel dates and numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Myynti');
    ws.addRow([
      'Ulkoinen tunniste',
      'Laji',
      'Päivämäärä',
      'Summa',
      'Asiakkaan ulkoinen tunniste',
      'Eräpäivä',
      'Kohde',
    ]);
    ws.addRow([
      'X-1',
      'lasku',
      new Date(Date.UTC(2025, 11, 31)),
      1234.5,
      'CRM-2',
      new Date(Date.UTC(2026, 0, 30)),
      'Ähtäri',
    ]);
    ws.addRow([
      'X-2',
      'varaus',
      '1.1.2026',
      -25,
      'CRM-2',
      null,
      { richText: [{ text: 'Öl' }, { text: 'and' }] },
    ]);
    ws.addRow([]);
    ws.addRow(['X-3', 'salesOrder', 46054, '12,00', 'CRM-2', null, null]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const id = runIdOf(await upload(t.app, staff, 'sales_documents', 'myynti.xlsx', file));
    const page = await staff.get(`/imports/${id}`);
    expect(page.body).toContain('XLSX');
    const checked = await dryRun(t.app, staff, id, preselected(page.body));
    expect(checked.report.check).toMatchObject({ created: 3, refused: 0 });
    expect((await runImport(t.app, staff, id, false)).report.result).toMatchObject({ created: 3 });
    const stored = await docs(['X-1', 'X-2', 'X-3']);
    expect(
      stored.map((d) => [
        d.externalId,
        d.kind,
        d.date,
        d.amountCents,
        d.dueDate,
        d.destination,
        d.customerId,
      ]),
    ).toEqual([
      ['X-1', 'invoice', '2025-12-31', 123450, '2026-01-30', 'Ähtäri', ids[20002]],
      ['X-2', 'booking', '2026-01-01', -2500, null, 'Öland', ids[20002]],
      ['X-3', 'sales_order', '2026-02-01', 1200, null, null, ids[20002]],
    ]);
  });
});

describe('automatic profiling through the import', () => {
  it('adds the value mapped to a booking’s destination type once', async () => {
    const [value] = await t.app.db.execute<{ id: number }>(sql`
      with f as (insert into profile_fields (code, title, type) values ('HARR', 'Harrastukset', 'multi') returning id)
      insert into profile_values (field_id, code, label) select id, 'GO', 'Golf' from f returning id`);
    await t.app.db.execute(sql`update destination_types set auto_value_id = ${value!.id} where code = 'GF'`);
    const file = [
      'externalId;kind;date;amount;customerNumber;destinationType',
      'G-1;varaus;1.3.2026;100;20001;GF',
      'G-2;varaus;2.3.2026;200;20001;GF',
      'G-3;lasku;3.3.2026;300;20001;GF',
    ].join('\n');
    for (let round = 0; round < 2; round++) {
      const id = runIdOf(await upload(t.app, staff, 'sales_documents', 'golf.csv', file));
      await dryRun(t.app, staff, id, preselected((await staff.get(`/imports/${id}`)).body));
      expect((await runImport(t.app, staff, id, false)).status).toBe('done');
    }
    const [row] = await t.app.db.execute<{ n: number }>(sql`
      select count(*)::int as n from customer_profile_values where customer_id = ${ids[20001]!} and value_id = ${value!.id}`);
    expect(row!.n).toBe(1);
  });
});
