import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { content, type Doc, resolve, shapeProblems } from '../api/openapi-shape.js';
import { apiToken, createTestApp, type TestApp } from '../helpers/app.js';
import { addContactPerson, addOrganisation, addPersons, contactType, readPdf, select } from './helpers.js';

/* The OpenAPI description of POST /workspace/labels says what the route does. */

let t: TestApp;
let doc: Doc;
let token: string;
let userId: number;

beforeAll(async () => {
  t = await createTestApp();
  token = await apiToken(t.app, 'staff', 'api-doc-labels');
  const [u] = await t.app.db.execute<{ id: number }>(
    sql`select id from users where username = 'api-doc-labels'`,
  );
  userId = u!.id;
  doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
});
afterAll(() => t.close());

const call = (body: unknown, bearer = token) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/workspace/labels',
    headers: { authorization: `Bearer ${bearer}` },
    payload: body as object,
  });

const operation = () => doc.paths['/workspace/labels'].post;
const errorExamples = (status: string) => content(doc, operation().responses[status]).examples;

describe('POST /workspace/labels in the OpenAPI document', () => {
  it('documents a PDF answer, the errors, and request examples that fit the schema', () => {
    const op = operation();
    expect(Object.keys(op.responses).sort()).toEqual(['200', '400', '401', '403', '413']);
    expect(resolve(doc, op.responses['200']).content).toEqual({
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    });
    const body = content(doc, op.requestBody);
    expect(Object.keys(body.examples).length).toBe(3);
    for (const [name, example] of Object.entries(body.examples))
      expect(shapeProblems(doc, body.schema, example, false), name).toEqual([]);
    for (const status of ['400', '403']) {
      const { schema, examples } = content(doc, op.responses[status]);
      for (const [name, example] of Object.entries(examples))
        expect(shapeProblems(doc, schema, example, false), `${status} ${name}`).toEqual([]);
    }
  });

  it('the request examples print, and each documented error is the real answer', async () => {
    await contactType(t.app.db, 'TR', 'Osoitetarra');
    const people = await addPersons(t.app.db, [{ first: 'Doku', last: 'Mentti' }]);
    const org = await addOrganisation(t.app.db, 'Dokumentti Oy');
    const cp = await addContactPerson(t.app.db, org, 'Olli', 'Ostaja');
    // The fillSheet example names recipient 2; here the organisation's own id stands in for it.
    const examples = content(doc, operation().requestBody).examples as Record<
      string,
      Record<string, unknown>
    >;
    await select(t.app.db, userId, 'person', people);
    await select(t.app.db, userId, 'contact_person', [cp]);
    await select(t.app.db, userId, 'organisation', [org]);
    for (const [name, example] of Object.entries(examples)) {
      const body = name === 'fillSheet' ? { ...example, fillWith: org } : example;
      const res = await call(body);
      expect(res.statusCode, `${name}: ${res.body.slice(0, 200)}`).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect((await readPdf(res.rawPayload)).pages).toBe(1);
    }

    const refused = errorExamples('400');
    const bodies: Record<string, unknown> = {
      empty: { targetType: 'guardian', layout: '3x8' },
      layout: { targetType: 'person', layout: 'A5' },
      skip: { targetType: 'person', layout: '3x8', skip: 24 },
      contactType: { targetType: 'person', layout: '3x8', log: { type: 'XX' } },
    };
    const [banned] = await addPersons(t.app.db, [{ first: 'Kielto', last: 'Kirjeille', noMarketing: true }]);
    await select(t.app.db, userId, 'agent', [banned!]);
    bodies.nothingToPrint = { targetType: 'agent', layout: '3x8' };
    expect(Object.keys(refused).sort()).toEqual(Object.keys(bodies).sort());
    for (const [name, body] of Object.entries(bodies)) {
      const res = await call(body);
      expect(res.statusCode, name).toBe(400);
      expect(res.json(), name).toEqual(refused[name]);
    }

    const reader = await apiToken(t.app, 'readonly', 'api-doc-reader');
    const res = await call({ targetType: 'person', layout: '3x8', log: { type: 'TR', text: '' } }, reader);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual(errorExamples('403').readOnlyLog);
  });
});
