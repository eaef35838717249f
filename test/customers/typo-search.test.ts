import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, updateCustomer } from '../../src/features/customers/queries.js';
import { customerSchema } from '../../src/features/customers/schemas.js';
import { quickSearch } from '../../src/features/customers/search.js';
import { parseInput } from '../../src/lib/validation.js';
import { type Agent, createTestApp, htmxPartial, loginAs, type TestApp } from '../helpers/app.js';
import { kindId } from './helpers.js';

let t: TestApp;
let staff: Agent;
let asiakas: number;

const names = async (q: string) => (await quickSearch(t.app.db, q)).map((r) => r.name);

beforeAll(async () => {
  t = await createTestApp();
  staff = await loginAs(t.app, 'staff');
  asiakas = await kindId(t.app.db);
});
afterAll(() => t.close());

describe('typo-tolerant quick search on customers saved after start', () => {
  it('finds a new customer by a misspelt last name, alone or with the first name', async () => {
    await createCustomer(
      t.app.db,
      parseInput(customerSchema, {
        type: 'person',
        firstName: 'Sulevi',
        lastName: 'Hämäläinen',
        kindId: asiakas,
        city: 'Rovaniemi',
      }),
      null,
    );
    expect((await names('hämälänen'))[0]).toBe('Hämäläinen Sulevi');
    expect((await names('Hämälläinen Sulevi'))[0]).toBe('Hämäläinen Sulevi');
    expect((await names('sulevi hämälänen'))[0]).toBe('Hämäläinen Sulevi');
    const partial = await staff.get(`/customers/quick?q=${encodeURIComponent('hämälänen')}`, htmxPartial);
    expect(partial.statusCode).toBe(200);
    expect(partial.body).toContain('Hämäläinen Sulevi');
  });

  it('finds customers by a misspelt city', async () => {
    await createCustomer(
      t.app.db,
      parseInput(customerSchema, {
        type: 'organisation',
        name: 'Kainuun Puu Oy',
        kindId: asiakas,
        city: 'Kajaani',
      }),
      null,
    );
    expect(await names('kajaanni')).toContain('Kainuun Puu Oy');
    expect(await names('kajani')).toContain('Kainuun Puu Oy');
  });

  it('knows the words of a new name or city after an edit', async () => {
    const created = await createCustomer(
      t.app.db,
      parseInput(customerSchema, { type: 'organisation', name: 'Lumo Oy', kindId: asiakas, city: 'Oulu' }),
      null,
    );
    expect(await names('pohjanmaann')).toEqual([]);
    await updateCustomer(
      t.app.db,
      created.id,
      created.version,
      parseInput(customerSchema, {
        type: 'organisation',
        name: 'Lumo Pohjanmaa Oy',
        kindId: asiakas,
        city: 'Ylivieska',
      }),
      null,
    );
    expect((await names('pohjanmaann'))[0]).toBe('Lumo Pohjanmaa Oy');
    expect(await names('ylivieskka')).toContain('Lumo Pohjanmaa Oy');
  });

  it('finds nothing for nonsense', async () => {
    expect(await names('qxzqxz')).toEqual([]);
    expect(await names('qxzqxz wvwvw')).toEqual([]);
  });
});
