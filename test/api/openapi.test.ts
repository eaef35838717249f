import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactPersonGroups, contactPersonProperties } from '../../src/db/schema/index.js';
import { setBans } from '../../src/features/bans/queries.js';
import { setContactPersonProperties } from '../../src/features/classification/contact-person-properties.js';
import { createContactPerson } from '../../src/features/contact-persons/queries.js';
import { setContactRoles } from '../../src/features/contact-roles/queries.js';
import { contactPersonSchema } from '../../src/features/customers/schemas.js';
import { apiToken, createTestApp, type TestApp } from '../helpers/app.js';
import { standardFields } from '../profiles/helpers.js';
import { apiRoutes, content, type Doc, documentedRoutes, resolve, shapeProblems } from './openapi-shape.js';

let t: TestApp;
let doc: Doc;
let token: string;

beforeAll(async () => {
  t = await createTestApp();
  token = await apiToken(t.app, 'staff');
  doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
});
afterAll(() => t.close());

function call(method: string, url: string, payload?: unknown) {
  return t.app.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${token}` },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

const operation = (path: string, method: string) => doc.paths[path][method];
const response = (path: string, method: string, status: string) =>
  content(doc, operation(path, method).responses[status]);
const requestExamples = (path: string, method: string) =>
  content(doc, operation(path, method).requestBody).examples;

/** The answer has exactly the fields (and types) of the documented response schema. */
function expectDocumented(res: LightMyRequestResponse, path: string, method: string) {
  const status = String(res.statusCode);
  expect(operation(path, method).responses, `${method} ${path} documents ${status}`).toHaveProperty(status);
  const exact = res.statusCode < 400;
  expect(shapeProblems(doc, response(path, method, status).schema, res.json(), exact)).toEqual([]);
}

describe('OpenAPI document', () => {
  it('is public, parses, and describes exactly the /api/v1 routes there are', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers[0].url).toBe('/api/v1');
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/contact-persons/{id}/bans',
      '/customers',
      '/customers/{id}',
      '/customers/{id}/bans',
      '/customers/{id}/history',
      '/customers/{id}/interactions',
      '/customers/{id}/profile',
      '/kinds',
      '/openapi.json',
      '/profile-fields',
      '/sales-documents',
      '/workspace/found',
      '/workspace/labels',
      '/workspace/search',
      '/workspace/selected',
    ]);
    // Every route registered under /api/v1 (customers, profiles and bans plugins alike) is documented, and
    // nothing else is.
    expect(documentedRoutes(doc)).toEqual(apiRoutes(t.app));
    expect(documentedRoutes(doc)).toContain('PUT /contact-persons/{id}/bans');

    for (const name of ['Customer', 'CustomerInput', 'CustomerPatch', 'Error', 'Kind', 'CustomerPage']) {
      expect(doc.components.schemas).toHaveProperty(name);
    }
    const refs = [...res.body.matchAll(/"\$ref":"#\/components\/(\w+)\/(\w+)"/g)];
    expect(refs.length).toBeGreaterThan(5);
    for (const [, section, name] of refs) expect(doc.components[section!]).toHaveProperty(name!);
  });

  it('documents the errors of every operation', () => {
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Doc>>)) {
      for (const [method, op] of Object.entries(item)) {
        const where = `${method.toUpperCase()} ${path}`;
        const statuses = Object.keys(op.responses);
        if (!op.security) expect(statuses, where).toContain('401');
        if (path.includes('{id}')) expect(statuses, where).toContain('404');
        if (op.requestBody) expect(statuses, where).toEqual(expect.arrayContaining(['400', '403', '413']));
        expect(op.operationId, where).toBeTruthy();
      }
    }
  });

  it('has examples that fit their own schemas', () => {
    let checked = 0;
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Doc>>)) {
      for (const [method, op] of Object.entries(item)) {
        const bodies = op.requestBody ? [[op.requestBody, false, 'request']] : [];
        for (const [status, r] of Object.entries(op.responses))
          if (resolve(doc, r).content) bodies.push([r, Number(status) < 400, status]);
        for (const [body, exact, what] of bodies) {
          const { schema, examples } = content(doc, body);
          for (const [name, example] of Object.entries(examples)) {
            expect(shapeProblems(doc, schema, example, exact), `${method} ${path} ${what} ${name}`).toEqual(
              [],
            );
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(25);
  });
});

describe('documented answers are the real ones', () => {
  it('customers, the customer list and kinds', async () => {
    const example = requestExamples('/customers', 'post').person;
    const res = await call('POST', '/customers', example);
    expect(res.statusCode).toBe(201);
    const customer = res.json();
    const documented = response('/customers', 'post', '201').examples.example as Record<string, unknown>;
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
    expectDocumented(res, '/customers', 'post');
    expectDocumented(await call('GET', `/customers/${customer.id}`), '/customers/{id}', 'get');

    const organisation = await call('POST', '/customers', requestExamples('/customers', 'post').organisation);
    expectDocumented(organisation, '/customers', 'post');
    expect(organisation.json().bans).toBeNull();

    const list = await call('GET', '/customers');
    const summary = doc.components.schemas.CustomerSummary.properties;
    expect(Object.keys(summary).sort()).toEqual(Object.keys(list.json().items[0]).sort());
    expectDocumented(list, '/customers', 'get');
    const kinds = await call('GET', '/kinds');
    expect(Object.keys(doc.components.schemas.Kind.properties).sort()).toEqual(
      Object.keys(kinds.json()[0]).sort(),
    );
    expectDocumented(kinds, '/kinds', 'get');
  });

  it("an organisation's contact persons with roles, bans and properties", async () => {
    const org = (await call('POST', '/customers', requestExamples('/customers', 'post').organisation)).json();
    const input = contactPersonSchema.parse({
      firstName: 'Olli',
      lastName: 'Ostaja',
      title: 'Ostopäällikkö',
    });
    const person = await createContactPerson(t.app.db, org.id, input, null);
    const [group] = await t.app.db.insert(contactPersonGroups).values({ name: 'Markkinointi' }).returning();
    const [property] = await t.app.db
      .insert(contactPersonProperties)
      .values({ code: 'UUTISKIRJE', name: 'Uutiskirje', groupId: group!.id })
      .returning();
    await t.app.db.transaction((tx) => setContactPersonProperties(tx, person, [property!.id], null));
    await setContactRoles(
      t.app.db,
      org.id,
      { CONTACT_NUMBER: null, CONTACT_PURCHASE: person.id, CONTACT_SALES: person.id },
      null,
    );
    await setBans(
      t.app.db,
      { contactPersonId: person.id },
      { noSms: true },
      { source: 'staff', userId: null },
    );

    const res = await call('GET', `/customers/${org.id}`);
    expectDocumented(res, '/customers/{id}', 'get');
    const documented = response('/customers/{id}', 'get', '200').examples.organisation as {
      contactPersons: Record<string, unknown>[];
    };
    const [answered] = res.json().contactPersons;
    expect(Object.keys(answered).sort()).toEqual(Object.keys(documented.contactPersons[0]!).sort());
    expect(answered).toMatchObject({
      ...documented.contactPersons[0],
      id: person.id,
      email: null,
      mobile: null,
    });
  });

  it('profile fields and a profile, with the documented PUT body', async () => {
    await standardFields(t.app.db);
    const fields = await call('GET', '/profile-fields');
    expect(fields.statusCode).toBe(200);
    expectDocumented(fields, '/profile-fields', 'get');

    const id = (await call('POST', '/customers', requestExamples('/customers', 'post').person)).json().id;
    const body = requestExamples('/customers/{id}/profile', 'put').example;
    const put = await call('PUT', `/customers/${id}/profile`, body);
    expect(put.statusCode).toBe(200);
    expectDocumented(put, '/customers/{id}/profile', 'put');
    expect(put.json()).toEqual(body);
    const get = await call('GET', `/customers/${id}/profile`);
    expectDocumented(get, '/customers/{id}/profile', 'get');
    expect(get.json()).toEqual(response('/customers/{id}/profile', 'get', '200').examples.example);

    // The documented 400 answers, from the bodies that cause them.
    const refused = response('/customers/{id}/profile', 'put', '400').examples;
    const bad = {
      codes: [
        { field: 'NOPE', value: 'X' },
        { field: 'HARR', values: ['GO', 'ZZ'] },
      ],
      shape: [
        { field: 'TOIM', values: ['PHARM'] },
        { field: 'SYNT', date: '2026-02-31' },
      ],
      body: 'x',
    };
    expect(Object.keys(refused).sort()).toEqual(Object.keys(bad).sort());
    for (const [name, values] of Object.entries(bad)) {
      const res = await call('PUT', `/customers/${id}/profile`, { values });
      expect(res.statusCode).toBe(400);
      expect(res.json(), name).toEqual(refused[name]);
    }
  });

  it('marketing bans of a person customer and a contact person, and their errors', async () => {
    const person = (await call('POST', '/customers', requestExamples('/customers', 'post').person)).json();
    const org = (await call('POST', '/customers', requestExamples('/customers', 'post').organisation)).json();
    const cp = await createContactPerson(
      t.app.db,
      org.id,
      contactPersonSchema.parse({ firstName: 'Kaisa', lastName: 'Kielto' }),
      null,
    );
    for (const [path, id] of [
      ['/customers/{id}/bans', person.id],
      ['/contact-persons/{id}/bans', cp.id],
    ] as const) {
      const url = path.replace('{id}', String(id));
      const put = await call('PUT', url, requestExamples(path, 'put').example);
      expect(put.statusCode).toBe(200);
      expectDocumented(put, path, 'put');
      const get = await call('GET', url);
      expectDocumented(get, path, 'get');
      expect(get.json()).toMatchObject({ noEmail: true, noSms: false, noMarketing: false });
      expect(get.json().history).toEqual([expect.objectContaining({ ban: 'NO_EMAIL', source: 'api' })]);
    }

    const refused = response('/customers/{id}/bans', 'put', '400').examples;
    const invalid = await call('PUT', `/customers/${person.id}/bans`, { noSms: 'yes', noFax: true });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toEqual(refused.invalid);
    const organisation = await call('PUT', `/customers/${org.id}/bans`, { noSms: true });
    expect(organisation.statusCode).toBe(400);
    expect(organisation.json()).toEqual(refused.organisation);
    const read = await call('GET', `/customers/${org.id}/bans`);
    expectDocumented(read, '/customers/{id}/bans', 'get');
    expect(read.json()).toEqual(response('/customers/{id}/bans', 'get', '400').examples.organisation);
  });

  it('404 for every documented path with an unknown or impossible id', async () => {
    const bodies: Record<string, unknown> = { patch: { city: 'Oulu' }, put: {} };
    for (const route of documentedRoutes(doc).filter((r) => r.includes('{id}'))) {
      const [method, path] = route.split(' ') as [string, string];
      for (const id of ['99999999', '99999999999', 'abc']) {
        const body =
          method === 'PUT' && path.endsWith('/profile') ? { values: [] } : bodies[method.toLowerCase()];
        const res = await call(method, path.replace('{id}', id), body);
        expect(res.statusCode, `${route} ${id}`).toBe(404);
        expectDocumented(res, path, method.toLowerCase());
      }
    }
  });
});
