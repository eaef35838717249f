import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  contactPersons,
  customerDocuments,
  customerKinds,
  documentTemplates,
} from '../../src/db/schema/index.js';
import { createCustomer } from '../../src/features/customers/queries.js';
import { customerSchema } from '../../src/features/customers/schemas.js';
import { type Agent, htmxPartial, loginAs } from '../helpers/app.js';
import { createDocumentsApp, entry, minimalDocx, multipart, person, postMultipart } from './helpers.js';

let t: Awaited<ReturnType<typeof createDocumentsApp>>;
let admin: Agent;
let staff: Agent;
let readonly: Agent;
let dir: string;

beforeAll(async () => {
  t = await createDocumentsApp();
  admin = await loginAs(t.app, 'admin');
  staff = await loginAs(t.app, 'staff', 'kaisa');
  readonly = await loginAs(t.app, 'readonly');
  dir = mkdtempSync(path.join(tmpdir(), 'kanta-docs-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t.close();
});

const tab = (id: number) => `/customers/${id}/documents`;

function uploadDocxTemplate(
  name: string,
  docx: Buffer,
  fileName = 'kirje.docx',
  url = '/settings/templates',
) {
  return postMultipart(
    t.app,
    admin,
    url,
    multipart([
      { name: 'name', value: name },
      { name: 'file', fileName, data: docx },
    ]),
  );
}

async function templateCount() {
  return (await t.app.db.select({ id: documentTemplates.id }).from(documentTemplates)).length;
}

async function templateId(name: string) {
  const [row] = await t.app.db
    .select({ id: documentTemplates.id })
    .from(documentTemplates)
    .where(eq(documentTemplates.name, name));
  return row!.id;
}

async function lastDocument(customerId: number) {
  const rows = await t.app.db
    .select()
    .from(customerDocuments)
    .where(eq(customerDocuments.customerId, customerId))
    .orderBy(customerDocuments.id);
  return rows[rows.length - 1];
}

/** Saves a download and lets the command-line tools read it, as a person's computer would. */
function saved(name: string, bytes: Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

describe('the template admin', () => {
  it('is for admins only', async () => {
    expect((await staff.get('/settings/templates')).statusCode).toBe(403);
    expect((await readonly.get('/settings/templates')).statusCode).toBe(403);
    const res = await postMultipart(
      t.app,
      staff,
      '/settings/templates',
      multipart([
        { name: 'name', value: 'Ei' },
        { name: 'file', fileName: 'a.docx', data: minimalDocx([['{nimi}']]) },
      ]),
    );
    expect(res.statusCode).toBe(403);
    expect(await templateCount()).toBe(0);
  });

  it('lists the merge fields with their meaning', async () => {
    const page = await admin.get('/settings/templates');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Asiakirjamallit</h1>');
    for (const f of ['nimi', 'etunimi', 'sukunimi', 'katuosoite', 'postinumero', 'postitoimipaikka', 'maa']) {
      expect(page.body).toContain(`<code>{${f}}</code>`);
    }
    for (const f of ['asiakasnumero', 'pvm', 'kasittelija', 'yhteyshenkilo', 'osoite', 'kontakti']) {
      expect(page.body).toContain(`<code>{${f}}</code>`);
    }
    expect(page.body).toContain('Dokumentin luova virkailija');
  });

  it('refuses a Word template with an unknown merge field, naming the field', async () => {
    const docx = minimalDocx([['Hyvä {nimi}'], ['Tilauksesi {tilaus', 'numero} on tulossa.']]);
    const res = await uploadDocxTemplate('Tuntematon', docx);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Tuntematon yhdistelykenttä: {tilausnumero}');
    expect(res.body).toContain('value="Tuntematon"');
    expect(await templateCount()).toBe(0);
  });

  it('refuses a file that is not a valid .docx and a template with broken markup', async () => {
    const notDocx = await uploadDocxTemplate('Ei Word', Buffer.from('%PDF-1.4 tämä ei ole Word'), 'a.docx');
    expect(notDocx.statusCode).toBe(422);
    expect(notDocx.body).toContain('Tiedosto ei ole Word-asiakirja (.docx).');
    const zip = new PizZip();
    zip.file('hello.txt', 'hei');
    const someZip = await uploadDocxTemplate('Zip', zip.generate({ type: 'nodebuffer' }), 'b.docx');
    expect(someZip.statusCode).toBe(422);
    expect(someZip.body).toContain('Tiedosto ei ole Word-asiakirja (.docx).');
    const broken = await uploadDocxTemplate('Rikki', minimalDocx([['Hyvä {nimi']]));
    expect(broken.statusCode).toBe(422);
    expect(broken.body).toContain('Mallin merkinnöissä on virhe');
    const noFile = await postMultipart(
      t.app,
      admin,
      '/settings/templates',
      multipart([{ name: 'name', value: 'X' }]),
    );
    expect(noFile.statusCode).toBe(422);
    expect(noFile.body).toContain('Valitse tiedosto.');
    expect(await templateCount()).toBe(0);
  });

  it('refuses an HTML template with an unknown field but lets CSS braces be', async () => {
    const bad = await admin.post('/settings/templates', {
      name: 'HTML huono',
      html: '<style>p { margin: 0 }</style><p>Hei {nimi}, {alennus} %</p>',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Tuntematon yhdistelykenttä: {alennus}');
    expect(bad.body).toContain('HTML huono');
    const missing = await admin.post('/settings/templates', { name: '', html: '' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Pakollinen tieto.');
    expect(await templateCount()).toBe(0);

    const good = await admin.post('/settings/templates', {
      name: 'HTML hyvä',
      html: '<style>p{margin:0} h1 { color: #333 }</style><h1>Hei {etunimi}</h1><p>{osoite}</p>',
    });
    expect(good.statusCode).toBe(303);
    const [row] = await t.app.db
      .select()
      .from(documentTemplates)
      .where(eq(documentTemplates.name, 'HTML hyvä'));
    expect(row!.kind).toBe('html');
    expect(row!.mergeFields).toEqual(['etunimi', 'osoite']);
    await admin.post(`/settings/templates/${row!.id}/delete`, {});
  });

  it('saves, renames, replaces and deletes a Word template', async () => {
    const res = await uploadDocxTemplate('Saate', minimalDocx([['Hei {etunimi}']]), 'saate.docx');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/settings/templates');
    const id = await templateId('Saate');
    const list = await admin.get('/settings/templates');
    expect(list.body).toContain('Malli Saate lisätty.');
    expect(list.body).toContain('{etunimi}');

    const renamed = await postMultipart(
      t.app,
      admin,
      `/settings/templates/${id}`,
      multipart([{ name: 'name', value: 'Saatekirje' }]),
    );
    expect(renamed.statusCode).toBe(303);
    const file = await admin.get(`/settings/templates/${id}/file`);
    expect(file.statusCode).toBe(200);
    expect(String(file.headers['content-disposition'])).toContain('filename="saate.docx"');
    expect(new PizZip(file.rawPayload).file('word/document.xml')!.asText()).toContain('Hei {etunimi}');

    const unknown = await uploadDocxTemplate(
      'Saatekirje',
      minimalDocx([['{hetu}']]),
      'x.docx',
      `/settings/templates/${id}`,
    );
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('Tuntematon yhdistelykenttä: {hetu}');
    const replaced = await uploadDocxTemplate(
      'Saatekirje',
      minimalDocx([['{sukunimi}']]),
      'uusi.docx',
      `/settings/templates/${id}`,
    );
    expect(replaced.statusCode).toBe(303);
    const [row] = await t.app.db.select().from(documentTemplates).where(eq(documentTemplates.id, id));
    expect(row).toMatchObject({ name: 'Saatekirje', fileName: 'uusi.docx', mergeFields: ['sukunimi'] });

    const del = await admin.post(`/settings/templates/${id}/delete`, {});
    expect(del.statusCode).toBe(303);
    expect(await templateCount()).toBe(0);
    const audit = await t.app.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.entity, 'document_template'))
      .orderBy(auditLog.id);
    expect(audit.map((a) => a.action)).toContain('delete');
  });
});

describe('Luo mallista on the card', () => {
  it('fills a Word template for the customer: the .docx opens and holds the merged values', async () => {
    const docx = minimalDocx([
      ['Hyvä {ni', 'mi}'],
      ['{katuosoite}'],
      ['{postinumero} {postitoimipaikka}'],
      ['Asiakasnumero {asiakasnumero}, {pvm}'],
      ['Terveisin {kasittelija}'],
      ['Asiasi: {kontakti}'],
    ]);
    expect((await uploadDocxTemplate('Tervetuloa', docx)).statusCode).toBe(303);
    const id = await templateId('Tervetuloa');
    const c = await person(t.app.db, 'Aino', 'Äänekoski', {
      streetAddress: 'Keskustie 5 & 7',
      postalCode: '44100',
      city: 'ÄÄNEKOSKI',
    });
    const e = await entry(t.app.db, c.id, 'Kysyi <Lapin> matkoista');

    const page = await staff.get(tab(c.id));
    expect(page.body).toContain(`<option value="${id}">Tervetuloa (Word (.docx))</option>`);

    const res = await staff.post(`${tab(c.id)}/from-template`, {
      templateId: String(id),
      interactionId: String(e),
      contactPersonId: '',
      fileName: '',
    });
    expect(res.statusCode).toBe(303);
    const doc = await lastDocument(c.id);
    expect(doc).toMatchObject({
      fileName: 'Tervetuloa Aino Äänekoski.docx',
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      interactionId: e,
      templateId: id,
    });

    const dl = await staff.get(`${tab(c.id)}/${doc!.id}/download`);
    expect(dl.statusCode).toBe(200);
    const xml = execFileSync('unzip', ['-p', saved('tervetuloa.docx', dl.rawPayload), 'word/document.xml'], {
      encoding: 'utf8',
    });
    expect(xml).toContain('Aino Äänekoski');
    expect(xml).toContain('Keskustie 5 &amp; 7');
    expect(xml).toContain('44100 ÄÄNEKOSKI');
    expect(xml).toContain(`Asiakasnumero ${c.number}, `);
    expect(xml).toMatch(/\d{1,2}\.\d{1,2}\.\d{4}/);
    expect(xml).toContain('Terveisin Test staff');
    expect(xml).toContain('Kysyi &lt;Lapin&gt; matkoista');
    expect(xml).not.toContain('{');
    // The zip is whole: unzip's own test passes.
    expect(execFileSync('unzip', ['-t', saved('t2.docx', dl.rawPayload)], { encoding: 'utf8' })).toContain(
      'No errors detected',
    );

    const audit = await t.app.db
      .select({ changes: auditLog.changes })
      .from(auditLog)
      .where(eq(auditLog.entityId, doc!.id));
    expect(
      audit.some((a) => JSON.stringify(a.changes).includes('"documentTemplate":[null,"Tervetuloa"]')),
    ).toBe(true);
  });

  it('prints an HTML template to a PDF that holds the customer’s name, escaped', async () => {
    const html = '<h1>Tarjous</h1><p>Hyvä {nimi}</p><p>{osoite}</p><p>Yhteyshenkilö: {yhteyshenkilo}</p>';
    expect((await admin.post('/settings/templates', { name: 'Tarjous', html })).statusCode).toBe(303);
    const id = await templateId('Tarjous');
    const [kind] = await t.app.db
      .select({ id: customerKinds.id })
      .from(customerKinds)
      .where(eq(customerKinds.code, 'ASIAKAS'));
    const org = await createCustomer(
      t.app.db,
      customerSchema.parse({
        type: 'organisation',
        name: 'Öljy & <Kaasu> Oy',
        kindId: String(kind!.id),
        streetAddress: 'Storgatan 1',
        postalCode: '11122',
        city: 'Stockholm',
        country: 'SE',
      }),
      null,
    );
    const [cp] = await t.app.db
      .insert(contactPersons)
      .values({ customerId: org.id, firstName: 'Pirjo', lastName: 'Pääkkönen' })
      .returning({ id: contactPersons.id });

    const res = await staff.post(
      `${tab(org.id)}/from-template`,
      {
        templateId: String(id),
        interactionId: '',
        contactPersonId: String(cp!.id),
        fileName: 'Tarjous 2026',
      },
      htmxPartial,
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Dokumentti Tarjous 2026.pdf tallennettu.');
    expect(res.body).toContain('>Tarjous 2026.pdf</a>');
    const doc = await lastDocument(org.id);
    expect(doc!.contentType).toBe('application/pdf');

    const dl = await staff.get(`${tab(org.id)}/${doc!.id}/download`);
    expect(String(dl.headers['content-disposition'])).toMatch(/^attachment;/);
    const file = saved('tarjous.pdf', dl.rawPayload);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+1/);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Hyvä Öljy & <Kaasu> Oy');
    expect(text).toContain('Storgatan 1');
    expect(text).toContain('11122 Stockholm');
    expect(text).toContain('Ruotsi');
    expect(text).toContain('Yhteyshenkilö: Pirjo Pääkkönen');
  });

  it('asks for a template and keeps a contact entry of another customer out', async () => {
    expect(
      (await admin.post('/settings/templates', { name: 'Lyhyt', html: '<p>{nimi}</p>' })).statusCode,
    ).toBe(303);
    const id = await templateId('Lyhyt');
    const c = await person(t.app.db, 'Valinta', 'Puuttuu');
    const other = await person(t.app.db, 'Muu', 'Asiakas');
    const e = await entry(t.app.db, other.id, 'Muun kontakti');
    const none = await staff.post(`${tab(c.id)}/from-template`, { templateId: '' }, htmxPartial);
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('Valitse malli.');
    const wrong = await staff.post(`${tab(c.id)}/from-template`, {
      templateId: String(id),
      interactionId: String(e),
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Valittu kontakti ei kuulu tälle asiakkaalle.');
    expect(await lastDocument(c.id)).toBeUndefined();
    expect((await readonly.post(`${tab(c.id)}/from-template`, { templateId: String(id) })).statusCode).toBe(
      403,
    );
  });

  it('keeps documents made from a template when the template is deleted', async () => {
    expect(
      (await admin.post('/settings/templates', { name: 'Poistuva', html: '<p>{nimi}</p>' })).statusCode,
    ).toBe(303);
    const id = await templateId('Poistuva');
    const c = await person(t.app.db, 'Pysyvä', 'Dokumentti');
    expect((await staff.post(`${tab(c.id)}/from-template`, { templateId: String(id) })).statusCode).toBe(303);
    expect((await admin.post(`/settings/templates/${id}/delete`, {})).statusCode).toBe(303);
    const doc = await lastDocument(c.id);
    expect(doc).toMatchObject({ fileName: 'Poistuva Pysyvä Dokumentti.pdf', templateId: null });
  });
});
