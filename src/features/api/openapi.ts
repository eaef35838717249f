/**
 * The OpenAPI 3.1 description of /api/v1, written by hand: customers and kinds here,
 * profiles in openapi-profiles.ts, marketing bans in openapi-bans.ts. Keep it in step
 * with customers.ts, schemas.ts, routes.ts, profiles/api-routes.ts and bans/api.ts:
 * test/api/openapi.test.ts checks that every /api/v1 route is listed and that the
 * answers have exactly the documented fields.
 */
import { banPathItems, banResponses, banSchemas } from './openapi-bans.js';
import { interactionPathItems, interactionResponses, interactionSchemas } from './openapi-interactions.js';
import { labelPathItems, labelSchemas } from './openapi-labels.js';
import { profilePathItems, profileResponses, profileSchemas } from './openapi-profiles.js';
import { salesPathItems, salesResponses, salesSchemas } from './openapi-sales.js';
import {
  customerIdParameter as customerId,
  errorResponse,
  json,
  language,
  nullable,
  ref,
} from './openapi-shared.js';
import { workspacePathItems, workspaceResponses, workspaceSchemas } from './openapi-workspace.js';

/** Fields a client may send, shared by create and update (all optional here). */
const writableFields = {
  type: { type: 'string', enum: ['person', 'organisation'] },
  kind: {
    type: 'string',
    description: 'Code of a customer kind (GET /kinds). Required when a customer is created.',
    examples: ['ASIAKAS'],
  },
  firstName: nullable('string', { maxLength: 100, description: 'Persons: required.' }),
  lastName: nullable('string', { maxLength: 100, description: 'Persons: required.' }),
  name: nullable('string', { maxLength: 200, description: 'Organisations: required.' }),
  businessId: nullable('string', {
    description: 'Organisations: Finnish business ID (Y-tunnus) 1234567-8; the check digit must match.',
    examples: ['0112038-9'],
  }),
  streetAddress: nullable('string', { maxLength: 200 }),
  postalCode: nullable('string', { maxLength: 12, description: 'Five digits when country is FI.' }),
  city: nullable('string', { maxLength: 100 }),
  country: { type: 'string', pattern: '^[A-Za-z]{2}$', default: 'FI', description: 'ISO 3166 alpha-2.' },
  phone: nullable('string', {
    description: 'Any common Finnish or international form; stored as +358 40 1234567.',
  }),
  mobile: nullable('string', { description: 'As phone.' }),
  email: nullable('string', { format: 'email', maxLength: 254, description: 'Stored lower-cased.' }),
  language,
  accountManagerId: nullable('integer', { minimum: 1, description: 'Id of a staff user.' }),
  relationshipStart: nullable('string', {
    format: 'date',
    description: 'Start of the customer relationship. ISO date (1.2.2026 is accepted too).',
  }),
  notes: nullable('string', { maxLength: 5000 }),
  groupId: nullable('integer', { minimum: 1, description: 'Id of a customer group.' }),
  companyId: nullable('integer', {
    minimum: 1,
    description: 'Persons: the organisation customer they belong to.',
  }),
  departmentId: nullable('integer', {
    minimum: 1,
    description: 'Persons: a department of companyId.',
  }),
  externalId: nullable('string', {
    maxLength: 100,
    description: "The caller's own id for the customer, unique. POST with a known externalId updates.",
  }),
};

const personExample = {
  type: 'person',
  kind: 'ASIAKAS',
  firstName: 'Maija',
  lastName: 'Meikäläinen',
  streetAddress: 'Esimerkkikatu 1 A 2',
  postalCode: '00100',
  city: 'Helsinki',
  mobile: '040 123 4567',
  email: 'maija.meikalainen@example.fi',
  language: 'fi',
  relationshipStart: '2026-01-15',
  externalId: 'erp-10042',
};

