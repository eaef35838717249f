import { describe, expect, it } from 'vitest';
import { useBrowser } from '../helpers/browser.js';
import { addPersons, readPdf, select } from '../labels/helpers.js';

const s = useBrowser({ username: 'tarrat' });

describe('address labels in the browser', () => {
  it('previews with an htmx swap, then prints the PDF in a new tab', async () => {
    const { t, page, base } = s;
    const ids = await addPersons(t.app.db, [
      { first: 'Selain', last: 'Yksi' },
      { first: 'Selain', last: 'Kaksi' },
      { first: 'Selain', last: 'Kielto', noMarketing: true },
    ]);
    await select(t.app.db, s.userId, 'person', ids);

    await s.logIn('/crm/labels?targetType=person');
    expect(page.url()).toBe(`${base}/crm/labels?targetType=person`);

    await page.select('#f-layout', '3x7');
    await page.click('#f-skip', { count: 3 });
    await page.type('#f-skip', '4');
    const url = page.url();
    await page.click('button[hx-post$="/crm/labels/preview"]');
    await page.waitForSelector('#label-preview .label-summary');
    expect(await page.$eval('#label-preview', (el) => el.textContent ?? '')).toContain(
      '2 tarraa tulostetaan (1 arkkia); pois jätetään: 1 markkinointikiellon vuoksi, 0 puutteellisen osoitteen vuoksi',
    );
    expect(page.url()).toBe(url); // a swap, not a page load

    // Unticking the marketing run changes the preview.
    await page.click('input[name=marketing]');
    await page.click('button[hx-post$="/crm/labels/preview"]');
    await page.waitForFunction(() =>
      document.querySelector('#label-preview')?.textContent?.includes('3 tarraa tulostetaan'),
    );

    // The print button opens the PDF in a new tab; fetch what that tab got.
    const pdfTab = s.browser.waitForTarget((target) => target.url().endsWith('/crm/labels/pdf'));
    await page.click('form.label-form button[type=submit]');
    const target = await pdfTab;
    expect(target.opener()).toBe(page.target());
    expect(page.url()).toBe(url);
    const opened = await target.page();
    await opened?.close();

    // The same form, as that tab posted it, answers the PDF.
    const pdf = await page.evaluate(async () => {
      const form = document.querySelector('form.label-form') as HTMLFormElement;
      const res = await fetch(form.action, {
        method: 'POST',
        body: new URLSearchParams(new FormData(form) as never),
      });
      return {
        type: res.headers.get('content-type'),
        bytes: Array.from(new Uint8Array(await res.arrayBuffer())),
      };
    });
    expect(pdf.type).toBe('application/pdf');
    const text = await readPdf(Buffer.from(pdf.bytes));
    expect(text.pages).toBe(1);
    expect(text.words.map((w) => w.text).join(' ')).toContain('Selain Kielto');
  }, 60_000);
});
