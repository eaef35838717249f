import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** The versioned asset URLs the logged-out login page links to. */
async function loginPageAssets(): Promise<string[]> {
  const page = await t.app.inject({ method: 'GET', url: '/login' });
  return [...page.body.matchAll(/(?:href|src)="(\/(?:static|vendor)\/[^"]+)"/g)].map((m) => m[1]!);
}

describe('static assets, logged out', () => {
  it('serves every stylesheet, script and icon of the login page to a visitor with no session', async () => {
    const assets = await loginPageAssets();
    expect(assets).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/static\/css\/app\.css\?v=[0-9a-f]{10}$/),
        expect.stringMatching(/^\/vendor\/htmx\/htmx\.min\.js\?v=[0-9a-f]{10}$/),
        expect.stringMatching(/^\/static\/favicon\.svg\?v=[0-9a-f]{10}$/),
      ]),
    );
    for (const url of assets) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('public, max-age=31536000, immutable');
    }
    const css = await t.app.inject({ method: 'GET', url: assets.find((a) => a.includes('app.css'))! });
    expect(css.headers['content-type']).toMatch(/^text\/css/);
  });

  it('lets an unversioned URL be cached only with revalidation by ETag', async () => {
    const first = await t.app.inject({ method: 'GET', url: '/static/css/app.css' });
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('no-cache');
    const etag = String(first.headers.etag);
    const again = await t.app.inject({
      method: 'GET',
      url: '/static/css/app.css',
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
  });

  it('answers /favicon.ico with the icon, and still keeps pages and other vendor files behind the login', async () => {
    const icon = await t.app.inject({ method: 'GET', url: '/favicon.ico' });
    expect(icon.statusCode).toBe(301);
    expect(icon.headers.location).toMatch(/^\/static\/favicon\.svg\?v=/);
    expect((await t.app.inject({ method: 'GET', url: '/customers' })).statusCode).toBe(303);
    expect((await t.app.inject({ method: 'GET', url: '/vendor/htmx/package.json' })).statusCode).toBe(404);
  });
});
