import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, contactPersons, customerKinds } from '../../src/db/schema/index.js';
import { apiToken, createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let token: string;
let readonlyToken: string;

beforeAll(async () => {
  t = await createTestApp();
  token = await apiToken(t.app, 'staff');
  readonlyToken = await apiToken(t.app, 'readonly');
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PATCH';

function call(method: Method, url: string, payload?: unknown, bearer: string | null = token) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

const person = {
  type: 'person',
  kind: 'ASIAKAS',
  firstName: 'Maija',
  lastName: 'Meikäläinen',
  streetAddress: 'Esimerkkikatu 1',
  postalCode: '00100',
  city: 'Helsinki',
  mobile: '040 123 4567',
  email: 'Maija.Meikalainen@Example.fi',
  relationshipStart: '2026-01-15',
};

async function auditCount(customerId: number) {
  const rows = await t.app.db.select().from(auditLog).where(eq(auditLog.customerId, customerId));
  return rows.length;
}

describe('authentication', () => {
  it('answers 401 JSON without a token or with an unknown one', async () => {
    for (const bearer of [null, 'kanta_not-a-real-token']) {
      const res = await call('GET', '/kinds', undefined, bearer);
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.json().error).toBeTruthy();
    }
    const post = await call('POST', '/customers', person, null);
    expect(post.statusCode).toBe(401);
  });

  it('does not accept a session cookie instead of the token and needs no CSRF token', async () => {
    const res = await call('POST', '/customers', { ...person, email: null, mobile: null });
    expect(res.statusCode).toBe(201);
  });

  it('lets a read-only token read but not write', async () => {
    expect((await call('GET', '/kinds', undefined, readonlyToken)).statusCode).toBe(200);
    const res = await call('POST', '/customers', person, readonlyToken);
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatch(/read-only/i);
    const patch = await call('PATCH', '/customers/1', { city: 'Espoo' }, readonlyToken);
    expect(patch.statusCode).toBe(403);
  });
});

describe('kinds', () => {
  it('lists the kinds with their number series', async () => {
    const res = await call('GET', '/kinds');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toContainEqual({
      code: 'ASIAKAS',
      nameFi: 'Asiakas',
      nameEn: 'Customer',
      rangeStart: 10000,
      rangeEnd: 4999999,
      isAgent: false,
    });
    expect(res.json().find((k: { code: string }) => k.code === 'AGENTTI').isAgent).toBe(true);
  });
});

describe('creating customers', () => {
  it('creates a person with a number of its kind and normalised fields', async () => {
    const res = await call('POST', '/customers', person);
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(res.headers.location).toBe(`/api/v1/customers/${c.id}`);
    expect(c).toMatchObject({
      kind: 'ASIAKAS',
      type: 'person',
      name: 'Meikäläinen Maija',
      firstName: 'Maija',
      lastName: 'Meikäläinen',
      mobile: '+358 40 1234567',
      email: 'maija.meikalainen@example.fi',
      country: 'FI',
      language: 'fi',
      relationshipStart: '2026-01-15',
      archived: false,
      version: 1,
      contactPersons: [],
    });
    expect(c.number).toBeGreaterThanOrEqual(10000);
    expect(c.number).toBeLessThanOrEqual(4999999);
    expect(new Date(c.createdAt).toISOString()).toBe(c.createdAt);

    const read = await call('GET', `/customers/${c.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(c);
  });

  it('creates an organisation in another kind and shows its contact persons', async () => {
    const res = await call('POST', '/customers', {
      type: 'organisation',
      kind: 'TOIMITTAJA',
      name: 'Esimerkki Oy',
      businessId: '0112038-9',
      phone: '09 123 456',
      city: 'Tampere',
      postalCode: '33100',
    });
    expect(res.statusCode).toBe(201);
    const org = res.json();
    expect(org).toMatchObject({ kind: 'TOIMITTAJA', name: 'Esimerkki Oy', businessId: '0112038-9' });
    expect(org.number).toBeGreaterThanOrEqual(5000000);
    expect(org.number).toBeLessThanOrEqual(5099999);

    await t.app.db
      .insert(contactPersons)
      .values({ customerId: org.id, firstName: 'Olli', lastName: 'Ostaja', title: 'Ostopäällikkö' });
    const read = await call('GET', `/customers/${org.id}`);
    expect(read.json().contactPersons).toEqual([
      expect.objectContaining({
        firstName: 'Olli',
        lastName: 'Ostaja',
        title: 'Ostopäällikkö',
        language: 'fi',
      }),
    ]);
  });

  it('refuses bad e-mail, phone and business id with details naming each field', async () => {
    const res = await call('POST', '/customers', {
      type: 'organisation',
      kind: 'ASIAKAS',
      name: 'Huono Oy',
      businessId: '1234567-8',
      email: 'not-an-email',
      phone: '123',
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error).toBeTruthy();
    expect(Object.keys(body.details).sort()).toEqual(['businessId', 'email', 'phone']);
    expect(body.details.email).toMatch(/e-mail/i);
    expect(body.details.businessId).toMatch(/business id/i);
  });

  it('requires the names of a person and a kind, and a known type', async () => {
    const res = await call('POST', '/customers', { type: 'person', firstName: 'Vain' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toMatchObject({ kind: 'Required.', lastName: 'Required.' });
    const noType = await call('POST', '/customers', { kind: 'ASIAKAS', name: 'X' });
    expect(noType.statusCode).toBe(400);
    expect(noType.json().details).toBeTruthy();
  });

  it('names an unknown kind code', async () => {
    const res = await call('POST', '/customers', { ...person, kind: 'EIOLE' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toContain('EIOLE');
  });

  it('knows a kind added after the API was first used', async () => {
    await t.app.db.insert(customerKinds).values({
      code: 'UUSI',
      nameFi: 'Uusi',
      nameEn: 'New',
      rangeStart: 9000000,
      rangeEnd: 9000099,
      nextNumber: 9000000,
    });
    const res = await call('POST', '/customers', { ...person, kind: 'UUSI' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'UUSI', number: 9000000 });
  });

  it('answers malformed JSON, a non-object body and a too large body with JSON errors', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: '{"type": "person",',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBeTruthy();

    const list = await call('POST', '/customers', [person]);
    expect(list.statusCode).toBe(400);
    expect(list.json().details).toHaveProperty('_');

    const big = await call('POST', '/customers', { ...person, notes: 'x'.repeat(2 * 1024 * 1024) });
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toMatch(/too large/i);
  });
});

describe('externalId', () => {
  it('makes a repeated POST an update of the same customer, with no audit entry when nothing changed', async () => {
    const body = { ...person, firstName: 'Erkki', lastName: 'Ulkoinen', externalId: 'erp-1' };
    const first = await call('POST', '/customers', body);
    expect(first.statusCode).toBe(201);
    const again = await call('POST', '/customers', body);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect(again.json().number).toBe(first.json().number);
    expect(again.json().version).toBe(1);
    expect(await auditCount(first.json().id)).toBe(1);

    const search = await call('GET', '/customers?q=ulkoinen');
    expect(search.json().items).toHaveLength(1);

    // Fields not sent keep their values.
    const changed = await call('POST', '/customers', { externalId: 'erp-1', type: 'person', city: 'Oulu' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      id: first.json().id,
      city: 'Oulu',
      firstName: 'Erkki',
      email: 'maija.meikalainen@example.fi',
      kind: 'ASIAKAS',
      version: 2,
    });
    expect(await auditCount(first.json().id)).toBe(2);
  });
});

describe('reading and changing', () => {
  it('answers 404 JSON for unknown and non-numeric ids', async () => {
    for (const id of ['999999', 'abc', '99999999999']) {
      const res = await call('GET', `/customers/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toBeTruthy();
    }
    expect((await call('PATCH', '/customers/999999', { city: 'Oulu' })).statusCode).toBe(404);
  });

  it('answers unknown API paths with 404 JSON, or 401 without a token', async () => {
    const res = await call('GET', '/no-such-thing');
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toBeTruthy();
    expect((await call('GET', '/no-such-thing', undefined, null)).statusCode).toBe(401);
  });

  it('patches some fields, keeps the rest, and refuses a stale version', async () => {
    const created = (await call('POST', '/customers', { ...person, lastName: 'Paikattava' })).json();
    const res = await call('PATCH', `/customers/${created.id}`, { city: 'Espoo', phone: '09 123 456' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      city: 'Espoo',
      phone: '+358 9 123456',
      lastName: 'Paikattava',
      email: 'maija.meikalainen@example.fi',
      version: 2,
    });

    const cleared = await call('PATCH', `/customers/${created.id}`, { phone: null, version: 2 });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json()).toMatchObject({ phone: null, city: 'Espoo', version: 3 });

    const stale = await call('PATCH', `/customers/${created.id}`, { city: 'Vantaa', version: 2 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toBeTruthy();

    const invalid = await call('PATCH', `/customers/${created.id}`, { email: 'nope' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().details).toHaveProperty('email');

    const kind = await call('PATCH', `/customers/${created.id}`, { kind: 'PROSPEKTI' });
    expect(kind.statusCode).toBe(200);
    expect(kind.json().kind).toBe('PROSPEKTI');
    expect((await call('GET', `/customers/${created.id}`)).json()).toMatchObject({
      kind: 'PROSPEKTI',
      city: 'Espoo',
    });
  });

  it('refuses an externalId that another customer has', async () => {
    await call('POST', '/customers', { ...person, externalId: 'taken-1' });
    const other = (await call('POST', '/customers', person)).json();
    const res = await call('PATCH', `/customers/${other.id}`, { externalId: 'taken-1' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toHaveProperty('externalId');
  });
});

describe('listing and searching', () => {
  it('finds a customer with q and pages with the cursor without overlap', async () => {
    const created: number[] = [];
    for (const first of ['Aino', 'Eino', 'Iida', 'Oona', 'Ukko']) {
      const res = await call('POST', '/customers', { ...person, firstName: first, lastName: 'Sivutettava' });
      created.push(res.json().id);
    }
    const found = await call('GET', '/customers?q=Sivutettava%20Iida');
    expect(found.statusCode).toBe(200);
    expect(found.json().items.map((i: { name: string }) => i.name)).toContain('Sivutettava Iida');

    const seen: number[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const res = await call('GET', `/customers?q=sivutettava&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page = res.json() as { items: { id: number; kind: string }[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      pages++;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(created.sort());
  });

  it('lists everyone without q and refuses a bad limit or cursor', async () => {
    const all = await call('GET', '/customers?limit=200');
    expect(all.statusCode).toBe(200);
    expect(all.json().items.length).toBeGreaterThan(5);
    expect(all.json().items[0]).toHaveProperty('kind');
    for (const limit of ['0', '201', 'abc', '-1']) {
      const res = await call('GET', `/customers?limit=${limit}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().details).toHaveProperty('limit');
    }
    const cursor = await call('GET', '/customers?cursor=!!!');
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().details).toHaveProperty('cursor');
  });
});
