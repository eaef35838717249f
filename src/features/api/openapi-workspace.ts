/**
 * OpenAPI part for the CRM workspace (src/features/workspace/api.ts): the search criteria
 * JSON, search into the found list, the found and selected lists page by page, and moves.
 */
import { errorExamples, json, nullable, ref, responseRef } from './openapi-shared.js';

const targetTypes = ['person', 'organisation', 'contact_person', 'agent', 'staff', 'guardian'];
const isoDate = { type: 'string', format: 'date' };
const dateRange = {
  type: 'object',
  additionalProperties: false,
  properties: { from: isoDate, to: isoDate },
  description: 'Both ends included; either may be left out.',
};
const codes = (description: string) => ({
  type: 'array',
  minItems: 1,
  items: { type: 'string' },
  description,
});

const targetTypeProperty = {
  type: 'string',
  enum: targetTypes,
  description:
    'What the list holds (R-WS-1): person customers, organisations, contact persons of organisations, agents ' +
    '(customers of a kind with isAgent), staff users, or guardians of customers.',
};

const optionalTargetType = {
  ...targetTypeProperty,
  description:
    `${targetTypeProperty.description} When left out: the one target type your lists hold rows of ` +
    '(person when both are empty); 400 when they hold several.',
};

/** The criteria examples: the manual's three scenarios and a contact-log search. */
export const criteriaExamples = {
  tampereF1: {
    summary: 'Customers in Tampere (postal codes 33000–33999) who travelled on F1 trips during 2011',
    value: {
      targetType: 'person',
      criteria: {
        postalCode: { from: '33000', to: '33999' },
        purchases: [{ destinationType: 'F1', dates: 'travel', year: 2011 }],
      },
    },
  },
  pharmaSecretaries: {
    summary: 'Secretaries (contact persons) of pharma organisations with more than 250 employees',
    value: {
      targetType: 'contact_person',
      criteria: {
        profiles: [
          { field: 'TOIM', values: ['PHARM'] },
          { field: 'HENK', values: ['G250'] },
        ],
        contactPerson: { title: 'sihteeri' },
        excludeBans: ['NO_MARKETING'],
      },
    },
  },
  golfers: {
    summary: 'Everyone who ever booked destination type GF',
    value: { targetType: 'person', criteria: { purchases: [{ destinationType: 'GF' }] } },
  },
  contactLog: {
    summary:
      'Customers with e-mail who got no LS contact from anyone in 2025, buying ≥ 2 times for ≥ 1 000 € since 2020',
    value: {
      targetType: 'person',
      criteria: {
        hasEmail: true,
        excludeBans: ['NO_MARKETING', 'NO_EMAIL'],
        contactLog: [{ exists: false, type: 'LS', from: '2025-01-01', to: '2025-12-31' }],
        purchases: [{ kind: 'invoice', from: '2020-01-01', minCount: 2, minAmountCents: 100000 }],
      },
    },
  },
};

const rowsBody = (verb: string) => ({
  oneOf: [
    {
      type: 'object',
      required: ['all'],
      additionalProperties: false,
      properties: { targetType: optionalTargetType, all: { const: true, description: `${verb} every row.` } },
    },
    {
      type: 'object',
      required: ['ids'],
      additionalProperties: false,
      properties: {
        targetType: optionalTargetType,
        ids: {
          type: 'array',
          minItems: 1,
          maxItems: 10000,
          items: { type: 'integer', minimum: 1 },
          description: `${verb} these rows (target ids, \`items[].id\` of the list); ids not on the list are skipped.`,
        },
      },
    },
  ],
});

