import puppeteer, { type Browser } from 'puppeteer';

/** Headless Chromium for browser tests: the system one when installed, else puppeteer's own. */
export async function launchBrowser(): Promise<Browser> {
  return puppeteer.launch({
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
}