const organisationExample = {
  type: 'organisation',
  kind: 'ASIAKAS',
  name: 'Esimerkki Oy',
  businessId: '0112038-9',
  streetAddress: 'Teollisuustie 5',
  postalCode: '33100',
  city: 'Tampere',
  phone: '03 123 4567',
  email: 'info@esimerkki.fi',
};

const customerExample = {
  id: 1,
  number: 10000,
  kind: 'ASIAKAS',
  type: 'person',
  name: 'Meikäläinen Maija',
  firstName: 'Maija',
  lastName: 'Meikäläinen',
  businessId: null,
  streetAddress: 'Esimerkkikatu 1 A 2',
  postalCode: '00100',
  city: 'Helsinki',
  country: 'FI',
  phone: null,
  mobile: '+358 40 1234567',
  email: 'maija.meikalainen@example.fi',
  language: 'fi',
  accountManagerId: null,
  relationshipStart: '2026-01-15',
  notes: null,
  groupId: null,
  companyId: null,
  departmentId: null,
  externalId: 'erp-10042',
  archived: false,
  version: 1,
  createdAt: '2026-01-15T08:30:00.000Z',
  updatedAt: '2026-01-15T08:30:00.000Z',
  bans: { noMarketing: false, noSms: false, noEmail: false },
  contactPersons: [],
};

/** A contact person as GET /customers/{id} shows it: own fields, roles, bans, properties. */
const contactPersonExample = {
  id: 7,
  firstName: 'Olli',
  lastName: 'Ostaja',
  title: 'Ostopäällikkö',
  email: 'olli.ostaja@esimerkki.fi',
  phone: null,
  mobile: '+358 40 7654321',
  language: 'fi',
  roles: ['CONTACT_PURCHASE', 'CONTACT_SALES'],
  bans: { noMarketing: false, noSms: true, noEmail: false },
  properties: [{ code: 'UUTISKIRJE', name: 'Uutiskirje', group: 'Markkinointi' }],
};

const organisationCustomerExample = {
  ...customerExample,
  id: 2,
  number: 10001,
  type: 'organisation',
  name: 'Esimerkki Oy',
  firstName: null,
  lastName: null,
  businessId: '0112038-9',
  streetAddress: 'Teollisuustie 5',
  postalCode: '33100',
  city: 'Tampere',
  phone: '+358 3 1234567',
  mobile: null,
  email: 'info@esimerkki.fi',
  relationshipStart: null,
  externalId: null,
  bans: null,
  contactPersons: [contactPersonExample],
};

const responses = {
  BadRequest: errorResponse('Invalid input: `details` names each field with its problem.', {
    error: 'Bad request.',
    details: {
      email: 'Not a valid e-mail address.',
      businessId: 'Not a valid business ID (format 1234567-8, check digit must match).',
    },
  }),
  Unauthorized: errorResponse('No bearer token, or a revoked or unknown one.', {
    error: 'Log in or give a valid API token.',
  }),
  Forbidden: errorResponse("The token's user may not write (read-only role).", {
    error: 'Read-only users cannot make changes.',
  }),
  NotFound: errorResponse('No customer (or contact person) with this id.', {
    error: 'The page or record was not found.',
  }),
  Conflict: errorResponse(
    "The customer changed since `version` (reload and try again), or a kind's number series is full.",
    {
      error: 'The record was changed by someone else. Reload it and try again.',
    },
  ),
  TooLarge: errorResponse('The request body is over the size limit (1 MB by default).', {
    error: 'The data sent is too large.',
  }),
  ...profileResponses,
  ...banResponses,
  ...workspaceResponses,
  ...interactionResponses,
  ...salesResponses,
};

