import { describe, expect, it } from 'vitest';
import { expectAccessible, useBrowser } from '../helpers/browser.js';

// Only a staff user exists, so the page shows the first-admin form above the login form.
const s = useBrowser({ username: 'kirjautuja' });

describe('the login page in Chromium, logged out', () => {
  it('is styled, loads htmx and its icon, passes axe and logs nothing to the console', async () => {
    const problems: string[] = [];
    s.page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warn') problems.push(m.text());
    });
    s.page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
    s.page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`);
    });
    await s.page.goto(`${s.base}/login`, { waitUntil: 'networkidle0' });
    const look = await s.page.evaluate(() => ({
      sheets: [...document.styleSheets].filter((sheet) => sheet.cssRules.length > 0).length,
      skipLinkOffscreen: document.querySelector('.skip-link')!.getBoundingClientRect().right <= 0,
      bodyFont: getComputedStyle(document.body).fontFamily,
      htmx: typeof (window as unknown as { htmx?: unknown }).htmx,
      icon: (document.querySelector('link[rel=icon]') as HTMLLinkElement | null)?.href ?? '',
    }));
    expect(look.sheets).toBeGreaterThan(0);
    expect(look.skipLinkOffscreen).toBe(true);
    expect(look.bodyFont).toContain('system-ui');
    expect(look.htmx).toBe('object');
    await expectAccessible(s.page);
    const icon = await s.page.goto(look.icon);
    expect(icon?.status()).toBe(200);
    expect(problems).toEqual([]);
  });
});