export const workspaceSchemas = {
  WorkspaceCriteria: {
    type: 'object',
    additionalProperties: false,
    description:
      'Search criteria (hakukriteerit, R-WS-2). Every criterion given must hold (AND); within a list of codes of ' +
      'one criterion any code will do unless said otherwise. Codes are matched case-insensitively; an unknown code, ' +
      'a reversed range or an unknown key is a 400 naming it, and nothing is searched. Customer criteria apply to ' +
      'the customer (organisation of a contact person, ward of a guardian, customers managed by a staff member); ' +
      '`hasEmail`, `hasMobile` and `excludeBans` apply to the recipient itself (the contact person, the guardian, ' +
      'the staff user — staff have only `hasEmail`). For target type staff, customer criteria select the account ' +
      'managers of matching customers; without them every active staff user. Archived customers are left out.',
    properties: {
      postalCode: {
        type: 'object',
        additionalProperties: false,
        properties: { from: { type: 'string' }, to: { type: 'string' } },
        description:
          'Postal code range. `to` covers every code it begins: `{ "from": "33", "to": "33" }` is 33000–33999.',
      },
      city: { type: 'string', description: 'City (postitoimipaikka), case-insensitive, whole name.' },
      country: { type: 'string', description: 'ISO 3166 alpha-2 country code, e.g. FI.' },
      kinds: codes('Customer kind codes (GET /kinds).'),
      groups: {
        type: 'array',
        minItems: 1,
        items: { type: ['integer', 'string'] },
        description:
          'Customer groups by id, name or path "Parent/Child" (a name used by several groups must be a path); ' +
          'subgroups included.',
      },
      accountManager: { type: 'string', description: 'Username of the account manager (vastuuhenkilö).' },
      relationshipStart: {
        ...dateRange,
        description: 'Customer since (relationship start), both ends included.',
      },
      hasEmail: { type: 'boolean', description: 'true: has an e-mail address; false: has none.' },
      hasMobile: { type: 'boolean', description: 'true: has a mobile number; false: has none.' },
      excludeBans: {
        type: 'array',
        items: { type: 'string', enum: ['NO_MARKETING', 'NO_SMS', 'NO_EMAIL'] },
        description: 'Leave out recipients with these marketing bans.',
      },
      includeArchived: { type: 'boolean', description: 'Also archived customers (default false).' },
      tracking: {
        type: 'array',
        items: {
          type: 'object',
          required: ['dimension', 'values'],
          additionalProperties: false,
          properties: { dimension: { type: 'string' }, values: codes('Value codes: one of them.') },
        },
        description: 'Tracking values (seurantakohteet): per dimension, one of the values.',
      },
      properties: codes('Customer property codes (ominaisuudet): the customer has every one.'),
      contactPersonProperties: codes(
        'Contact-person property codes (markkinointiryhmät): the contact person has every one (for other target ' +
          'types: the customer has a contact person with each).',
      ),
      profiles: {
        type: 'array',
        description:
          'Profile criteria (GET /profile-fields): choice fields take `values` (one of them, or every one with ' +
          '`all`), date fields `from`/`to`, memo and text fields `contains` (case-insensitive).',
        items: {
          type: 'object',
          required: ['field'],
          additionalProperties: false,
          properties: {
            field: { type: 'string' },
            values: codes('Value codes of a single or multi field.'),
            all: { type: 'boolean' },
            from: isoDate,
            to: isoDate,
            contains: { type: 'string' },
          },
        },
      },
      purchases: {
        type: 'array',
        description: 'Purchase history (R-WS-2): each item must hold.',
        items: {
          type: 'object',
          additionalProperties: false,
          properties: {
            destinationType: {
              type: 'string',
              description: 'Destination type code (kohdetyyppi); any when left out.',
            },
            kind: {
              type: 'string',
              enum: ['booking', 'sales_order', 'invoice', 'any'],
              default: 'booking',
              description: 'Which documents count.',
            },
            dates: {
              type: 'string',
              enum: ['purchase', 'travel'],
              default: 'purchase',
              description: 'Whether year/from/to are of the document date or of the travel start.',
            },
            year: { type: 'integer', description: 'A calendar year; instead of from/to.' },
            from: isoDate,
            to: isoDate,
            minCount: {
              type: 'integer',
              minimum: 0,
              default: 1,
              description: 'At least this many matching documents; 0 lets customers without any qualify.',
            },
            maxCount: { type: 'integer', minimum: 0 },
            minAmountCents: {
              type: 'integer',
              description: 'Sum of the matching documents at least, in cents.',
            },
            maxAmountCents: { type: 'integer' },
          },
        },
      },
      contactLog: {
        type: 'array',
        description:
          'Contact log (R-WS-9): creator, type, both or neither, and a date range of the entry; `exists: false` ' +
          'asks for customers with no such entry.',
        items: {
          type: 'object',
          additionalProperties: false,
          properties: {
            exists: { type: 'boolean', default: true },
            createdBy: { type: 'string', description: 'Username of the writer.' },
            type: { type: 'string', description: 'Contact type code.' },
            from: isoDate,
            to: isoDate,
          },
        },
      },
      contactPerson: {
        type: 'object',
        additionalProperties: false,
        properties: { title: { type: 'string', description: 'The title contains this (case-insensitive).' } },
        description: 'Target type contact_person only: the contact person itself.',
      },
    },
  },
  WorkspaceSearch: {
    type: 'object',
    required: ['targetType'],
    additionalProperties: false,
    properties: { targetType: targetTypeProperty, criteria: ref('WorkspaceCriteria') },
  },
  WorkspaceSearchResult: {
    type: 'object',
    required: ['targetType', 'matched', 'added', 'foundCount'],
    properties: {
      targetType: targetTypeProperty,
      matched: { type: 'integer', description: 'Targets matching the criteria.' },
      added: {
        type: 'integer',
        description:
          'Of those, how many were added: rows already on the found or selected list are not added again.',
      },
      foundCount: { type: 'integer', description: 'Rows on the found list now.' },
    },
  },
  WorkspaceRow: {
    type: 'object',
    required: ['id', 'code', 'name', 'info', 'place', 'missing'],
    properties: {
      id: {
        type: 'integer',
        description:
          'Target id: customer id (person, organisation, agent, guardian), contact person id, or user id.',
      },
      code: nullable('string', {
        description: 'Customer number; the organisation number of a contact person; username of staff.',
      }),
      name: nullable('string'),
      info: nullable('string', { description: 'E-mail; title of a contact person.' }),
      place: nullable('string', {
        description: 'Postal code and city; organisation name of a contact person.',
      }),
      missing: { type: 'boolean', description: 'The target has been deleted since it was listed.' },
    },
  },
  WorkspacePage: {
    type: 'object',
    required: ['targetType', 'count', 'items', 'nextCursor'],
    properties: {
      targetType: targetTypeProperty,
      count: { type: 'integer', description: 'Rows on the whole list.' },
      items: {
        type: 'array',
        items: ref('WorkspaceRow'),
        description: 'In target id order (customers in the order they were registered).',
      },
      nextCursor: nullable('string', {
        description: 'Pass as `cursor` for the next page; null on the last.',
      }),
    },
  },
  WorkspaceMoveBody: rowsBody('Move'),
  WorkspaceRemoveBody: rowsBody('Remove'),
  WorkspaceReturnBody: rowsBody('Return'),
  WorkspaceChange: {
    type: 'object',
    required: ['targetType', 'changed', 'foundCount', 'selectedCount'],
    properties: {
      targetType: targetTypeProperty,
      changed: { type: 'integer', description: 'Rows moved or removed.' },
      foundCount: { type: 'integer' },
      selectedCount: { type: 'integer' },
    },
  },
};

