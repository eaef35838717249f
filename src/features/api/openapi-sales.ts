/**
 * OpenAPI part for sales documents and purchase history (src/features/sales/api-routes.ts):
 * POST /sales-documents (upsert by externalId, all or nothing) and GET /customers/{id}/history.
 */
import { customerIdParameter, errorExamples, json, nullable, ref, responseRef } from './openapi-shared.js';

const isoDate = (description: string) => nullable('string', { format: 'date', description });

const bookingExample = {
  externalId: 'RES-2026-000123',
  kind: 'booking',
  number: '000123',
  date: '2026-01-15',
  travelStart: '2026-04-02',
  travelEnd: '2026-04-09',
  destinationType: 'GF',
  destination: 'Belek, Turkki',
  amountCents: 189000,
  customerNumber: 10001,
};

const invoiceExample = {
  externalId: 'INV-2026-004711',
  kind: 'invoice',
  number: '4711',
  date: '2026-01-16',
  amountCents: 189000,
  dueDate: '2026-01-30',
  paidDate: null,
  customerNumber: 10001,
};

const creditExample = {
  externalId: 'INV-2026-004712',
  kind: 'invoice',
  number: '4712',
  date: '2026-02-01',
  amountCents: -25000,
  customerExternalId: 'ERP-55501',
};

const figure = (count: number, amountCents: number) => ({ count, amountCents });
const periodsExample = (a: number[], b: number[], c: number[], d: number[]) => ({
  thisYear: figure(a[0]!, a[1]!),
  lastYear: figure(b[0]!, b[1]!),
  earlier: figure(c[0]!, c[1]!),
  total: figure(d[0]!, d[1]!),
});

const historyExample = {
  customerId: 42,
  year: 2026,
  ...periodsExample([1, 189000], [2, 312000], [5, 801000], [8, 1302000]),
  overdueCents: 189000,
  byKind: {
    booking: periodsExample([1, 189000], [2, 312000], [5, 801000], [8, 1302000]),
    salesOrder: periodsExample([0, 0], [0, 0], [0, 0], [0, 0]),
    invoice: periodsExample([2, 164000], [2, 312000], [5, 801000], [9, 1277000]),
  },
};

const periodsSchema = (description: string) => ({
  type: 'object',
  description,
  required: ['thisYear', 'lastYear', 'earlier', 'total'],
  properties: {
    thisYear: ref('SalesFigure'),
    lastYear: ref('SalesFigure'),
    earlier: ref('SalesFigure'),
    total: ref('SalesFigure'),
  },
});

export const salesSchemas = {
  SalesDocumentInput: {
    type: 'object',
    description:
      'A booking (varaus), sales order or invoice. Name the customer with exactly one of `customerId`, ' +
      '`customerNumber` or `customerExternalId` (when several are given they must name the same customer). ' +
      'Fields left out are stored as empty (null): a document is always replaced as a whole.',
    required: ['externalId', 'kind', 'date', 'amountCents'],
    properties: {
      externalId: {
        type: 'string',
        description:
          'Your id of the document, at most 100 characters: sending it again updates the document instead of adding one.',
      },
      kind: { type: 'string', enum: ['booking', 'salesOrder', 'invoice'] },
      number: nullable('string', { description: 'Document number shown to staff, at most 50 characters.' }),
      date: {
        type: 'string',
        format: 'date',
        description:
          'Booking date, order date or invoice date (YYYY-MM-DD). Its year is the purchase year of the history.',
      },
      travelStart: isoDate('Bookings: first day of travel.'),
      travelEnd: isoDate('Bookings: last day of travel, not before travelStart.'),
      destinationType: nullable('string', {
        description:
          'Code of a destination type (kohdetyyppi, e.g. GF), kept in Settings › Destination types. A booking of a ' +
          'type with automatic profiling adds its profile value to the customer.',
      }),
      destination: nullable('string', { description: 'Destination as text, at most 200 characters.' }),
      amountCents: {
        type: 'integer',
        description:
          'Amount in euro cents, a whole number (123450 = 1 234,50 €). Credit invoices are negative.',
      },
      dueDate: isoDate('Due date; an unpaid document past it counts as overdue.'),
      paidDate: isoDate('Date paid; null while unpaid.'),
      customerId: { type: 'integer', minimum: 1, description: 'Customer id.' },
      customerNumber: { type: 'integer', minimum: 1, description: 'Customer number (asiakasnumero).' },
      customerExternalId: { type: 'string', description: "The customer's `externalId`." },
    },
  },
  SalesDocumentsResult: {
    type: 'object',
    required: ['created', 'updated', 'unchanged'],
    properties: {
      created: { type: 'integer', description: 'Documents with a new externalId, added.' },
      updated: { type: 'integer', description: 'Known documents whose values changed.' },
      unchanged: {
        type: 'integer',
        description: 'Known documents sent with the values they already had: nothing was written for them.',
      },
    },
  },
  SalesFigure: {
    type: 'object',
    required: ['count', 'amountCents'],
    properties: {
      count: { type: 'integer', description: 'Number of documents.' },
      amountCents: { type: 'integer', description: 'Their sum in euro cents (credit invoices reduce it).' },
    },
  },
  PurchaseHistory: {
    type: 'object',
    description:
      'Purchase history (varaushistoria). The year of a document is the year of its `date`; the current year is ' +
      "today's in Europe/Helsinki. `thisYear`, `lastYear`, `earlier` (the years before last year) and `total` " +
      'count the purchases, which are the bookings (one per trip: sales orders and invoices of the same trip ' +
      'would count it again); `byKind` has the same figures for each kind, invoices net of credit invoices. ' +
      'Documents dated after the current year count only in `total`.',
    required: ['customerId', 'year', 'thisYear', 'lastYear', 'earlier', 'total', 'overdueCents', 'byKind'],
    properties: {
      customerId: { type: 'integer' },
      year: { type: 'integer', description: 'The current year the figures are split by.' },
      thisYear: ref('SalesFigure'),
      lastYear: ref('SalesFigure'),
      earlier: ref('SalesFigure'),
      total: ref('SalesFigure'),
      overdueCents: {
        type: 'integer',
        description: 'Sum of the documents (of any kind) due before today and not paid, in cents.',
      },
      byKind: {
        type: 'object',
        required: ['booking', 'salesOrder', 'invoice'],
        properties: {
          booking: periodsSchema('Bookings.'),
          salesOrder: periodsSchema('Sales orders.'),
          invoice: periodsSchema('Invoices, credit invoices included (negative amounts).'),
        },
      },
    },
  },
};

