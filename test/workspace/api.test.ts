import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { content, type Doc, shapeProblems } from '../api/openapi-shape.js';
import { apiToken, createTestApp, type TestApp } from '../helpers/app.js';
import { demoRegister, ids } from './helpers.js';

let t: TestApp;
let doc: Doc;
let token: string;
let other: string;

beforeAll(async () => {
  t = await createTestApp();
  await demoRegister(t.app.db);
  token = await apiToken(t.app, 'staff', 'api-ws');
  other = await apiToken(t.app, 'staff', 'api-other');
  doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
}, 120_000);
afterAll(() => t?.close());

function call(method: string, url: string, payload?: unknown, bearer = token) {
  return t.app.inject({
    method: method as 'GET',
    url: `/api/v1/workspace${url}`,
    headers: { authorization: `Bearer ${bearer}` },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

const op = (path: string, method: string) => doc.paths[`/workspace${path}`][method];
const documented = (path: string, method: string, status: string) =>
  content(doc, op(path, method).responses[status]);

/** The answer is documented for its status and has exactly the documented fields. */
function expectDocumented(res: LightMyRequestResponse, path: string, method: string) {
  const status = String(res.statusCode);
  expect(op(path, method).responses, `${method} ${path} documents ${status}`).toHaveProperty(status);
  expect(
    shapeProblems(doc, documented(path, method, status).schema, res.json(), res.statusCode < 400),
  ).toEqual([]);
}

async function allIds(list: 'found' | 'selected', targetType: string, bearer = token) {
  const out: number[] = [];
  let cursor: string | null = null;
  do {
    const q: string = `?targetType=${targetType}&limit=37${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await call('GET', `/${list}${q}`, undefined, bearer);
    expect(res.statusCode).toBe(200);
    expectDocumented(res, `/${list}`, 'get');
    out.push(...res.json().items.map((r: { id: number }) => r.id));
    cursor = res.json().nextCursor;
  } while (cursor);
  return out.sort((a, b) => a - b);
}

describe('POST /api/v1/workspace/search', () => {
  it('runs every documented example, the manual scenarios among them', async () => {
    const examples = content(doc, op('/search', 'post').requestBody).examples as Record<
      string,
      { targetType: string; criteria: unknown }
    >;
    expect(Object.keys(examples)).toEqual(
      expect.arrayContaining(['tampereF1', 'pharmaSecretaries', 'golfers']),
    );
    for (const [name, body] of Object.entries(examples)) {
      const before = (await call('GET', `/found?targetType=${body.targetType}`)).json().count;
      const res = await call('POST', '/search', body);
      expect(res.statusCode, name).toBe(200);
      expectDocumented(res, '/search', 'post');
      const { matched, added, foundCount } = res.json();
      expect(foundCount, name).toBe(before + added);
      expect(added, name).toBeLessThanOrEqual(matched);
    }
    // Scenario (3) against the test's own count: the found list holds exactly the GF bookers.
    const golfers = await ids(
      t.app.db,
      sql`select distinct c.id from customers c join sales_documents s on s.customer_id = c.id
        join destination_types d on d.id = s.destination_type_id
        where c.type = 'person' and c.archived_at is null and d.code = 'GF' and s.kind = 'booking'`,
    );
    const tampere = await ids(
      t.app.db,
      sql`select distinct c.id from customers c join sales_documents s on s.customer_id = c.id
        join destination_types d on d.id = s.destination_type_id
        where c.type = 'person' and c.archived_at is null and c.postal_code between '33000' and '33999'
          and d.code = 'F1' and s.kind = 'booking' and s.travel_start between '2011-01-01' and '2011-12-31'`,
    );
    const persons = await allIds('found', 'person');
    for (const id of [...golfers, ...tampere]) expect(persons).toContain(id);
    expect((await allIds('found', 'contact_person')).length).toBeGreaterThan(0);
  });

  it('answers the documented 400s, and adds nothing', async () => {
    const before = await allIds('found', 'person');
    const refused = documented('/search', 'post', '400').examples;
    const bodies: Record<string, unknown> = {
      reversed: { targetType: 'person', criteria: { postalCode: { from: '34000', to: '33000' } } },
      codes: { targetType: 'person', criteria: { kinds: ['NOPE'], purchases: [{ destinationType: 'XX' }] } },
      shape: { targetType: 'person', criteria: { postcode: '33100', purchases: [{ year: '2011' }] } },
      targetType: { criteria: { city: 'Tampere' } },
    };
    expect(Object.keys(refused).sort()).toEqual(Object.keys(bodies).sort());
    for (const [name, body] of Object.entries(bodies)) {
      const res = await call('POST', '/search', body);
      expect(res.statusCode, name).toBe(400);
      expect(res.json(), name).toEqual(refused[name]);
    }
    expect(await allIds('found', 'person')).toEqual(before);
  });

  it('refuses read-only tokens and requests without a token', async () => {
    const readonly = await apiToken(t.app, 'readonly', 'api-readonly');
    const res = await call('POST', '/search', { targetType: 'person', criteria: {} }, readonly);
    expect(res.statusCode).toBe(403);
    expectDocumented(res, '/search', 'post');
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/workspace/found' });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('the found and selected lists through the API', () => {
  it('moves rows one by one and all, both ways, and removes; lists belong to the token user', async () => {
    await call('DELETE', '/found', { targetType: 'organisation', all: true });
    const search = await call('POST', '/search', {
      targetType: 'organisation',
      criteria: { city: 'Helsinki' },
    });
    const helsinki = await ids(
      t.app.db,
      sql`select id from customers where type = 'organisation' and archived_at is null and lower(city) = 'helsinki'`,
    );
    expect(helsinki.length).toBeGreaterThan(3);
    expect(search.json()).toMatchObject({ matched: helsinki.length, added: helsinki.length });
    expect(await allIds('found', 'organisation')).toEqual(helsinki);
    expect(await allIds('found', 'organisation', other)).toEqual([]);

    const two = helsinki.slice(0, 2);
    const moved = await call('POST', '/selected', {
      targetType: 'organisation',
      ids: [...two, 2_000_000_000],
    });
    expect(moved.statusCode).toBe(200);
    expectDocumented(moved, '/selected', 'post');
    expect(moved.json()).toEqual({
      targetType: 'organisation',
      changed: 2,
      foundCount: helsinki.length - 2,
      selectedCount: 2,
    });
    expect(await allIds('selected', 'organisation')).toEqual(two);

    const back = await call('DELETE', '/selected', { targetType: 'organisation', ids: [two[0]] });
    expectDocumented(back, '/selected', 'delete');
    expect(back.json()).toMatchObject({ changed: 1, foundCount: helsinki.length - 1, selectedCount: 1 });

    const all = await call('POST', '/selected', { targetType: 'organisation', all: true });
    expect(all.json()).toMatchObject({
      changed: helsinki.length - 1,
      foundCount: 0,
      selectedCount: helsinki.length,
    });
    expect(await allIds('selected', 'organisation')).toEqual(helsinki);

    const returned = await call('DELETE', '/selected', { targetType: 'organisation', all: true });
    expect(returned.json()).toMatchObject({
      changed: helsinki.length,
      foundCount: helsinki.length,
      selectedCount: 0,
    });

    const removed = await call('DELETE', '/found', { targetType: 'organisation', ids: [helsinki[0]] });
    expectDocumented(removed, '/found', 'delete');
    expect(removed.json()).toMatchObject({ changed: 1, foundCount: helsinki.length - 1 });
    await call('DELETE', '/found', { targetType: 'organisation', all: true });
    expect(await allIds('found', 'organisation')).toEqual([]);
  });

  it('an empty selection and other bad bodies get the documented 400', async () => {
    const refused = documented('/selected', 'post', '400').examples;
    const empty = await call('POST', '/selected', { targetType: 'person', ids: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toEqual(refused.empty);
    for (const body of [
      { targetType: 'person' },
      { targetType: 'person', all: true, ids: [1] },
      { all: false },
    ]) {
      const res = await call('DELETE', '/found', body);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual(refused.which);
    }
    const bad = await call('POST', '/selected', { targetType: 'person', ids: [1, 'x'] });
    expect(bad.json()).toEqual({
      error: 'Bad request.',
      details: { ids: 'Every id must be a positive whole number.' },
    });
    const limit = await call('GET', '/found?limit=500');
    expect(limit.statusCode).toBe(400);
    expect(limit.json()).toEqual(documented('/found', 'get', '400').examples.limit);
  });

  it('without targetType: the one type the lists hold, else a clear 400', async () => {
    const lone = await apiToken(t.app, 'staff', 'api-lone');
    await call('POST', '/search', { targetType: 'agent', criteria: {} }, lone);
    const page = await call('GET', '/found', undefined, lone);
    expect(page.json().targetType).toBe('agent');
    expect(page.json().count).toBeGreaterThan(0);
    const moved = await call('POST', '/selected', { all: true }, lone);
    expect(moved.json()).toMatchObject({ targetType: 'agent', foundCount: 0 });
    await call('POST', '/search', { targetType: 'staff', criteria: {} }, lone);
    const unclear = await call('POST', '/selected', { all: true }, lone);
    expect(unclear.statusCode).toBe(400);
    expect(unclear.json()).toEqual({ error: 'Give targetType: your lists hold rows of agent, staff.' });
  });
});
