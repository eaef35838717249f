import { createHash } from 'node:crypto';
import net from 'node:net';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, customerDocuments } from '../../src/db/schema/index.js';
import { contentDisposition, safeFileName } from '../../src/features/documents/files.js';
import { documentCountsByEntry } from '../../src/features/documents/queries.js';
import { type Agent, htmxPartial, loginAs } from '../helpers/app.js';
import { createDocumentsApp, entry, fakeExe, multipart, person, postMultipart, tinyPdf } from './helpers.js';

let t: Awaited<ReturnType<typeof createDocumentsApp>>;
let staff: Agent;
let readonly: Agent;

beforeAll(async () => {
  t = await createDocumentsApp();
  staff = await loginAs(t.app, 'staff');
  readonly = await loginAs(t.app, 'readonly');
});
afterAll(() => t.close());

const tab = (id: number) => `/customers/${id}/documents`;

async function docsOf(customerId: number) {
  return t.app.db
    .select({
      id: customerDocuments.id,
      fileName: customerDocuments.fileName,
      contentType: customerDocuments.contentType,
      sizeBytes: customerDocuments.sizeBytes,
      interactionId: customerDocuments.interactionId,
      sha256: customerDocuments.sha256,
    })
    .from(customerDocuments)
    .where(eq(customerDocuments.customerId, customerId))
    .orderBy(customerDocuments.id);
}

async function upload(agent: Agent, customerId: number, fileName: string, data: Buffer, interactionId = '') {
  const body = multipart([
    { name: 'interactionId', value: interactionId },
    { name: 'file', fileName, data },
  ]);
  return postMultipart(t.app, agent, tab(customerId), body);
}

