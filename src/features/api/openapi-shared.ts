/** Building blocks of the hand-written OpenAPI document (openapi.ts and its parts). */

export const nullable = (type: string, extra: Record<string, unknown> = {}) => ({
  type: [type, 'null'],
  ...extra,
});

export const language = { type: 'string', enum: ['fi', 'sv', 'en'], default: 'fi' };

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const responseRef = (name: string) => ({ $ref: `#/components/responses/${name}` });

export const json = (schema: unknown, extra: Record<string, unknown> = {}) => ({
  'application/json': { schema, ...extra },
});

export const errorResponse = (description: string, example: unknown) => ({
  description,
  content: json(ref('Error'), { example }),
});

/** An error response with several named examples (`{ name: [summary, body] }`). */
export const errorExamples = (description: string, examples: Record<string, [string, unknown]>) => ({
  description,
  content: json(ref('Error'), {
    examples: Object.fromEntries(
      Object.entries(examples).map(([name, [summary, value]]) => [name, { summary, value }]),
    ),
  }),
});

export const customerIdParameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'Customer id (not the customer number).',
  schema: { type: 'integer', minimum: 1 },
};

export const contactPersonIdParameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'Contact person id (`contactPersons[].id` of GET /customers/{id}).',
  schema: { type: 'integer', minimum: 1 },
};
