import { describe, expect, it } from 'vitest';
import { useBrowser } from '../helpers/browser.js';
import { defaultTypes, finnish, isoDay, person } from '../interactions/helpers.js';

let customerId: number;
const s = useBrowser({
  username: 'kontakti',
  seed: async (t) => {
    await defaultTypes(t.app.db);
    customerId = await person(t.app.db, 'Selaimen');
  },
});

describe('the contact log in the browser', () => {
  it('adds an entry with an alarm through htmx and acknowledges it from the alarm bar', async () => {
    const { page, base } = s;
    await s.logIn();
    expect(await page.$('#alarm-bar a')).toBeNull();

    await page.goto(`${base}/customers/${customerId}/interactions`);
    await page.click('details.interaction-new > summary');
    await page.select(
      '#f-typeId',
      await page.$eval('#f-typeId option:nth-child(4)', (o) => (o as HTMLOptionElement).value),
    );
    await page.type('#f-text', 'Soitti selaimesta');
    // The alarm message follows the entry's text while the user has not edited it.
    expect(await page.$eval('#f-alarmMessage', (m) => (m as HTMLTextAreaElement).value)).toBe(
      'Soitti selaimesta',
    );
    await page.click('input[name=alarm]');
    await page.type('#f-alarmDate', finnish(isoDay(0)));
    await page.click('button.primary');
    await page.waitForFunction(() => document.querySelector('#card-body .flash-success') !== null);
    expect(await page.$eval('table.interactions tbody', (b) => b.textContent ?? '')).toContain(
      'Soitti selaimesta',
    );
    // Swapped in by htmx: still the same page, no reload.
    expect(page.url()).toBe(`${base}/customers/${customerId}/interactions`);

    await page.goto(`${base}/customers`);
    expect(await page.$eval('#alarm-bar a', (a) => a.textContent)).toBe('1 aktiivinen hälytys');
    await Promise.all([page.waitForNavigation(), page.click('#alarm-bar a')]);
    expect(page.url()).toBe(`${base}/alarms`);
    expect(await page.$eval('.alarm-message', (p) => p.textContent)).toBe('Soitti selaimesta');
    await page.click('.alarm form button');
    await page.waitForFunction(() => document.querySelector('li.alarm.done') !== null);
    // The bar went away in the same swap.
    expect(await page.$('#alarm-bar a')).toBeNull();
    expect(await page.$eval('li.alarm.done', (li) => li.textContent)).toBe('Kuitattu.');
  }, 60_000);
});