export const workspaceResponses = {
  WorkspaceSearchBadRequest: errorExamples(
    'Nothing was searched and nothing added: `details` maps each wrong place of the criteria to its problem.',
    {
      reversed: [
        'A reversed postal range',
        {
          error: 'The search criteria are not valid: see details.',
          details: { postalCode: 'The postal code range is reversed: 34000 comes after 33000.' },
        },
      ],
      codes: [
        'Unknown codes',
        {
          error: 'The search criteria are not valid: see details.',
          details: {
            'kinds[0]': 'Unknown customer kind "NOPE". GET /api/v1/kinds lists the kinds.',
            'purchases[0].destinationType': 'Unknown destination type "XX".',
          },
        },
      ],
      shape: [
        'Unknown key and a wrong type',
        {
          error: 'The search criteria are not valid: see details.',
          details: {
            postcode: 'Unknown criterion "postcode".',
            'purchases[0].year': 'purchases[0].year has a value of the wrong type (expected: number).',
          },
        },
      ],
      targetType: [
        'No target type',
        {
          error: 'Bad request.',
          details: {
            targetType:
              'targetType is missing or unknown: use person, organisation, contact_person, agent, staff or guardian.',
          },
        },
      ],
    },
  ),
  WorkspaceRowsBadRequest: errorExamples('Nothing was changed.', {
    empty: [
      'An empty selection',
      { error: 'Bad request.', details: { ids: 'The selection is empty: give at least one id.' } },
    ],
    which: [
      'Neither all nor ids',
      { error: 'Bad request.', details: { _: 'Say which rows: { "all": true } or { "ids": [1, 2] }.' } },
    ],
  }),
  WorkspaceListBadRequest: errorExamples('Bad query.', {
    limit: [
      'Bad limit',
      { error: 'Bad request.', details: { limit: 'limit must be a whole number from 1 to 200.' } },
    ],
  }),
};

