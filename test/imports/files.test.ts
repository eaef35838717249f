import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers, importRuns } from '../../src/db/schema/index.js';
import { type Agent, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { httpUpload, preselected, runIdOf, upload } from './helpers.js';

let t: TestApp;
let staff: Agent;

beforeAll(async () => {
  t = await createTestApp();
  staff = await loginAs(t.app, 'staff', 'tiedostot');
});
afterAll(() => t.close());

/** Uploads a file that must be refused: the message is shown and nothing is stored. */
async function refused(name: string, content: Buffer | string, message: string, status = 422) {
  const runs = await t.app.db.$count(importRuns);
  const res = await upload(t.app, staff, 'customers', name, content);
  expect(res.statusCode).toBe(status);
  expect(res.body).toContain('<html');
  expect(res.body).toContain(message);
  expect(await t.app.db.$count(importRuns)).toBe(runs);
}

const pngBytes = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('files that are not imports', () => {
  it('refuses a file that is neither CSV nor XLSX, whatever its name', async () => {
    const message = 'Tiedosto ei ole CSV- eikä XLSX-tiedosto.';
    await refused('kuva.csv', pngBytes, message);
    await refused(
      'asiakkaat.pdf',
      Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n\0\0', 'latin1'),
      message,
    );
    const zip = new PizZip();
    zip.file('word/document.xml', '<w:document/>');
    zip.file('[Content_Types].xml', '<Types/>');
    await refused('asiakkaat.xlsx', zip.generate({ type: 'nodebuffer' }), message);
    await refused('data.csv', Buffer.from([0x00, 0x01, 0x02, 0x03, 0x41, 0x42, 0x00, 0x10]), message);
  });

  it('refuses an empty file and a file with only a header', async () => {
    await refused('tyhja.csv', '', 'Tiedosto on tyhjä.');
    await refused('tyhja2.csv', '\uFEFF \r\n\r\n', 'Tiedosto on tyhjä.');
    await refused(
      'otsikko.csv',
      'externalId;name\r\n;\r\n',
      'Tiedostossa on vain otsikkorivi, ei yhtään tuotavaa riviä.',
    );
  });

  it('refuses a CSV whose quotes do not match, naming the row', async () => {
    await refused('lainaus.csv', 'a,b\n1,2\n"3,4\n5,6\n', 'CSV-tiedostoa ei voi lukea');
  });

  it('refuses a file without choosing what to import, or without a file', async () => {
    const runs = await t.app.db.$count(importRuns);
    const res = await t.app.inject({
      method: 'POST',
      url: '/imports',
      cookies: staff.cookies,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': staff.csrf },
      payload: 'target=customers',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Valitse tuotava tiedosto.');
    expect(await t.app.db.$count(importRuns)).toBe(runs);
  });
});

describe('a 200 MB file', () => {
  const SIZE = 200 * 1024 * 1024;

  it('is refused with a clear message before it is read when the browser gives its size', async () => {
    const runs = await t.app.db.$count(importRuns);
    const res = await httpUpload(t.app, staff, SIZE, true);
    expect(res.status).toBe(413);
    expect(res.body).toContain('Tiedosto on liian suuri: enintään 100 Mt.');
    expect(res.body).toContain('Mitään ei tallennettu.');
    expect(await t.app.db.$count(importRuns)).toBe(runs);
  });

  it('is refused at the limit when it comes without a size (chunked)', async () => {
    const runs = await t.app.db.$count(importRuns);
    const res = await httpUpload(t.app, staff, SIZE, false);
    expect(res.status).toBe(413);
    expect(res.body).toContain('Tiedosto on liian suuri: enintään 100 Mt.');
    expect(await t.app.db.$count(importRuns)).toBe(runs);
    expect(await t.app.db.$count(customers)).toBe(0);
  }, 60_000);
});

describe('CSV flavours', () => {
  it('reads UTF-8 with a byte order mark, quoted fields with delimiters, quotes and line breaks', async () => {
    const csv = '\uFEFFexternalId,name,notes\r\n"Q-1","Oy ""Lainaus"" Ab","rivi 1\nrivi 2, jatkuu"\r\n';
    const id = runIdOf(await upload(t.app, staff, 'customers', 'bom.csv', csv));
    const page = await staff.get(`/imports/${id}`);
    expect(page.body).toContain('CSV, UTF-8, &quot;,&quot;');
    expect(preselected(page.body)).toEqual({ col0: 'externalId', col1: 'name', col2: 'notes' });
    expect(page.body).toContain('Oy &quot;Lainaus&quot; Ab');
  });

  it('reads tab-separated text too', async () => {
    const id = runIdOf(
      await upload(t.app, staff, 'customers', 'tab.txt', 'externalId\tname\nT-1\tTabu Oy\n'),
    );
    expect(preselected((await staff.get(`/imports/${id}`)).body)).toEqual({
      col0: 'externalId',
      col1: 'name',
    });
  });
});
