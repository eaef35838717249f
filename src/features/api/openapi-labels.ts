/**
 * OpenAPI part for address labels (src/features/labels/routes.ts): POST /workspace/labels
 * prints the token user's selected list as an address-label PDF.
 */
import { errorExamples, json, nullable, ref, responseRef } from './openapi-shared.js';

const targetTypes = ['person', 'organisation', 'contact_person', 'agent', 'staff', 'guardian'];

export const labelSchemas = {
  LabelRunRequest: {
    type: 'object',
    description:
      "A label run over the token user's selected list (valitut) of one target type. Layouts are named by code: " +
      'the built-in A4 sheets are `3x7` (70 × 42.3 mm) and `3x8` (70 × 37 mm); admins add others in ' +
      'Settings › Label layouts.',
    required: ['targetType', 'layout'],
    additionalProperties: false,
    properties: {
      targetType: {
        type: 'string',
        enum: targetTypes,
        description:
          'Which selected list to print. Persons print first and last name; organisations their name and the ' +
          'optional `attention` line; contact persons their name, organisation and its address; agents as a ' +
          'person or organisation; guardians as persons. Staff have no address and never print.',
      },
      layout: { type: 'string', description: 'Code of a label layout.', examples: ['3x8'] },
      skip: {
        type: 'integer',
        minimum: 0,
        default: 0,
        description:
          'Labels already used at the start of the first sheet, left blank: 0 … labels per sheet − 1.',
      },
      marketing: {
        type: 'boolean',
        default: true,
        description: 'A marketing run leaves out recipients with the NO_MARKETING ban.',
      },
      fillWith: nullable('integer', {
        minimum: 1,
        description:
          'Fill a sheet (the rest of the first sheet after `skip`) with this one recipient: the id on the selected ' +
          'list (customer id; contact person id for contact persons; user id for staff).',
      }),
      attention: nullable('string', {
        maxLength: 60,
        description: "Organisations: a line printed below the name, e.g. 'Att. Markkinointi'.",
      }),
      log: {
        type: ['object', 'null'],
        description:
          'Log one contact entry of this type and text on every printed recipient, in one batch (not for read-only ' +
          "users). A contact person's entry goes on their organisation with the contact person set.",
        required: ['type'],
        additionalProperties: false,
        properties: {
          type: { type: 'string', description: 'Code of a contact type, e.g. TR.' },
          text: { type: 'string', maxLength: 2000, default: '' },
        },
      },
    },
  },
};

const badRequest = errorExamples(
  'Invalid options (`details` names each field), an empty selected list, or nothing left to print.',
  {
    empty: [
      'The selected list of this target type is empty',
      {
        error:
          'The selected list is empty. Search for recipients in the CRM workspace and move them to the selected list before printing labels.',
      },
    ],
    layout: [
      'Unknown layout code',
      {
        error: 'Bad request.',
        details: { layout: 'Unknown label layout. The built-in ones are 3x7 and 3x8.' },
      },
    ],
    skip: [
      'skip beyond the first sheet',
      {
        error: 'Bad request.',
        details: { skip: 'Skipped labels must be from 0 to one less than the labels on a sheet.' },
      },
    ],
    contactType: [
      'Unknown contact type',
      { error: 'Bad request.', details: { 'log.type': 'Unknown contact type.' } },
    ],
    nothingToPrint: [
      'Every recipient left out',
      { error: 'No labels to print: 1 left out for a marketing ban and 0 for an incomplete address.' },
    ],
  },
);

export const labelPathItems = {
  '/workspace/labels': {
    post: {
      tags: ['workspace'],
      operationId: 'printLabels',
      summary: 'Address labels (osoitetarrat) of the selected list as a PDF',
      description:
        "Prints the token user's selected list of `targetType` on label sheets of `layout`. Recipients without " +
        'street, postal code or city are left out, and in a marketing run those with the NO_MARKETING ban. ' +
        'Addresses outside Finland get a country line (RUOTSI, SAKSA …). At most 20 000 labels per PDF.',
      requestBody: {
        required: true,
        content: json(ref('LabelRunRequest'), {
          examples: {
            marketing: {
              summary: 'A marketing run on 3 × 8 sheets, 5 labels of the first sheet used already',
              value: { targetType: 'person', layout: '3x8', skip: 5, marketing: true },
            },
            logged: {
              summary: 'With a contact entry on every printed recipient',
              value: {
                targetType: 'contact_person',
                layout: '3x7',
                marketing: true,
                log: { type: 'TR', text: 'Joulukortti 2026' },
              },
            },
            fillSheet: {
              summary: 'A whole sheet of one organisation, with an attention line',
              value: {
                targetType: 'organisation',
                layout: '3x8',
                marketing: false,
                fillWith: 2,
                attention: 'Att. Markkinointi',
              },
            },
          },
        }),
      },
      responses: {
        '200': {
          description: 'The labels, one page per sheet.',
          headers: {
            'X-Label-Count': { schema: { type: 'integer' }, description: 'Labels printed.' },
            'X-Interaction-Batch': {
              schema: { type: 'integer' },
              description: 'With `log`: id of the contact-entry batch written.',
            },
          },
          content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
        },
        '400': badRequest,
        '401': responseRef('Unauthorized'),
        '403': errorExamples('A read-only user asked to log contact entries, or may not write at all.', {
          readOnlyLog: [
            'Read-only token with `log`',
            { error: 'Read-only users cannot log contact entries.' },
          ],
        }),
        '413': responseRef('TooLarge'),
      },
    },
  },
};
