import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useBrowser } from '../helpers/browser.js';
import { demoRegister, ids, listIds } from '../workspace/helpers.js';

const s = useBrowser({ username: 'tyotila', seed: (t) => demoRegister(t.app.db), timeout: 120_000 });

const radioIds = (list: 'found' | 'selected') =>
  s.page.$$eval(`#ws-${list} input[type=radio]`, (els) =>
    els.map((e) => Number((e as HTMLInputElement).value)),
  );
const countText = (list: 'found' | 'selected') =>
  s.page.$eval(`#ws-${list}-count`, (e) => e.textContent ?? '');

describe('the CRM workspace in a browser', () => {
  it('searches, moves rows with the keyboard and the buttons, and both panels update without a reload', async () => {
    const { t, page, base } = s;
    await s.logIn();
    await page.goto(`${base}/crm?targetType=person`);
    // A marker that a full page load would wipe out.
    await page.evaluate(() => {
      (window as unknown as { stayed: boolean }).stayed = true;
    });

    // The manual's scenario 1, typed into the form.
    const expected = await ids(
      t.app.db,
      sql`select distinct c.id from customers c join sales_documents s on s.customer_id = c.id
        join destination_types d on d.id = s.destination_type_id
        where c.type = 'person' and c.archived_at is null and c.postal_code between '33000' and '33999'
          and d.code = 'F1' and s.kind = 'booking' and s.travel_start between '2011-01-01' and '2011-12-31'`,
    );
    expect(expected.length).toBeGreaterThan(3);
    await page.type('#c-postalFrom', '33');
    await page.type('#c-postalTo', '33');
    await page.$eval('#c-p0-destinationType', (e) => e.closest('details')?.setAttribute('open', ''));
    await page.select('#c-p0-destinationType', 'F1');
    await page.select('#c-p0-dates', 'travel');
    await page.type('#c-p0-year', '2011');
    await page.click('#c-search');
    await page.waitForFunction(
      (n) => document.querySelectorAll('#ws-found input[type=radio]').length === n,
      {},
      expected.length,
    );
    expect((await radioIds('found')).sort((a, b) => a - b)).toEqual(expected);
    expect(await page.$eval('#workspace-lists', (e) => e.textContent ?? '')).toContain(
      `Haku löysi ${expected.length}`,
    );
    expect(await countText('found')).toBe(`${expected.length} kpl`);
    // The criteria stay in the form for the next search.
    expect(await page.$eval('#c-postalFrom', (e) => (e as HTMLInputElement).value)).toBe('33');

    // Keyboard: the first row is highlighted; arrow down, Enter moves the second row to Valitut.
    const shown = await radioIds('found');
    await page.focus('#ws-found input[type=radio]:checked');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe(
      String(shown[1]),
    );
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => document.querySelectorAll('#ws-selected input[type=radio]').length === 1,
    );
    expect(await radioIds('selected')).toEqual([shown[1]]);
    expect(await radioIds('found')).toEqual(shown.filter((id) => id !== shown[1]));
    expect(await countText('found')).toBe(`${expected.length - 1} kpl`);
    expect(await countText('selected')).toBe('1 kpl');
    expect(await listIds(t.app.db, 'selected', s.userId, 'person')).toEqual([shown[1]]);
    // The next row is highlighted and has the focus, so Enter again moves it.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe(
      String(shown[2]),
    );

    // Delete on the highlighted row of Valitut returns it to the found list.
    await page.focus('#ws-selected input[type=radio]');
    await page.keyboard.press('Delete');
    await page.waitForFunction(
      () => document.querySelectorAll('#ws-selected input[type=radio]').length === 0,
    );
    expect((await radioIds('found')).length).toBe(expected.length);

    // Buttons: a click on a row highlights it, "Siirrä valittuun" moves it, "Siirrä kaikki" the rest.
    await page.click(`#ws-found tr:has(input[value="${shown[3]}"]) td:nth-child(4)`);
    await page.click('#ws-found button[formaction$="/crm/found/move"]');
    await page.waitForFunction(
      (id) => !!document.querySelector(`#ws-selected input[value="${id}"]`),
      {},
      shown[3],
    );
    await page.click('#ws-found button[formaction$="/crm/found/move-all"]');
    await page.waitForFunction(() => document.querySelectorAll('#ws-found input[type=radio]').length === 0);
    expect((await radioIds('selected')).sort((a, b) => a - b)).toEqual(expected);
    expect(await listIds(t.app.db, 'selected', s.userId, 'person')).toEqual(expected);

    // "Palauta kaikki", then "Poista kaikki" asks first.
    await page.click('#ws-selected button[formaction$="/crm/selected/return-all"]');
    await page.waitForFunction(
      () => document.querySelectorAll('#ws-selected input[type=radio]').length === 0,
    );
    let asked = '';
    page.once('dialog', async (dialog) => {
      asked = dialog.message();
      await dialog.accept();
    });
    await page.click('#ws-found button[formaction$="/crm/found/remove-all"]');
    await page.waitForFunction(() => document.querySelectorAll('#ws-found input[type=radio]').length === 0);
    expect(asked).toContain('Poistetaanko kaikki rivit');
    expect(await listIds(t.app.db, 'found', s.userId, 'person')).toEqual([]);

    // "Uusi haku" empties the form.
    await page.click('#c-new');
    await page.waitForFunction(
      () => (document.getElementById('c-postalFrom') as HTMLInputElement).value === '',
    );

    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  }, 90_000);
});
