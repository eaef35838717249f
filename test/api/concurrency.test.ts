import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await createTestApp();
  token = await apiToken(t.app, 'staff');
});
afterAll(() => t.close());

function post(payload: object) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/customers',
    headers: { authorization: `Bearer ${token}` },
    payload,
  });
}

describe('concurrent creation', () => {
  it('gives 200 parallel creations in one kind unique numbers inside its range', async () => {
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        post({ type: 'organisation', kind: 'AGENTTI', name: `Rinnakkainen ${i} Oy`, city: 'Turku' }),
      ),
    );
    const failures = responses.filter((r) => r.statusCode !== 201).map((r) => `${r.statusCode} ${r.body}`);
    expect(failures).toEqual([]);
    const numbers = responses.map((r) => r.json().number as number);
    expect(new Set(numbers).size).toBe(200);
    for (const n of numbers) {
      expect(n).toBeGreaterThanOrEqual(5100000);
      expect(n).toBeLessThanOrEqual(5199999);
    }
  });

  it('makes parallel POSTs with one new externalId a single customer', async () => {
    const body = {
      type: 'person',
      kind: 'ASIAKAS',
      firstName: 'Yksi',
      lastName: 'Vain',
      externalId: 'same-1',
    };
    const responses = await Promise.all(Array.from({ length: 10 }, () => post(body)));
    expect(responses.map((r) => r.statusCode).sort()).toEqual([
      200, 200, 200, 200, 200, 200, 200, 200, 200, 201,
    ]);
    expect(new Set(responses.map((r) => r.json().id)).size).toBe(1);
  });
});