describe('uploading and downloading', () => {
  it('stores a file with its sniffed type and serves it back as an attachment with a Finnish name', async () => {
    const c = await person(t.app.db, 'Aino', 'Äänekoski');
    const pdf = tinyPdf();
    const res = await upload(staff, c.id, 'Tarjous_Äänekoski.pdf', pdf);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(tab(c.id));
    const [doc] = await docsOf(c.id);
    expect(doc).toMatchObject({
      fileName: 'Tarjous_Äänekoski.pdf',
      contentType: 'application/pdf',
      sizeBytes: pdf.length,
      interactionId: null,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });

    const page = await staff.get(tab(c.id));
    expect(page.body).toContain('Dokumentti Tarjous_Äänekoski.pdf tallennettu.');
    expect(page.body).toContain('>Tarjous_Äänekoski.pdf</a>');

    const dl = await staff.get(`${tab(c.id)}/${doc!.id}/download`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['content-disposition']).toBe(
      `attachment; filename="Tarjous_Aanekoski.pdf"; filename*=UTF-8''Tarjous_%C3%84%C3%A4nekoski.pdf`,
    );
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.rawPayload.equals(pdf)).toBe(true);
    // What a browser makes of the header: the UTF-8 name wins over the ASCII fallback.
    const star = /filename\*=UTF-8''([^;]+)/.exec(String(dl.headers['content-disposition']))![1]!;
    expect(decodeURIComponent(star)).toBe('Tarjous_Äänekoski.pdf');
  });

  it('stores an .exe renamed .pdf as an executable and never serves it inline', async () => {
    const c = await person(t.app.db, 'Eero', 'Exe');
    const res = await upload(staff, c.id, 'lasku.pdf', fakeExe());
    expect(res.statusCode).toBe(303);
    const [doc] = await docsOf(c.id);
    expect(doc!.fileName).toBe('lasku.pdf');
    expect(doc!.contentType).toBe('application/x-msdownload');
    const page = await staff.get(tab(c.id));
    expect(page.body).toContain('<code>application/x-msdownload</code>');

    const dl = await staff.get(`${tab(c.id)}/${doc!.id}/download`);
    expect(dl.headers['content-type']).toBe('application/x-msdownload');
    expect(dl.headers['content-type']).not.toContain('pdf');
    expect(String(dl.headers['content-disposition'])).toMatch(/^attachment;/);
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(String(dl.headers['content-security-policy'])).toContain('sandbox');
  });

  it('falls back to text/plain for UTF-8 text and to octet-stream for unknown bytes', async () => {
    const c = await person(t.app.db, 'Teksti', 'Tiedosto');
    await upload(staff, c.id, 'muistio.txt', Buffer.from('Hyvää päivää!\nToinen rivi.\n'));
    await upload(staff, c.id, 'data.bin', Buffer.from([0x00, 0x9f, 0x13, 0x37, 0xfe, 0x01]));
    const docs = await docsOf(c.id);
    expect(docs.map((d) => d.contentType)).toEqual(['text/plain', 'application/octet-stream']);
    const dl = await staff.get(`${tab(c.id)}/${docs[0]!.id}/download`);
    expect(dl.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(String(dl.headers['content-disposition'])).toMatch(/^attachment;/);
  });

  it('makes file names safe: no folders, no control or bidi characters, letters kept, length limited', async () => {
    const c = await person(t.app.db, 'Polku', 'Testi');
    await upload(staff, c.id, '..\\..\\Windows\\Järjestelmä\u0007\u202Eexe.pdf', Buffer.from('x'));
    const [doc] = await docsOf(c.id);
    expect(doc!.fileName).toBe('Järjestelmä__exe.pdf');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('  ...  ')).toBe('tiedosto');
    expect(safeFileName('CON.txt')).toBe('_CON.txt');
    const long = safeFileName(`${'ä'.repeat(300)}.docx`);
    expect([...long].length).toBe(150);
    expect(long.endsWith('.docx')).toBe(true);
    expect(contentDisposition('a"b;c%.txt')).toBe(
      `attachment; filename="a_b_c_.txt"; filename*=UTF-8''a%22b%3Bc%25.txt`,
    );
  });

  it('refuses a 26 MB upload with a message and stores nothing', async () => {
    const c = await person(t.app.db, 'Iso', 'Tiedosto');
    const big = Buffer.alloc(26 * 1024 * 1024, 0x41);
    const res = await upload(staff, c.id, 'iso.pdf', big);
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain('Tiedosto on liian suuri: enintään 25 Mt sallitaan. Mitään ei tallennettu.');
    expect(await docsOf(c.id)).toEqual([]);
    const audits = await t.app.db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.customerId, c.id), eq(auditLog.entity, 'document')));
    expect(audits[0]!.n).toBe(0);
    // Exactly at the limit is fine.
    const ok = await upload(staff, c.id, 'raja.bin', Buffer.alloc(25 * 1024 * 1024, 0x41));
    expect(ok.statusCode).toBe(303);
    expect((await docsOf(c.id)).map((d) => d.sizeBytes)).toEqual([25 * 1024 * 1024]);
  });

  it('stores nothing from a multipart body that ends half-way', async () => {
    const c = await person(t.app.db, 'Katkennut', 'Inject');
    const whole = multipart([{ name: 'file', fileName: 'puolikas.pdf', data: Buffer.alloc(200_000, 0x42) }]);
    const cut = whole.payload.subarray(0, 100_000);
    const res = await postMultipart(t.app, staff, tab(c.id), {
      payload: cut,
      contentType: whole.contentType,
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Tiedoston lähetys keskeytyi, eikä mitään tallennettu.');
    // The file part arrives whole, the form's last field and closing boundary do not: the
    // parser alone would end quietly and the file would lose its contact entry.
    const e = await entry(t.app.db, c.id, 'Kontakti, jonka kenttä katkeaa');
    const withEntry = multipart([
      { name: 'file', fileName: 'kokonainen.pdf', data: tinyPdf() },
      { name: 'interactionId', value: String(e) },
    ]);
    const end = withEntry.payload.lastIndexOf(Buffer.from(`--${withEntry.boundary}--`));
    const almost = await postMultipart(t.app, staff, tab(c.id), {
      payload: withEntry.payload.subarray(0, end),
      contentType: withEntry.contentType,
    });
    expect(almost.statusCode).toBe(400);
    expect(almost.body).toContain('Tiedoston lähetys keskeytyi');
    expect(await docsOf(c.id)).toEqual([]);
  });

  it('stores nothing when the client drops the connection half-way through a real HTTP upload', async () => {
    const c = await person(t.app.db, 'Katkennut', 'Yhteys');
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const body = multipart([{ name: 'file', fileName: 'kesken.pdf', data: Buffer.alloc(3_000_000, 0x43) }]);
    const cookie = Object.entries(staff.cookies)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
    const answered = t.answered(tab(c.id));
    const socket = net.connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    socket.on('error', () => {});
    socket.write(
      `POST ${tab(c.id)} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${body.contentType}\r\n` +
        `Content-Length: ${body.payload.length}\r\nCookie: ${cookie}\r\nX-CSRF-Token: ${staff.csrf}\r\n\r\n`,
    );
    await new Promise<void>((resolve) => socket.write(body.payload.subarray(0, 1_000_000), () => resolve()));
    socket.destroy();
    expect(await answered).toBe(400);
    expect(await docsOf(c.id)).toEqual([]);
  });

  it('refuses a missing file and an entry of another customer', async () => {
    const c = await person(t.app.db, 'Tyhjä', 'Lomake');
    const other = await person(t.app.db, 'Toinen', 'Asiakas');
    const otherEntry = await entry(t.app.db, other.id, 'Toisen kontakti');
    const none = await postMultipart(
      t.app,
      staff,
      tab(c.id),
      multipart([{ name: 'interactionId', value: '' }]),
    );
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('Valitse tiedosto.');
    const wrong = await upload(staff, c.id, 'a.txt', Buffer.from('a'), String(otherEntry));
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Valittu kontakti ei kuulu tälle asiakkaalle.');
    expect(await docsOf(c.id)).toEqual([]);
  });

  it('refuses an upload without the CSRF token', async () => {
    const c = await person(t.app.db, 'Csrf', 'Testi');
    const body = multipart([{ name: 'file', fileName: 'a.txt', data: Buffer.from('a') }]);
    const res = await t.app.inject({
      method: 'POST',
      url: tab(c.id),
      cookies: staff.cookies,
      headers: { 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(403);
    // A plain (no-JS) form sends the token in the action URL.
    const plain = await t.app.inject({
      method: 'POST',
      url: `${tab(c.id)}?_csrf=${encodeURIComponent(staff.csrf)}`,
      cookies: staff.cookies,
      headers: { 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(plain.statusCode).toBe(303);
    expect((await docsOf(c.id)).length).toBe(1);
  });
});

describe('the Oheisdokumentit tab', () => {
  it('is a full page when opened directly and only the card body for htmx', async () => {
    const c = await person(t.app.db, 'Välilehti', 'Testi');
    await upload(staff, c.id, 'liite.txt', Buffer.from('liite'));
    const full = await staff.get(tab(c.id));
    expect(full.statusCode).toBe(200);
    expect(full.body).toContain('<html');
    expect(full.body).toContain('aria-selected="true">Oheisdokumentit</a>');
    expect(full.body).toContain('>liite.txt</a>');
    const partial = await staff.get(tab(c.id), htmxPartial);
    expect(partial.statusCode).toBe(200);
    expect(partial.body).not.toContain('<html');
    expect(partial.body).toContain('aria-selected="true">Oheisdokumentit</a>');
    expect(partial.body).toContain('>liite.txt</a>');
    expect(partial.headers.vary).toContain('HX-Request');
  });

  it('lists all documents or only those of one contact entry', async () => {
    const c = await person(t.app.db, 'Suodatin', 'Testi');
    const e1 = await entry(t.app.db, c.id, 'Soitto tarjouksesta');
    const e2 = await entry(t.app.db, c.id, 'Tapaaminen');
    await upload(staff, c.id, 'yleinen.txt', Buffer.from('yleinen'));
    await upload(staff, c.id, 'tarjous.txt', Buffer.from('tarjous'), String(e1));
    await upload(staff, c.id, 'muistio.txt', Buffer.from('muistio'), String(e2));
    const docs = await docsOf(c.id);
    expect(docs.map((d) => d.interactionId)).toEqual([null, e1, e2]);
    expect(await documentCountsByEntry(t.app.db, [e1, e2, e2 + 1000])).toEqual(
      new Map([
        [e1, 1],
        [e2, 1],
      ]),
    );

    const all = await staff.get(tab(c.id));
    for (const n of ['yleinen.txt', 'tarjous.txt', 'muistio.txt']) expect(all.body).toContain(`>${n}</a>`);
    expect(all.body).toContain(`<option value="${e1}">nro ${e1} ·`);
    expect(all.body).toContain('Soitto tarjouksesta');

    const one = await staff.get(`${tab(c.id)}?entry=${e1}`, htmxPartial);
    expect(one.body).toContain('>tarjous.txt</a>');
    expect(one.body).not.toContain('>yleinen.txt</a>');
    expect(one.body).not.toContain('>muistio.txt</a>');
    expect(one.body).toContain(`<option value="${e1}" selected>`);

    const empty = await person(t.app.db, 'Ei', 'Dokumentteja');
    const e3 = await entry(t.app.db, empty.id, 'Tyhjä');
    expect((await staff.get(tab(empty.id))).body).toContain('Asiakkaalla ei ole dokumentteja.');
    expect((await staff.get(`${tab(empty.id)}?entry=${e3}`)).body).toContain(
      'Tähän kontaktiin ei ole liitetty dokumentteja.',
    );
  });

  it('pages a long list newest first', async () => {
    const c = await person(t.app.db, 'Sivutus', 'Testi');
    for (let i = 1; i <= 52; i++) await upload(staff, c.id, `d${i}.txt`, Buffer.from(`d${i}`));
    const first = await staff.get(tab(c.id));
    expect(first.body).toContain('>d52.txt</a>');
    expect(first.body).toContain('>d3.txt</a>');
    expect(first.body).not.toContain('>d2.txt</a>');
    const next = /href="([^"]*before=\d+)"/.exec(first.body)![1]!.replace(/&amp;/g, '&');
    const second = await staff.get(next);
    expect(second.body).toContain('>d2.txt</a>');
    expect(second.body).toContain('>d1.txt</a>');
    expect(second.body).not.toContain('>d3.txt</a>');
  });
});

describe('copy and delete', () => {
  it('copies a document under a new name and deletes one, both written to the audit log', async () => {
    const c = await person(t.app.db, 'Kopio', 'Poisto');
    const e = await entry(t.app.db, c.id, 'Tarjous lähetetty');
    await upload(staff, c.id, 'Tarjous.pdf', tinyPdf(), String(e));
    const [orig] = await docsOf(c.id);

    const copy = await staff.post(`${tab(c.id)}/${orig!.id}/copy`, { fileName: 'Tarjous_muokattu.pdf' });
    expect(copy.statusCode).toBe(303);
    const after = await docsOf(c.id);
    expect(after).toHaveLength(2);
    expect(after[1]).toMatchObject({
      fileName: 'Tarjous_muokattu.pdf',
      contentType: 'application/pdf',
      interactionId: e,
      sha256: orig!.sha256,
    });
    const dl = await staff.get(`${tab(c.id)}/${after[1]!.id}/download`);
    expect(dl.rawPayload.equals(tinyPdf())).toBe(true);

    const blank = await staff.post(`${tab(c.id)}/${orig!.id}/copy`, { fileName: '  ' }, htmxPartial);
    expect(blank.statusCode).toBe(422);
    expect(blank.body).toContain('Pakollinen tieto.');
    expect(blank.body).toContain(`<details open>`);

    const del = await staff.post(`${tab(c.id)}/${orig!.id}/delete`, {}, htmxPartial);
    expect(del.statusCode).toBe(200);
    expect(del.body).toContain('Dokumentti Tarjous.pdf poistettu.');
    expect((await docsOf(c.id)).map((d) => d.fileName)).toEqual(['Tarjous_muokattu.pdf']);

    const audit = await t.app.db
      .select({ action: auditLog.action, entityId: auditLog.entityId, changes: auditLog.changes })
      .from(auditLog)
      .where(and(eq(auditLog.customerId, c.id), eq(auditLog.entity, 'document')))
      .orderBy(auditLog.id);
    expect(audit.map((a) => [a.action, a.entityId])).toEqual([
      ['create', orig!.id],
      ['create', after[1]!.id],
      ['delete', orig!.id],
    ]);
    expect(audit[1]!.changes).toMatchObject({
      documentName: [null, 'Tarjous_muokattu.pdf'],
      documentCopiedFrom: [null, 'Tarjous.pdf'],
    });
    expect(audit[2]!.changes).toMatchObject({ documentName: ['Tarjous.pdf', null] });

    const history = await staff.get(`/customers/${c.id}/history`);
    expect(history.body).toContain('Dokumentti poistettu');
    expect(history.body).toContain('Kopioitu dokumentista');

    const again = await staff.post(`${tab(c.id)}/${orig!.id}/delete`, {});
    expect(again.statusCode).toBe(404);
  });

  it('does not let one customer’s URL reach another customer’s document', async () => {
    const a = await person(t.app.db, 'Oma', 'Asiakas');
    const b = await person(t.app.db, 'Vieras', 'Asiakas');
    await upload(staff, a.id, 'salainen.txt', Buffer.from('salainen'));
    const [doc] = await docsOf(a.id);
    expect((await staff.get(`${tab(b.id)}/${doc!.id}/download`)).statusCode).toBe(404);
    expect((await staff.post(`${tab(b.id)}/${doc!.id}/delete`, {})).statusCode).toBe(404);
    expect((await staff.post(`${tab(b.id)}/${doc!.id}/copy`, { fileName: 'x.txt' })).statusCode).toBe(404);
    expect(await docsOf(a.id)).toHaveLength(1);
    expect(await docsOf(b.id)).toHaveLength(0);
  });
});

describe('read-only users', () => {
  it('can list and download but not upload, copy or delete', async () => {
    const c = await person(t.app.db, 'Luku', 'Oikeus');
    await upload(staff, c.id, 'luettava.txt', Buffer.from('luettava'));
    const [doc] = await docsOf(c.id);
    const page = await readonly.get(tab(c.id));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('>luettava.txt</a>');
    expect(page.body).not.toContain('enctype="multipart/form-data"');
    expect(page.body).not.toContain('/delete"');
    const dl = await readonly.get(`${tab(c.id)}/${doc!.id}/download`);
    expect(dl.statusCode).toBe(200);
    expect(dl.body).toBe('luettava');

    const up = await upload(readonly, c.id, 'ei.txt', Buffer.from('ei'));
    expect(up.statusCode).toBe(403);
    expect((await readonly.post(`${tab(c.id)}/${doc!.id}/delete`, {})).statusCode).toBe(403);
    expect((await readonly.post(`${tab(c.id)}/${doc!.id}/copy`, { fileName: 'x.txt' })).statusCode).toBe(403);
    expect((await docsOf(c.id)).map((d) => d.fileName)).toEqual(['luettava.txt']);
  });
});
