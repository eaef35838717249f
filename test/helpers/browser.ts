import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'puppeteer';
import puppeteer from 'puppeteer';
import { afterAll, beforeAll, expect } from 'vitest';
import { createUser, type Role } from '../../src/features/auth/queries.js';
import { createTestApp, type TestApp } from './app.js';

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
  await Promise.all([page.waitForNavigation(), page.click('form[action$="/login"] button[type=submit]')]);
}

export type BrowserSession = {
  t: TestApp;
  browser: Browser;
  page: Page;
  /** http://127.0.0.1:<port> of the running app. */
  base: string;
  /** The staff user made for the file (see `useBrowser`). */
  userId: number;
  username: string;
  password: string;
  /** Logs the file's user in, optionally landing on `next`. */
  logIn: (next?: string) => Promise<void>;
};

/**
 * The setup every browser test file shares: a test app listening on 127.0.0.1, one
 * user of `role` (staff by default), headless Chromium with one page. Call at the top
 * level of the file; the fields are filled in before the first test and closed after
 * the last. `seed` runs on the app before the browser starts.
 */
export function useBrowser(
  options: { username?: string; role?: Role; seed?: (t: TestApp) => Promise<void>; timeout?: number } = {},
): BrowserSession {
  const username = options.username ?? 'selain';
  const password = `${username} salasana selaimessa`;
  const s = { username, password } as BrowserSession;
  beforeAll(async () => {
    s.t = await createTestApp();
    await options.seed?.(s.t);
    s.base = await listenForBrowser(s.t);
    const user = await createUser(s.t.app.db, {
      username,
      displayName: `Selma ${username}`,
      password,
      role: options.role ?? 'staff',
    });
    s.userId = user.id;
    s.browser = await launchBrowser();
    s.page = await s.browser.newPage();
    s.logIn = (next) => logIn(s.page, s.base, username, password, next);
  }, options.timeout ?? 60_000);
  afterAll(async () => {
    await s.browser?.close();
    await s.t?.close();
  });
  return s;
}

const require = createRequire(import.meta.url);
let axeScript: string | undefined;
const axeSource = () => (axeScript ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/**
 * Runs axe-core's WCAG 2.0/2.1 A and AA rules on the page as it is now and fails
 * with each violation's rule, help text and elements. `disable` names rules that
 * do not apply to this page, with the reason in a comment at the call.
 */
export async function expectAccessible(page: Page, disable: string[] = []): Promise<void> {
  await page.evaluate(axeSource());
  const violations = await page.evaluate(async (rules: string[]) => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page above
    const axe = (window as any).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      rules: Object.fromEntries(rules.map((r) => [r, { enabled: false }])),
    });
    return result.violations as AxeViolation[];
  }, disable);
  const described = violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(described, `axe on ${page.url()}`).toEqual([]);
}
