/**
 * OpenAPI part for profiles (src/features/profiles/api-routes.ts): the profile field
 * definitions, and a customer's answers to read and to set.
 */
import { customerIdParameter, errorExamples, json, nullable, ref, responseRef } from './openapi-shared.js';

const field = { type: 'string', description: 'Code of a profile field (GET /profile-fields).' };

/** One answer shape per field type: `{ field, <key>: <value> }` and nothing else. */
function answerShapes(clearable: boolean) {
  const maybe = (type: string, extra: Record<string, unknown>) =>
    clearable ? nullable(type, extra) : { type, ...extra };
  const shape = (key: string, description: string, schema: Record<string, unknown>) => ({
    type: 'object',
    description,
    required: ['field', key],
    additionalProperties: false,
    properties: { field, [key]: schema },
  });
  return [
    shape('value', 'A single-choice field: the code of one value.', maybe('string', {})),
    shape(
      'values',
      'A multi-choice field: the codes of its values.',
      maybe('array', { items: { type: 'string' } }),
    ),
    shape('date', 'A date field.', maybe('string', { format: 'date' })),
    shape(
      'text',
      'A memo (at most 10 000 characters) or text-line (at most 500) field.',
      maybe('string', {}),
    ),
  ];
}

const profileExample = {
  values: [
    { field: 'TOIM', value: 'PHARM' },
    { field: 'HARR', values: ['GO', 'SK'] },
    { field: 'SYNT', date: '1980-02-01' },
    { field: 'MUIST', text: 'Prefers calls in the morning. Golf trips to Portugal in spring.' },
  ],
};

export const profileSchemas = {
  ProfileField: {
    type: 'object',
    required: ['code', 'title', 'type', 'values'],
    properties: {
      code: { type: 'string', description: 'Upper-case letters and digits, at most 10.' },
      title: { type: 'string' },
      type: {
        type: 'string',
        enum: ['single', 'multi', 'memo', 'date', 'text'],
        description:
          'single and multi pick from `values`; memo is long text, text one line, date an ISO date. ' +
          'The answer of a single field is sent as `value`, multi as `values`, date as `date`, memo and text as `text`.',
      },
      values: {
        type: 'array',
        description: 'The pick list of single and multi fields, in order; empty for the other types.',
        items: {
          type: 'object',
          required: ['code', 'label'],
          properties: { code: { type: 'string' }, label: { type: 'string' } },
        },
      },
    },
  },
  ProfileValue: { oneOf: answerShapes(false) },
  ProfileValueInput: {
    description: 'As ProfileValue; `null` (or `[]` for multi fields) clears the answer.',
    oneOf: answerShapes(true),
  },
  Profile: {
    type: 'object',
    required: ['values'],
    properties: {
      values: {
        type: 'array',
        description: 'The answered fields only, in field order.',
        items: ref('ProfileValue'),
      },
    },
  },
  ProfileInput: {
    type: 'object',
    required: ['values'],
    properties: {
      values: {
        type: 'array',
        description: 'Answers to set, each field at most once. Fields not named keep their answers.',
        items: ref('ProfileValueInput'),
      },
    },
  },
};

export const profileResponses = {
  ProfileBadRequest: errorExamples(
    'Nothing was saved: `details` maps each wrong field code (or `values`) to its problem.',
    {
      codes: [
        'Unknown field and value codes',
        {
          error: 'The profile was not saved: see details.',
          details: {
            NOPE: 'Unknown profile field "NOPE". GET /api/v1/profile-fields lists the fields.',
            HARR: 'Field HARR has no value "ZZ".',
          },
        },
      ],
      shape: [
        'Answer shape or date',
        {
          error: 'The profile was not saved: see details.',
          details: {
            TOIM: 'Field TOIM is of type single: send "value": "CODE".',
            SYNT: 'The date "2026-02-31" of field SYNT does not exist or is malformed (e.g. 2026-02-01).',
          },
        },
      ],
      body: [
        'Not a values list',
        {
          error: 'The profile was not saved: see details.',
          details: { values: 'The body must be { "values": [ { "field": "CODE", ... } ] }.' },
        },
      ],
    },
  ),
};

export const profilePathItems = {
  '/profile-fields': {
    get: {
      tags: ['profiles'],
      operationId: 'listProfileFields',
      summary: 'Profile fields and their pick lists',
      responses: {
        '200': {
          description: 'Every profile field, in the order of the card.',
          content: json(
            { type: 'array', items: ref('ProfileField') },
            {
              example: [
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
                  ],
                },
                { code: 'SYNT', title: 'Syntymäpäivä', type: 'date', values: [] },
                { code: 'MUIST', title: 'Muistiinpanot', type: 'memo', values: [] },
              ],
            },
          ),
        },
        '401': responseRef('Unauthorized'),
      },
    },
  },
  '/customers/{id}/profile': {
    get: {
      tags: ['profiles'],
      operationId: 'getCustomerProfile',
      summary: "A customer's profile answers",
      parameters: [customerIdParameter],
      responses: {
        '200': {
          description: 'The answered fields.',
          content: json(ref('Profile'), { example: profileExample }),
        },
        '401': responseRef('Unauthorized'),
        '404': responseRef('NotFound'),
      },
    },
    put: {
      tags: ['profiles'],
      operationId: 'setCustomerProfile',
      summary: "Set some of a customer's profile answers",
      description:
        'Sets the answers of the fields named in `values` and leaves the others as they are; `null` or `[]` ' +
        'clears an answer. Everything is checked first: one wrong item and nothing is saved. A change is recorded ' +
        "in the customer's history as the token user.",
      parameters: [customerIdParameter],
      requestBody: {
        required: true,
        content: json(ref('ProfileInput'), { example: profileExample }),
      },
      responses: {
        '200': {
          description: 'All answers of the customer after the change.',
          content: json(ref('Profile'), { example: profileExample }),
        },
        '400': responseRef('ProfileBadRequest'),
        '401': responseRef('Unauthorized'),
        '403': responseRef('Forbidden'),
        '404': responseRef('NotFound'),
        '413': responseRef('TooLarge'),
      },
    },
  },
};
