import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, users } from '../../src/db/schema/index.js';
import { apiToken, createTestApp, type TestApp } from '../helpers/app.js';
import { person, standardFields } from './helpers.js';

let t: TestApp;
let token: string;
let readonlyToken: string;

beforeAll(async () => {
  t = await createTestApp();
  token = await apiToken(t.app, 'staff');
  readonlyToken = await apiToken(t.app, 'readonly');
  await standardFields(t.app.db);
});
afterAll(() => t.close());

function call(method: 'GET' | 'PUT', url: string, payload?: unknown, bearer = token) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${bearer}` },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

const full = {
  values: [
    { field: 'TOIM', value: 'PHARM' },
    { field: 'HARR', values: ['GO', 'SK'] },
    { field: 'SYNT', date: '1980-02-01' },
    { field: 'MUIST', text: 'Pitkä muistiinpano: äöå ÄÖÅ' },
  ],
};

describe('GET /api/v1/profile-fields', () => {
  it('lists the fields in order with their values', async () => {
    const res = await call('GET', '/profile-fields');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([
      {
        code: 'TOIM',
        title: 'Toimiala',
        type: 'single',
        values: [
          { code: 'PHARM', label: 'Apteekki' },
          { code: 'RETA', label: 'Vähittäiskauppa' },
        ],
      },
      {
        code: 'HARR',
        title: 'Harrastukset',
        type: 'multi',
        values: [
          { code: 'GO', label: 'Golf' },
          { code: 'SK', label: 'Hiihto' },
          { code: 'KA', label: 'Kalastus' },
        ],
      },
      { code: 'SYNT', title: 'Syntymäpäivä', type: 'date', values: [] },
      { code: 'MUIST', title: 'Muistiinpanot', type: 'memo', values: [] },
      { code: 'LEMPI', title: 'Lempinimi', type: 'text', values: [] },
    ]);
  });

  it('needs a token', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/profile-fields' });
    expect(res.statusCode).toBe(401);
  });
});

describe('/api/v1/customers/:id/profile', () => {
  it('sets the named fields, shows only answered ones, and audits as the token user', async () => {
    const id = await person(t.app.db, 'Api');
    expect((await call('GET', `/customers/${id}/profile`)).json()).toEqual({ values: [] });
    const put = await call('PUT', `/customers/${id}/profile`, full);
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual(full);
    expect((await call('GET', `/customers/${id}/profile`)).json()).toEqual(full);
    const [audit] = await t.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.customerId, id), eq(auditLog.entity, 'profile')));
    expect(audit!.changes).toMatchObject({
      Toimiala: [null, 'Apteekki'],
      Syntymäpäivä: [null, '1980-02-01'],
    });
    const [user] = await t.app.db.select().from(users).where(eq(users.id, audit!.userId!));
    expect(user!.username).toBe('api-staff');
  });

  it('leaves the fields a PUT does not name, and clears with null or []', async () => {
    const id = await person(t.app.db, 'Osittain');
    await call('PUT', `/customers/${id}/profile`, full);
    const res = await call('PUT', `/customers/${id}/profile`, {
      values: [
        { field: 'TOIM', value: 'RETA' },
        { field: 'HARR', values: [] },
        { field: 'LEMPI', text: 'Åke' },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      values: [
        { field: 'TOIM', value: 'RETA' },
        { field: 'SYNT', date: '1980-02-01' },
        { field: 'MUIST', text: 'Pitkä muistiinpano: äöå ÄÖÅ' },
        { field: 'LEMPI', text: 'Åke' },
      ],
    });
    const cleared = await call('PUT', `/customers/${id}/profile`, {
      values: [
        { field: 'TOIM', value: null },
        { field: 'SYNT', date: null },
      ],
    });
    expect(cleared.json().values.map((v: { field: string }) => v.field)).toEqual(['MUIST', 'LEMPI']);
  });

  it('answers 400 naming unknown field and value codes, and saves nothing', async () => {
    const id = await person(t.app.db, 'Tuntematon');
    const res = await call('PUT', `/customers/${id}/profile`, {
      values: [
        { field: 'TOIM', value: 'PHARM' },
        { field: 'NOPE', value: 'X' },
        { field: 'HARR', values: ['GO', 'ZZ'] },
      ],
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error).toBeTruthy();
    expect(body.details.NOPE).toContain('NOPE');
    expect(body.details.HARR).toContain('ZZ');
    expect((await call('GET', `/customers/${id}/profile`)).json()).toEqual({ values: [] });
  });

  it('answers 400 for a shape that does not fit the type and for a date that does not exist', async () => {
    const id = await person(t.app.db, 'Muoto');
    const shape = await call('PUT', `/customers/${id}/profile`, {
      values: [
        { field: 'TOIM', values: ['PHARM'] },
        { field: 'MUIST', text: 5 },
      ],
    });
    expect(shape.statusCode).toBe(400);
    expect(shape.json().details.TOIM).toContain('"value"');
    expect(shape.json().details.MUIST).toBeTruthy();
    const date = await call('PUT', `/customers/${id}/profile`, {
      values: [
        { field: 'LEMPI', text: 'Ei tallennu' },
        { field: 'SYNT', date: '2026-02-31' },
      ],
    });
    expect(date.statusCode).toBe(400);
    expect(date.json().details.SYNT).toContain('2026-02-31');
    const notArray = await call('PUT', `/customers/${id}/profile`, { values: 'x' });
    expect(notArray.statusCode).toBe(400);
    expect((await call('GET', `/customers/${id}/profile`)).json()).toEqual({ values: [] });
  });

  it('answers 404 for an unknown customer and 403 to a read-only token that writes', async () => {
    expect((await call('GET', '/customers/99999999/profile')).statusCode).toBe(404);
    const id = await person(t.app.db, 'Luku');
    expect((await call('GET', `/customers/${id}/profile`, undefined, readonlyToken)).statusCode).toBe(200);
    expect((await call('PUT', `/customers/${id}/profile`, full, readonlyToken)).statusCode).toBe(403);
  });
});
