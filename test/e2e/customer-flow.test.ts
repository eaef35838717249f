import { describe, expect, it } from 'vitest';
import { useBrowser } from '../helpers/browser.js';

const s = useBrowser({ username: 'selain' });

async function typeInto(selector: string, text: string) {
  await s.page.click(selector, { count: 3 });
  await s.page.type(selector, text);
}

describe('a staff member in the browser', () => {
  it('logs in, creates a customer, finds it with a misspelt quick search and moves between card tabs', async () => {
    const { page, base } = s;
    await page.goto(`${base}/customers`);
    expect(page.url()).toContain('/login');
    await typeInto('#f-username', 'selain');
    await typeInto('#f-password', s.password);
    await Promise.all([page.waitForNavigation(), page.click('form[action$="/login"] button[type=submit]')]);
    expect(page.url()).toBe(`${base}/customers`);

    await page.goto(`${base}/customers/new?type=organisation`);
    await typeInto('#f-name', 'Kuusiston Kaukomatkat Oy');
    await typeInto('#f-city', 'Tampere');
    await Promise.all([page.waitForNavigation(), page.click('form.panel button[type=submit]')]);
    const cardUrl = page.url();
    expect(cardUrl).toMatch(/\/customers\/\d+$/);
    expect(await page.$eval('h1', (h) => h.textContent)).toContain('Kuusiston Kaukomatkat Oy');

    // Quick search as you type, with a typo, through htmx.
    await page.goto(`${base}/customers`);
    await page.type('#quick-q', 'kaukomatkta');
    await page.waitForSelector('#quick-results a');
    const first = await page.$eval('#quick-results a', (a) => a.textContent ?? '');
    expect(first).toContain('Kuusiston Kaukomatkat Oy');
    await Promise.all([page.waitForNavigation(), page.click('#quick-results a')]);
    expect(page.url()).toBe(cardUrl);

    // Tabs are htmx swaps with their own URLs.
    await page.click('#tab-history');
    await page.waitForFunction(() => location.pathname.endsWith('/history'));
    await page.waitForSelector('#tab-history[aria-selected="true"]');
    expect(await page.$eval('[role=tabpanel]', (p) => p.textContent ?? '')).toContain('Asiakas lisätty');
    await page.click('#tab-contact-persons');
    await page.waitForFunction(() => location.pathname.endsWith('/contact-persons'));
    await page.waitForSelector('#tab-contact-persons[aria-selected="true"]');

    // The back button returns to the previous tab, restored from the server.
    await page.goBack();
    await page.waitForFunction(() => location.pathname.endsWith('/history'));
    await page.waitForSelector('#tab-history[aria-selected="true"]');
    expect(await page.$eval('[role=tabpanel]', (p) => p.textContent ?? '')).toContain('Asiakas lisätty');
    await page.goBack();
    await page.waitForFunction((url) => location.href === url, {}, cardUrl);
    await page.waitForSelector('#tab-basic[aria-selected="true"]');
  }, 60_000);
});