export const salesResponses = {
  SalesDocumentsBadRequest: errorExamples(
    'Nothing was saved. `details` maps "<index>.<field>" (just "<field>" for a single object) to the problem; ' +
      'the index counts from 0.',
    {
      fields: [
        'Malformed amount and date',
        {
          error: 'Nothing was saved: invalid documents in the batch: 2.',
          details: {
            '1.amountCents':
              'The amount must be a whole number of cents (e.g. 123450 = €1,234.50), at most ±€10,000,000,000.',
            '2.date': 'The date must be written YYYY-MM-DD (e.g. 2026-02-01) and exist.',
          },
        },
      ],
      duplicate: [
        'The same externalId twice',
        {
          error: 'Nothing was saved: invalid documents in the batch: 1.',
          details: { '2.externalId': 'The same externalId is already at index 0 of the batch.' },
        },
      ],
      tooMany: ['Over 1 000 documents', { error: 'One batch may hold at most 1,000 documents.' }],
    },
  ),
  SalesDocumentsUnresolved: errorExamples(
    'Nothing was saved: customers or destination types named in the batch do not exist (`details` as for 400).',
    {
      unknown: [
        'Unknown customer and destination type',
        {
          error: 'Nothing was saved: documents naming a customer or destination type that does not exist: 2.',
          details: {
            '0.customer': 'No such customer.',
            '3.destinationType': 'Unknown destination type. Destination types are kept in the settings.',
          },
        },
      ],
    },
  ),
};

export const salesPathItems = {
  '/sales-documents': {
    post: {
      tags: ['sales'],
      operationId: 'upsertSalesDocuments',
      summary: 'Add or update sales documents (one, or a batch of up to 1 000)',
      description:
        'Upserts by `externalId`: a new one is added, a known one is replaced when any value differs and left ' +
        'alone otherwise, so sending the same batch twice changes nothing. The whole batch is checked first and ' +
        'written in one transaction: one bad document and nothing is saved. Changes are recorded in the ' +
        "customer's history as the token user; the customer's purchase history, automatic relationship start " +
        '(Settings › Sales data) and automatic profiling (destination types) follow in the same transaction. ' +
        'The body may be up to 8 MB.',
      requestBody: {
        required: true,
        content: json(
          {
            oneOf: [
              ref('SalesDocumentInput'),
              { type: 'array', items: ref('SalesDocumentInput'), maxItems: 1000 },
            ],
          },
          {
            examples: {
              batch: {
                summary: 'A booking, its invoice and a credit invoice',
                value: [bookingExample, invoiceExample, creditExample],
              },
              single: { summary: 'One document', value: bookingExample },
            },
          },
        ),
      },
      responses: {
        '200': {
          description: 'How many documents were added, changed and found unchanged.',
          content: json(ref('SalesDocumentsResult'), {
            examples: {
              first: { summary: 'Sent the first time', value: { created: 3, updated: 0, unchanged: 0 } },
              again: { summary: 'The same batch again', value: { created: 0, updated: 0, unchanged: 3 } },
            },
          }),
        },
        '400': responseRef('SalesDocumentsBadRequest'),
        '401': responseRef('Unauthorized'),
        '403': responseRef('Forbidden'),
        '413': responseRef('TooLarge'),
        '422': responseRef('SalesDocumentsUnresolved'),
      },
    },
  },
  '/customers/{id}/history': {
    get: {
      tags: ['sales'],
      operationId: 'getPurchaseHistory',
      summary: "A customer's purchase history figures",
      parameters: [customerIdParameter],
      responses: {
        '200': {
          description: 'This year, last year, earlier years and in total, with the overdue sum.',
          content: json(ref('PurchaseHistory'), { example: historyExample }),
        },
        '401': responseRef('Unauthorized'),
        '404': responseRef('NotFound'),
      },
    },
  },
};
