/**
 * OpenAPI part for the marketing bans (src/features/bans/api.ts): a person customer's or a
 * contact person's three bans with their change history.
 */
import {
  contactPersonIdParameter,
  customerIdParameter,
  errorExamples,
  json,
  nullable,
  ref,
  responseRef,
} from './openapi-shared.js';

const banFields = {
  noMarketing: { type: 'boolean', description: 'No marketing by letter post (NO_MARKETING).' },
  noSms: { type: 'boolean', description: 'No marketing text messages (NO_SMS).' },
  noEmail: { type: 'boolean', description: 'No marketing e-mail (NO_EMAIL).' },
};

const stateExample = {
  noMarketing: false,
  noSms: false,
  noEmail: true,
  history: [
    { ban: 'NO_EMAIL', active: true, source: 'api', at: '2026-02-01T09:15:00.000Z', user: 'erp-sync' },
  ],
};

const onlyPersons =
  'Marketing bans apply only to person customers and contact persons, not to organisations.';

export const banSchemas = {
  Bans: {
    type: 'object',
    description: 'The three marketing bans (markkinointikiellot); true = the ban is in force.',
    required: ['noMarketing', 'noSms', 'noEmail'],
    properties: banFields,
  },
  BansInput: {
    type: 'object',
    description: 'Any of the three bans as JSON booleans; bans not sent stay as they are.',
    properties: banFields,
    additionalProperties: false,
  },
  BanHistoryEntry: {
    type: 'object',
    required: ['ban', 'active', 'source', 'at', 'user'],
    properties: {
      ban: { type: 'string', enum: ['NO_MARKETING', 'NO_SMS', 'NO_EMAIL'] },
      active: { type: 'boolean', description: 'true = the ban was set, false = it was lifted.' },
      source: {
        type: 'string',
        enum: ['staff', 'api', 'import', 'unsubscribe'],
        description:
          'Where the change came from: a user in the app, this API, an import, an unsubscribe link.',
      },
      at: { type: 'string', format: 'date-time' },
      user: nullable('string', { description: 'Username of who made the change; null when nobody did.' }),
    },
  },
  BanState: {
    type: 'object',
    required: ['noMarketing', 'noSms', 'noEmail', 'history'],
    properties: {
      ...banFields,
      history: {
        type: 'array',
        description: 'Every change of the bans (consent history), newest first, at most 200.',
        items: ref('BanHistoryEntry'),
      },
    },
  },
};

export const banResponses = {
  BansBadRequest: errorExamples(
    'A body that is not an object of booleans (`details` names each field), or the customer is an organisation.',
    {
      invalid: [
        'Invalid body',
        {
          error: 'Bad request.',
          details: {
            noSms: 'The value must be true or false.',
            noFax: 'Unknown field. Allowed fields: noMarketing, noSms, noEmail.',
          },
        },
      ],
      organisation: ['An organisation', { error: onlyPersons }],
    },
  ),
};

function banPaths(who: 'customer' | 'contactPerson') {
  const customer = who === 'customer';
  const tags = ['bans'];
  const parameters = [customer ? customerIdParameter : contactPersonIdParameter];
  const subject = customer ? 'a person customer' : 'a contact person';
  const ok = (description: string) => ({
    description,
    content: json(ref('BanState'), { example: stateExample }),
  });
  return {
    get: {
      tags,
      operationId: customer ? 'getCustomerBans' : 'getContactPersonBans',
      summary: `Marketing bans of ${subject}, with their history`,
      ...(customer ? { description: `${onlyPersons} An organisation answers 400.` } : {}),
      parameters,
      responses: {
        '200': ok('The bans in force and every change of them.'),
        ...(customer
          ? {
              '400': errorExamples('The customer is an organisation.', {
                organisation: ['An organisation', { error: onlyPersons }],
              }),
            }
          : {}),
        '401': responseRef('Unauthorized'),
        '404': responseRef('NotFound'),
      },
    },
    put: {
      tags,
      operationId: customer ? 'setCustomerBans' : 'setContactPersonBans',
      summary: `Set marketing bans of ${subject}`,
      description:
        'Sets the bans sent and leaves the others as they are. Only real changes are recorded: each one adds a ' +
        'history entry with source `api` and the token user, and the customer history shows it. ' +
        'Sending the same values again changes nothing.',
      parameters,
      requestBody: {
        required: true,
        content: json(ref('BansInput'), { example: { noEmail: true, noSms: false } }),
      },
      responses: {
        '200': ok('The bans after the change, with their history.'),
        '400': responseRef('BansBadRequest'),
        '401': responseRef('Unauthorized'),
        '403': responseRef('Forbidden'),
        '404': responseRef('NotFound'),
        '413': responseRef('TooLarge'),
      },
    },
  };
}

export const banPathItems = {
  '/customers/{id}/bans': banPaths('customer'),
  '/contact-persons/{id}/bans': banPaths('contactPerson'),
};
