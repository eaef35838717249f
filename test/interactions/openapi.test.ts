import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { content, type Doc, documentedRoutes, shapeProblems } from '../api/openapi-shape.js';
import { apiToken, createTestApp, type TestApp } from '../helpers/app.js';
import { defaultTypes, isoDay, person } from './helpers.js';

let t: TestApp;
let doc: Doc;
let token: string;

beforeAll(async () => {
  t = await createTestApp();
  token = await apiToken(t.app, 'staff', 'anna.lehtonen');
  await defaultTypes(t.app.db);
  doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
});
afterAll(() => t.close());

const path = '/customers/{id}/interactions';
const call = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${token}` },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

/** The answer has exactly the documented fields of its status. */
function expectDocumented(res: Awaited<ReturnType<typeof call>>, method: string) {
  const op = doc.paths[path][method];
  const status = String(res.statusCode);
  expect(op.responses).toHaveProperty(status);
  const { schema } = content(doc, op.responses[status]);
  expect(shapeProblems(doc, schema, res.json(), res.statusCode < 400)).toEqual([]);
}

describe('the contact log in the OpenAPI document', () => {
  it('documents GET and POST with examples that fit their schemas', () => {
    expect(documentedRoutes(doc)).toEqual(expect.arrayContaining([`GET ${path}`, `POST ${path}`]));
    for (const method of ['get', 'post']) {
      const op = doc.paths[path][method];
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '404']));
      const bodies: [unknown, boolean][] = op.requestBody ? [[op.requestBody, false]] : [];
      for (const [status, r] of Object.entries(op.responses)) bodies.push([r, Number(status) < 400]);
      for (const [body, exact] of bodies) {
        const { schema, examples } = content(doc, body);
        for (const example of Object.values(examples))
          expect(shapeProblems(doc, schema, example, exact)).toEqual([]);
      }
    }
    expect(Object.keys(doc.paths[path].post.responses)).toEqual(
      expect.arrayContaining(['400', '403', '413']),
    );
  });

  it('answers as documented: the example body, the list, errors and 404', async () => {
    const id = await person(t.app.db, 'Dokumentoitu');
    const example = content(doc, doc.paths[path].post.requestBody).examples.example as Record<
      string,
      unknown
    >;
    const created = await call('POST', `/customers/${id}/interactions`, example);
    expect(created.statusCode).toBe(201);
    expectDocumented(created, 'post');
    const documented = content(doc, doc.paths[path].post.responses['201']).examples.example as Record<
      string,
      unknown
    >;
    expect(created.json()).toEqual({
      ...documented,
      id: created.json().id,
      customerId: id,
      createdAt: created.json().createdAt,
      updatedAt: created.json().updatedAt,
    });
    const list = await call('GET', `/customers/${id}/interactions`);
    expectDocumented(list, 'get');
    expect(list.json().items).toEqual([created.json()]);

    const refused = await call('POST', `/customers/${id}/interactions`, {
      type: 'PU',
      alarm: { date: isoDay(-1), audience: 'user', username: 'nobody' },
    });
    expect(refused.statusCode).toBe(400);
    expectDocumented(refused, 'post');
    const examples = content(doc, doc.paths[path].post.responses['400']).examples;
    expect(refused.json()).toEqual(examples.alarm);
    expect((await call('POST', `/customers/${id}/interactions`, { type: 'XX' })).json()).toEqual(
      examples.type,
    );
    for (const bad of ['99999999', '99999999999', 'abc']) {
      for (const method of ['GET', 'POST'] as const) {
        const res = await call(method, `/customers/${bad}/interactions`, method === 'POST' ? {} : undefined);
        expect(res.statusCode).toBe(404);
        expectDocumented(res, method.toLowerCase());
      }
    }
  });
});
