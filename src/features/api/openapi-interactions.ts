/**
 * OpenAPI part for the contact log (src/features/interactions/api.ts): a customer's contact
 * entries (kontaktit) newest first, and adding one, optionally with an alarm.
 */
import { customerIdParameter, errorExamples, json, nullable, ref, responseRef } from './openapi-shared.js';

const audience = {
  type: 'string',
  enum: ['self', 'all', 'user'],
  description:
    'Who sees the alarm: `self` the token user only, `all` every staff user (each acknowledges it for ' +
    'themselves), `user` the staff member named by `username`.',
};

const interactionExample = {
  id: 1234,
  customerId: 1,
  type: 'PU',
  typeName: 'Puhelu',
  text: 'Asked about the spring cruise; call back with prices.',
  contactPersonId: null,
  batchId: null,
  createdAt: '2026-03-02T09:15:00.000Z',
  createdBy: 'anna.lehtonen',
  updatedAt: '2026-03-02T09:15:00.000Z',
  version: 1,
  alarm: {
    date: '2030-12-01',
    message: 'Call back with the cruise prices.',
    audience: 'self',
    username: 'anna.lehtonen',
  },
};

const interactionInputExample = {
  type: 'PU',
  text: 'Asked about the spring cruise; call back with prices.',
  alarm: { date: '2030-12-01', audience: 'self', message: 'Call back with the cruise prices.' },
};

export const interactionSchemas = {
  Interaction: {
    type: 'object',
    required: [
      'id',
      'customerId',
      'type',
      'typeName',
      'text',
      'contactPersonId',
      'batchId',
      'createdAt',
      'createdBy',
      'updatedAt',
      'version',
      'alarm',
    ],
    properties: {
      id: { type: 'integer', description: "The entry's running number." },
      customerId: { type: 'integer' },
      type: { type: 'string', description: 'Code of the contact type (Settings › Contact types), e.g. PU.' },
      typeName: { type: 'string' },
      text: { type: 'string', description: 'Free text (lisäinfo).' },
      contactPersonId: nullable('integer', { description: 'Organisations: the contact person concerned.' }),
      batchId: nullable('integer', {
        description: 'Set when a group action (labels, group e-mail) wrote the entry.',
      }),
      createdAt: { type: 'string', format: 'date-time' },
      createdBy: nullable('string', { description: 'Username of the staff user who added it.' }),
      updatedAt: { type: 'string', format: 'date-time' },
      version: { type: 'integer' },
      alarm: {
        oneOf: [ref('Alarm'), { type: 'null' }],
      },
    },
  },
  Alarm: {
    type: 'object',
    required: ['date', 'message', 'audience', 'username'],
    properties: {
      date: {
        type: 'string',
        format: 'date',
        description: 'The day the alarm becomes active (Helsinki time).',
      },
      message: { type: 'string' },
      audience,
      username: nullable('string', {
        description:
          'The user who sees it: the owner for `self`, the chosen user for `user`; null for `all`.',
      }),
    },
  },
  InteractionInput: {
    type: 'object',
    required: ['type'],
    additionalProperties: false,
    properties: {
      type: {
        type: 'string',
        description: 'Code of a contact type, e.g. PU (phone call), LS (sent e-mail).',
      },
      text: { type: 'string', maxLength: 4000, default: '' },
      contactPersonId: nullable('integer', {
        minimum: 1,
        description: "Organisations: one of the customer's contact persons.",
      }),
      alarm: {
        oneOf: [
          {
            type: 'object',
            required: ['date', 'audience'],
            additionalProperties: false,
            properties: {
              date: {
                type: 'string',
                format: 'date',
                description:
                  'Today or later (Helsinki time); 1.2.2026 is accepted too. A past date is refused.',
              },
              message: nullable('string', {
                maxLength: 1000,
                description: "Defaults to the entry's text.",
              }),
              audience,
              username: nullable('string', { description: 'Required for `user`: an active staff user.' }),
            },
          },
          { type: 'null' },
        ],
      },
    },
  },
  InteractionPage: {
    type: 'object',
    required: ['items', 'nextCursor'],
    properties: {
      items: { type: 'array', items: ref('Interaction') },
      nextCursor: nullable('string', {
        description: 'Pass as `cursor` for the next page; null on the last.',
      }),
    },
  },
};

export const interactionResponses = {
  InteractionBadRequest: errorExamples('Nothing was saved: `details` names each wrong field.', {
    type: [
      'Unknown contact type',
      { error: 'Bad request.', details: { type: 'Unknown contact type code.' } },
    ],
    alarm: [
      'Alarm in the past, unknown user',
      {
        error: 'Bad request.',
        details: {
          'alarm.date': 'The alarm date is in the past; give today or a later day.',
          'alarm.username': 'Choose the staff member who sees the alarm.',
        },
      },
    ],
  }),
};

export const interactionPathItems = {
  '/customers/{id}/interactions': {
    get: {
      tags: ['interactions'],
      operationId: 'listCustomerInteractions',
      summary: "A customer's contact log, newest first, in pages",
      parameters: [
        customerIdParameter,
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
        {
          name: 'cursor',
          in: 'query',
          schema: { type: 'string' },
          description: '`nextCursor` of the previous page.',
        },
      ],
      responses: {
        '200': {
          description: 'One page of entries, newest first.',
          content: json(ref('InteractionPage'), {
            example: { items: [interactionExample], nextCursor: null },
          }),
        },
        '400': responseRef('BadRequest'),
        '401': responseRef('Unauthorized'),
        '404': responseRef('NotFound'),
      },
    },
    post: {
      tags: ['interactions'],
      operationId: 'addCustomerInteraction',
      summary: 'Add a contact entry to a customer, optionally with an alarm',
      description:
        'The entry gets its running number, time and the token user as creator. With `alarm`, the alarm ' +
        'shows in the alarm bar of its audience from its date on. Recorded in the customer history.',
      parameters: [customerIdParameter],
      requestBody: {
        required: true,
        content: json(ref('InteractionInput'), { example: interactionInputExample }),
      },
      responses: {
        '201': {
          description: 'The new entry.',
          content: json(ref('Interaction'), { example: interactionExample }),
        },
        '400': responseRef('InteractionBadRequest'),
        '401': responseRef('Unauthorized'),
        '403': responseRef('Forbidden'),
        '404': responseRef('NotFound'),
        '413': responseRef('TooLarge'),
      },
    },
  },
};