const listParameters = [
  {
    name: 'targetType',
    in: 'query',
    required: false,
    schema: { type: 'string', enum: targetTypes },
    description: optionalTargetType.description,
  },
  {
    name: 'limit',
    in: 'query',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
  },
  {
    name: 'cursor',
    in: 'query',
    required: false,
    schema: { type: 'string' },
    description: '`nextCursor` of the previous page.',
  },
];

const pageExample = {
  targetType: 'person',
  count: 2,
  items: [
    {
      id: 1042,
      code: '10042',
      name: 'Aaltonen Aino',
      info: 'aino.aaltonen@example.fi',
      place: '33100 Tampere',
      missing: false,
    },
    { id: 2210, code: '10210', name: 'Heikkinen Matti', info: null, place: '33720 Tampere', missing: false },
  ],
  nextCursor: null,
};

const changeExample = { targetType: 'person', changed: 2, foundCount: 40, selectedCount: 2 };

const rowsRequest = (schema: string) => ({
  required: true,
  content: json(ref(schema), {
    examples: {
      all: { summary: 'Every row', value: { targetType: 'person', all: true } },
      ids: { summary: 'Some rows', value: { targetType: 'person', ids: [1042, 2210] } },
    },
  }),
});

const changeResponses = (description: string) => ({
  '200': { description, content: json(ref('WorkspaceChange'), { example: changeExample }) },
  '400': responseRef('WorkspaceRowsBadRequest'),
  '401': responseRef('Unauthorized'),
  '403': responseRef('Forbidden'),
  '413': responseRef('TooLarge'),
});

const listGet = (list: 'found' | 'selected', summary: string) => ({
  tags: ['workspace'],
  operationId: list === 'found' ? 'listFound' : 'listSelected',
  summary,
  parameters: listParameters,
  responses: {
    '200': {
      description: 'One page, in target id order.',
      content: json(ref('WorkspacePage'), { example: pageExample }),
    },
    '400': responseRef('WorkspaceListBadRequest'),
    '401': responseRef('Unauthorized'),
  },
});

export const workspacePathItems = {
  '/workspace/search': {
    post: {
      tags: ['workspace'],
      operationId: 'workspaceSearch',
      summary: 'Search into the found list',
      description:
        "Adds the targets matching `criteria` to the token user's found list of `targetType` (löydetyt tietueet, " +
        'R-WS-3). Searches accumulate; a target already on the found or selected list is not added twice. One ' +
        'statement: a search that fails adds nothing.',
      requestBody: { required: true, content: json(ref('WorkspaceSearch'), { examples: criteriaExamples }) },
      responses: {
        '200': {
          description: 'What the search found and added.',
          content: json(ref('WorkspaceSearchResult'), {
            example: { targetType: 'person', matched: 12, added: 10, foundCount: 40 },
          }),
        },
        '400': responseRef('WorkspaceSearchBadRequest'),
        '401': responseRef('Unauthorized'),
        '403': responseRef('Forbidden'),
        '413': responseRef('TooLarge'),
      },
    },
  },
  '/workspace/found': {
    get: listGet('found', 'The found list, page by page'),
    delete: {
      tags: ['workspace'],
      operationId: 'removeFound',
      summary: 'Remove rows from the found list',
      requestBody: rowsRequest('WorkspaceRemoveBody'),
      responses: changeResponses('Removed; the counts of both lists after.'),
    },
  },
  '/workspace/selected': {
    get: listGet('selected', 'The selected list (valitut), page by page'),
    post: {
      tags: ['workspace'],
      operationId: 'moveToSelected',
      summary: 'Move rows from the found list to the selected list',
      requestBody: rowsRequest('WorkspaceMoveBody'),
      responses: changeResponses('Moved; the counts of both lists after.'),
    },
    delete: {
      tags: ['workspace'],
      operationId: 'returnToFound',
      summary: 'Return rows from the selected list to the found list',
      description: 'Rows leave the selected list and go back to the found list (R-WS-4); nothing is deleted.',
      requestBody: rowsRequest('WorkspaceReturnBody'),
      responses: changeResponses('Returned; the counts of both lists after.'),
    },
  },
};
