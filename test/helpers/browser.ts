import puppeteer, { type Browser, type Page } from 'puppeteer';
import type { TestApp } from './app.js';

/** Headless Chromium for browser tests: the system one when installed, else puppeteer's own. */
export async function launchBrowser(): Promise<Browser> {
  return puppeteer.launch({
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
}

/** Starts the test app on a free port of 127.0.0.1; returns its base URL. */
export async function listenForBrowser(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
}

/** Logs in through the login form (from `/login?next=…` when `next` is given) and waits for the page after it. */
export async function logIn(page: Page, base: string, username: string, password: string, next?: string) {
  await page.goto(`${base}/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.type('#f-username', username);
  await page.type('#f-password', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
}
