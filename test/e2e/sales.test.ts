import { describe, expect, it } from 'vitest';
import { helsinkiToday } from '../../src/features/sales/queries.js';
import { useBrowser } from '../helpers/browser.js';
import { doc, person, record } from '../sales/helpers.js';

let customer: number;
const s = useBrowser({
  username: 'myynti',
  seed: async (t) => {
    customer = await person(t.app.db, 'Selain', 'Ostaja');
    const year = Number(helsinkiToday().slice(0, 4));
    await record(
      t.app.db,
      Array.from({ length: 30 }, (_, i) =>
        doc(customer, {
          externalId: `BR-${i}`,
          kind: i % 2 ? 'invoice' : 'booking',
          number: `N${100 + i}`,
          date: `${year - 1}-03-${String(i + 1).padStart(2, '0')}`,
          amountCents: 10_000,
        }),
      ),
    );
  },
});

describe('the Varaushistoria tab in the browser', () => {
  it('opens the documents, pages them and shows a document’s history without page loads', async () => {
    const { page, base } = s;
    const tab = `/customers/${customer}/purchases`;
    await s.logIn(tab);
    expect(page.url()).toBe(`${base}${tab}`);
    expect(
      await page.$eval('tr[data-kind="booking"] td[data-period="lastYear"]', (el) => el.textContent),
    ).toContain('15 kpl');

    await page.click('#purchase-documents summary');
    await page.waitForSelector('#purchase-documents-body tr[data-document]');
    expect(await page.$$eval('tr[data-document]', (rows) => rows.length)).toBe(25);

    await page.click('#documents-more a');
    await page.waitForFunction(() => document.querySelectorAll('tr[data-document]').length === 30);
    expect(await page.$('#documents-more')).toBeNull();

    const first = await page.$eval('tr[data-document]', (el) => el.getAttribute('data-document'));
    await page.click(`tr[data-document="${first}"] a`);
    await page.waitForSelector(`#document-history-${first} .document-history`);
    expect(await page.$eval(`#document-history-${first}`, (el) => el.textContent ?? '')).toContain('lisätty');

    await page.select('#f-doc-kind', 'booking');
    await page.waitForFunction(() => document.querySelectorAll('tr[data-document]').length === 15);
    expect(page.url()).toBe(`${base}${tab}`);
  });
});