export function openApiDocument(prefix: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kanta CRM API',
      version: '1.0.0',
      description:
        'Customer register of Kanta CRM for integrations: customers with their contact persons (roles, ' +
        'marketing bans, properties), profile answers and marketing bans. Every call needs an API token (Settings › API tokens) ' +
        'as `Authorization: Bearer <token>`; the token acts as its user, and tokens of read-only users can only read. ' +
        'Bodies are JSON, at most 1 MB. Errors are `{ "error": "...", "details": ... }` with a 4xx status; ' +
        '`details`, when present, maps each invalid field to its problem.',
    },
    servers: [{ url: prefix || '/' }],
    security: [{ bearerAuth: [] }],
    tags: [
      { name: 'customers' },
      { name: 'profiles', description: 'Profile fields (profiilit) and the answers of customers.' },
      { name: 'bans', description: 'Marketing bans (markkinointikiellot) with their consent history.' },
      { name: 'interactions', description: 'The contact log (kontaktit) of customers, with alarms.' },
      {
        name: 'sales',
        description: 'Sales documents (bookings, sales orders, invoices) and purchase history.',
      },
      { name: 'kinds' },
      { name: 'meta' },
      {
        name: 'workspace',
        description: 'CRM workspace: criteria search into the found list, found and selected lists.',
      },
    ],
    paths: {
      '/kinds': {
        get: {
          tags: ['kinds'],
          operationId: 'listKinds',
          summary: 'Customer kinds and their number series',
          responses: {
            '200': {
              description: 'All kinds, by the start of their number series.',
              content: json(
                { type: 'array', items: ref('Kind') },
                {
                  example: [
                    {
                      code: 'ASIAKAS',
                      nameFi: 'Asiakas',
                      nameEn: 'Customer',
                      rangeStart: 10000,
                      rangeEnd: 4999999,
                      isAgent: false,
                    },
                  ],
                },
              ),
            },
            '401': { $ref: '#/components/responses/Unauthorized' },
          },
        },
      },
      '/customers': {
        get: {
          tags: ['customers'],
          operationId: 'listCustomers',
          summary: 'List or search customers, by number, in pages',
          description:
            'Without `q`, all customers by number. With `q`, the quick search: number, name, e-mail, phone, ' +
            'business id or city, typo-tolerant. Pass `nextCursor` back as `cursor` for the next page; it is null on the last page.',
          parameters: [
            { name: 'q', in: 'query', schema: { type: 'string', maxLength: 200 }, example: 'meikäläinen' },
            {
              name: 'limit',
              in: 'query',
              schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
            },
            {
              name: 'cursor',
              in: 'query',
              schema: { type: 'string' },
              description: '`nextCursor` of the previous page.',
            },
            {
              name: 'archived',
              in: 'query',
              schema: { type: 'string', enum: ['active', 'archived', 'all'], default: 'active' },
            },
          ],
          responses: {
            '200': {
              description: 'One page of customers.',
              content: json(ref('CustomerPage'), {
                example: {
                  items: [
                    {
                      id: 1,
                      number: 10000,
                      kind: 'ASIAKAS',
                      type: 'person',
                      name: 'Meikäläinen Maija',
                      email: 'maija.meikalainen@example.fi',
                      phone: null,
                      mobile: '+358 40 1234567',
                      city: 'Helsinki',
                      postalCode: '00100',
                      businessId: null,
                      archived: false,
                    },
                  ],
                  nextCursor: 'eyJuIjoxMDAwMH0',
                },
              }),
            },
            '400': { $ref: '#/components/responses/BadRequest' },
            '401': { $ref: '#/components/responses/Unauthorized' },
          },
        },
        post: {
          tags: ['customers'],
          operationId: 'saveCustomer',
          summary: 'Create a customer, or update the one with this externalId',
          description:
            'Creates a customer with the next free number of its kind (201). When `externalId` belongs to an existing ' +
            'customer, updates that customer instead (200): fields not sent keep their values, and sending the same ' +
            'body again changes nothing (no new audit entry).',
          requestBody: {
            required: true,
            content: json(ref('CustomerInput'), {
              examples: {
                person: { value: personExample },
                organisation: { value: organisationExample },
              },
            }),
          },
          responses: {
            '201': {
              description: 'Created.',
              headers: { Location: { schema: { type: 'string' }, description: 'URL of the new customer.' } },
              content: json(ref('Customer'), { example: customerExample }),
            },
            '200': {
              description: 'The customer with this externalId, updated.',
              content: json(ref('Customer'), { example: customerExample }),
            },
            '400': { $ref: '#/components/responses/BadRequest' },
            '401': { $ref: '#/components/responses/Unauthorized' },
            '403': { $ref: '#/components/responses/Forbidden' },
            '409': { $ref: '#/components/responses/Conflict' },
            '413': { $ref: '#/components/responses/TooLarge' },
          },
        },
      },
      '/customers/{id}': {
        get: {
          tags: ['customers'],
          operationId: 'getCustomer',
          summary: 'One customer with its contact persons',
          description:
            "A person customer's own marketing bans are in `bans` (null for organisations). An organisation's " +
            'contact persons come with their contact roles, marketing bans and properties.',
          parameters: [customerId],
          responses: {
            '200': {
              description: 'The customer.',
              content: json(ref('Customer'), {
                examples: {
                  person: { summary: 'A person customer', value: customerExample },
                  organisation: {
                    summary: 'An organisation with a contact person',
                    value: organisationCustomerExample,
                  },
                },
              }),
            },
            '401': { $ref: '#/components/responses/Unauthorized' },
            '404': { $ref: '#/components/responses/NotFound' },
          },
        },
        patch: {
          tags: ['customers'],
          operationId: 'updateCustomer',
          summary: 'Change some fields of a customer',
          description:
            'Fields not sent keep their values; `null` clears a field. With `version` (from a previous read) the change ' +
            'is refused with 409 if anyone saved the customer since.',
          parameters: [customerId],
          requestBody: {
            required: true,
            content: json(ref('CustomerPatch'), {
              example: { version: 1, email: 'maija@example.fi', phone: '09 123 456' },
            }),
          },
          responses: {
            '200': {
              description: 'The customer after the change.',
              content: json(ref('Customer'), { example: customerExample }),
            },
            '400': { $ref: '#/components/responses/BadRequest' },
            '401': { $ref: '#/components/responses/Unauthorized' },
            '403': { $ref: '#/components/responses/Forbidden' },
            '404': { $ref: '#/components/responses/NotFound' },
            '409': { $ref: '#/components/responses/Conflict' },
            '413': { $ref: '#/components/responses/TooLarge' },
          },
        },
      },
      '/openapi.json': {
        get: {
          tags: ['meta'],
          operationId: 'openApi',
          summary: 'This document',
          security: [],
          responses: { '200': { description: 'OpenAPI 3.1 document.', content: json({ type: 'object' }) } },
        },
      },
      ...profilePathItems,
      ...banPathItems,
      ...workspacePathItems,
      ...labelPathItems,
      ...interactionPathItems,
      ...salesPathItems,
    },
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API token made in Settings › API tokens (starts with `kanta_`).',
        },
      },
      responses,
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: { type: 'string', description: 'What went wrong, in English.' },
            details: {
              type: 'object',
              additionalProperties: { type: 'string' },
              description:
                'For invalid input: field name → problem (`_` for the body as a whole). Absent otherwise.',
            },
          },
        },
        Kind: {
          type: 'object',
          required: ['code', 'nameFi', 'nameEn', 'rangeStart', 'rangeEnd', 'isAgent'],
          properties: {
            code: { type: 'string' },
            nameFi: { type: 'string' },
            nameEn: { type: 'string' },
            rangeStart: { type: 'integer', description: 'First customer number of the series.' },
            rangeEnd: { type: 'integer', description: 'Last customer number of the series.' },
            isAgent: { type: 'boolean', description: 'Agents (travel offices).' },
          },
        },
        CustomerInput: {
          description:
            'A new customer, or an update when `externalId` is known. Persons need firstName and lastName; ' +
            'organisations need name. `type` and `kind` are required for a new customer.',
          type: 'object',
          required: ['type'],
          properties: writableFields,
          oneOf: [
            { properties: { type: { const: 'person' } } },
            { properties: { type: { const: 'organisation' } } },
          ],
        },
        CustomerPatch: {
          type: 'object',
          properties: {
            ...writableFields,
            version: {
              type: 'integer',
              minimum: 1,
              description: 'The version read; 409 if it has moved on.',
            },
          },
        },
        ContactPerson: {
          type: 'object',
          description:
            'A contact person of an organisation. Change bans with PUT /contact-persons/{id}/bans.',
          required: [
            'id',
            'firstName',
            'lastName',
            'title',
            'email',
            'phone',
            'mobile',
            'language',
            'roles',
            'bans',
            'properties',
          ],
          properties: {
            id: { type: 'integer' },
            firstName: { type: 'string' },
            lastName: { type: 'string' },
            title: nullable('string'),
            email: nullable('string'),
            phone: nullable('string'),
            mobile: nullable('string'),
            language,
            roles: {
              type: 'array',
              description:
                "The organisation's contact roles this person has: CONTACT_NUMBER gets e-mail invoices and payment " +
                'reminders, CONTACT_PURCHASE purchase orders, CONTACT_SALES sales orders. Each role belongs to at most ' +
                'one contact person of the organisation.',
              items: ref('ContactRole'),
            },
            bans: ref('Bans'),
            properties: {
              type: 'array',
              description: 'Contact-person properties (markkinointiryhmät), by group and name.',
              items: ref('ContactPersonProperty'),
            },
          },
        },
        ContactRole: { type: 'string', enum: ['CONTACT_NUMBER', 'CONTACT_PURCHASE', 'CONTACT_SALES'] },
        ContactPersonProperty: {
          type: 'object',
          required: ['code', 'name', 'group'],
          properties: {
            code: { type: 'string' },
            name: { type: 'string' },
            group: nullable('string', {
              description: 'Name of its contact-person group; null when ungrouped.',
            }),
          },
        },
        Customer: {
          type: 'object',
          required: [
            'id',
            'number',
            'kind',
            'type',
            'name',
            'country',
            'language',
            'archived',
            'version',
            'createdAt',
            'updatedAt',
            'bans',
            'contactPersons',
          ],
          properties: {
            id: { type: 'integer' },
            number: { type: 'integer', description: 'Customer number from the series of its kind.' },
            ...writableFields,
            name: { type: 'string', description: 'Organisation name; for persons "Last First".' },
            archived: { type: 'boolean' },
            version: { type: 'integer', description: 'Grows by one on every change; send it back in PATCH.' },
            createdAt: { type: 'string', format: 'date-time' },
            updatedAt: { type: 'string', format: 'date-time' },
            bans: {
              description:
                'Person customers: their marketing bans (read-only here; change them with PUT /customers/{id}/bans). ' +
                'Always null for organisations, whose contact persons have bans instead.',
              oneOf: [ref('Bans'), { type: 'null' }],
            },
            contactPersons: {
              type: 'array',
              description: 'Organisations: their contact persons by name. Always empty for persons.',
              items: ref('ContactPerson'),
            },
          },
        },
        CustomerSummary: {
          type: 'object',
          properties: {
            id: { type: 'integer' },
            number: { type: 'integer' },
            kind: { type: 'string' },
            type: { type: 'string', enum: ['person', 'organisation'] },
            name: { type: 'string' },
            email: nullable('string'),
            phone: nullable('string'),
            mobile: nullable('string'),
            city: nullable('string'),
            postalCode: nullable('string'),
            businessId: nullable('string'),
            archived: { type: 'boolean' },
          },
        },
        CustomerPage: {
          type: 'object',
          required: ['items', 'nextCursor'],
          properties: {
            items: { type: 'array', items: ref('CustomerSummary') },
            nextCursor: nullable('string', {
              description: 'Pass as `cursor` for the next page; null on the last.',
            }),
          },
        },
        ...profileSchemas,
        ...banSchemas,
        ...workspaceSchemas,
        ...labelSchemas,
        ...interactionSchemas,
        ...salesSchemas,
      },
    },
  };
}
