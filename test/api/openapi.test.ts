import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('OpenAPI document', () => {
  it('is public, parses, and describes every API route', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = JSON.parse(res.body);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers[0].url).toBe('/api/v1');
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/customers',
      '/customers/{id}',
      '/kinds',
      '/openapi.json',
    ]);
    expect(Object.keys(doc.paths['/customers']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/customers/{id}']).sort()).toEqual(['get', 'patch']);
    for (const name of ['Customer', 'CustomerInput', 'CustomerPatch', 'Error', 'Kind', 'CustomerPage']) {
      expect(doc.components.schemas).toHaveProperty(name);
    }

    // Every route the API plugin registered is in the document, and every $ref resolves.
    const routes = t.app.printRoutes({ commonPrefix: false });
    for (const path of ['kinds', 'customers', 'openapi.json']) expect(routes).toContain(path);
    const refs = [...res.body.matchAll(/"\$ref":"#\/components\/(\w+)\/(\w+)"/g)];
    expect(refs.length).toBeGreaterThan(5);
    for (const [, section, name] of refs) expect(doc.components[section!]).toHaveProperty(name!);
  });

  it('lists exactly the fields the API answers with', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const token = await apiToken(t.app, 'staff');
    const example =
      doc.paths['/customers'].post.requestBody.content['application/json'].examples.person.value;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { authorization: `Bearer ${token}` },
      payload: example,
    });
    expect(res.statusCode).toBe(201);
    const customer = res.json();
    const documented = doc.paths['/customers'].post.responses['201'].content['application/json'].example;
    expect(Object.keys(doc.components.schemas.Customer.properties).sort()).toEqual(
      Object.keys(customer).sort(),
    );
    expect(Object.keys(documented).sort()).toEqual(Object.keys(customer).sort());
    expect(customer).toMatchObject({
      ...documented,
      id: customer.id,
      createdAt: customer.createdAt,
      updatedAt: customer.updatedAt,
    });

    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/customers',
      headers: { authorization: `Bearer ${token}` },
    });
    const summary = doc.components.schemas.CustomerSummary.properties;
    expect(Object.keys(summary).sort()).toEqual(Object.keys(list.json().items[0]).sort());
    const kinds = await t.app.inject({
      method: 'GET',
      url: '/api/v1/kinds',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(Object.keys(doc.components.schemas.Kind.properties).sort()).toEqual(
      Object.keys(kinds.json()[0]).sort(),
    );
  });
});
