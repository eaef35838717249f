import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { customers } from '../../src/db/schema/index.js';
import { kindId } from '../customers/helpers.js';
import { useBrowser } from '../helpers/browser.js';

const s = useBrowser({ username: 'tuoja' });

describe('importing in the browser', () => {
  it('uploads, maps, dry-runs and imports, the progress bar updating itself until the result shows', async () => {
    const { t, page, base } = s;
    await s.logIn();

    // One existing customer, held locked below so the import waits where we can watch it.
    const [held] = await t.app.db
      .insert(customers)
      .values({
        number: 4999001,
        kindId: await kindId(t.app.db),
        type: 'organisation',
        name: 'Odottava Oy',
        externalId: 'WAIT',
      })
      .returning();
    const file = path.join(tmpdir(), `kanta-import-${process.pid}.csv`);
    writeFileSync(
      file,
      `Ulkoinen tunnus;Nimi;Postitoimipaikka\r\nB-1;Selainsatama Oy;Hämeenlinna\r\nWAIT;Odottava Oy Ab;Oulu\r\n`,
      'latin1',
    );

    await page.goto(`${base}/imports`);
    await page.select('#f-target', 'customers');
    const input = await page.$('input#f-file');
    await input!.uploadFile(file);
    await Promise.all([
      page.waitForNavigation(),
      page.click('form[enctype="multipart/form-data"] button[type=submit]'),
    ]);
    expect(page.url()).toMatch(/\/imports\/\d+$/);
    expect(await page.$eval('#col1', (s) => (s as HTMLSelectElement).value)).toBe('name');
    await page.select('#f-defaultKind', 'ASIAKAS');
    await Promise.all([page.waitForNavigation(), page.click('form[action$="/check"] button[type=submit]')]);
    // The dry run answers by itself (polling while it runs).
    await page.waitForSelector('#run-check', { timeout: 15_000 });
    expect(await page.$eval('#run-check [data-count="created"]', (e) => e.textContent)).toBe('1');
    expect(await page.$eval('#run-check [data-count="updated"]', (e) => e.textContent)).toBe('1');

    const other = postgres(t.database.url, { max: 1, onnotice: () => {} });
    const conn = await other.reserve();
    try {
      await conn`begin`;
      await conn`select id from customers where id = ${held!.id} for update`;
      await Promise.all([page.waitForNavigation(), page.click('#run-import button[type=submit]')]);
      const runUrl = page.url();
      await page.waitForSelector('#run-progress');
      expect(await page.$eval('#run-status', (e) => e.textContent)).toBe('Tuonti käynnissä');
      await conn`rollback`;
      // htmx polls the run's fragment and swaps the result in without leaving the page.
      await page.waitForSelector('#run-result', { timeout: 15_000 });
      expect(page.url()).toBe(runUrl);
      expect(await page.$('#run-progress')).toBeNull();
      expect(await page.$eval('#run-result [data-count="created"]', (e) => e.textContent)).toBe('1');
      expect(await page.$eval('#run-result [data-count="updated"]', (e) => e.textContent)).toBe('1');
      expect(await page.$eval('#run-status', (e) => e.textContent)).toBe('Tuotu');
    } finally {
      conn.release();
      await other.end({ timeout: 1 });
    }
  }, 60_000);
});
