import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { ElementHandle } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerDocuments, documentTemplates } from '../../src/db/schema/index.js';
import { entry, minimalDocx, person } from '../documents/helpers.js';
import { useBrowser } from '../helpers/browser.js';

let dir: string;
const s = useBrowser({
  username: 'dokumentit',
  seed: async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'kanta-docs-browser-'));
  },
});
beforeAll(() => {
  s.page.on('dialog', (d) => d.accept());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function documentNames(customerId: number) {
  const rows = await s.t.app.db
    .select({ fileName: customerDocuments.fileName })
    .from(customerDocuments)
    .where(eq(customerDocuments.customerId, customerId))
    .orderBy(customerDocuments.id);
  return rows.map((r) => r.fileName);
}

describe('the Oheisdokumentit tab in a browser', () => {
  it('uploads a file through htmx, makes one from a template and deletes one, staying on the tab', async () => {
    const { t, page, base } = s;
    const c = await person(t.app.db, 'Selma', 'Äänekoski');
    const e = await entry(t.app.db, c.id, 'Tarjouspyyntö');
    await t.app.db.insert(documentTemplates).values({
      name: 'Saate',
      kind: 'docx',
      fileName: 'saate.docx',
      content: minimalDocx([['Hei {nimi}']]),
      mergeFields: ['nimi'],
    });
    const file = path.join(dir, 'Tarjous_Äänekoski.txt');
    writeFileSync(file, 'Tarjous: kolme yötä Levillä.\n');

    await s.logIn();
    await page.goto(`${base}/customers/${c.id}`);
    await page.click('#tab-documents');
    await page.waitForSelector('#doc-file');
    expect(page.url()).toBe(`${base}/customers/${c.id}/documents`);

    const input = (await page.$('#doc-file')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(file);
    await page.select('#doc-entry', String(e));
    await page.click('form[enctype="multipart/form-data"] button[type=submit]');
    await page.waitForFunction(() =>
      document.querySelector('#card-body .flash-success')?.textContent?.includes('tallennettu'),
    );
    expect(await page.$eval('#card-body table.documents', (el) => el.textContent ?? '')).toContain(
      'Tarjous_Äänekoski.txt',
    );
    expect(await documentNames(c.id)).toEqual(['Tarjous_Äänekoski.txt']);

    await page.select('#doc-template', await page.$eval('#doc-template option:nth-child(2)', (o) => o.value));
    await page.click('#doc-template-name');
    await page.type('#doc-template-name', 'Saatekirje');
    await page.click('form[action$="/from-template"] button[type=submit]');
    await page.waitForFunction(() =>
      document.querySelector('#card-body table.documents')?.textContent?.includes('Saatekirje.docx'),
    );
    expect(await documentNames(c.id)).toEqual(['Tarjous_Äänekoski.txt', 'Saatekirje.docx']);

    await page.click('tr:has(a[download="Tarjous_Äänekoski.txt"]) button.danger');
    await page.waitForFunction(() =>
      document.querySelector('#card-body .flash-success')?.textContent?.includes('poistettu'),
    );
    expect(await documentNames(c.id)).toEqual(['Saatekirje.docx']);
    expect(page.url()).toBe(`${base}/customers/${c.id}/documents`);
  }, 60_000);
});
