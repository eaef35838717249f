import { z } from 'zod';
import type { MessageKey } from '../../i18n/fi.js';
import { PG_INT_MAX } from '../../lib/ids.js';
import type { SalesKind } from './ingest.js';

/*
 * One sales document as the API (and the import, after it has turned Finnish numbers and
 * dates into these) sends it: camelCase fields, ISO dates, integer cents, the customer by
 * customerId, customerNumber or customerExternalId, the destination type by its code.
 */

const msg = (key: MessageKey) => ({ error: key });

/** Kinds as the API names them → the stored kind. `sales_order` is accepted too. */
export const API_KINDS: Record<string, SalesKind> = {
  booking: 'booking',
  salesOrder: 'sales_order',
  sales_order: 'sales_order',
  invoice: 'invoice',
};
/** The stored kind → the API name. */
export const apiKind = (k: SalesKind) => (k === 'sales_order' ? 'salesOrder' : k);

/** A real calendar day written yyyy-mm-dd. */
export function isIsoDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && y <= 2200 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const isoDate = () =>
  z.string(msg('sales.validation.isoDate')).refine(isIsoDate, msg('sales.validation.isoDate'));
const optionalIsoDate = () =>
  z
    .union([isoDate(), z.null()], msg('sales.validation.isoDate'))
    .optional()
    .transform((v) => v ?? null);
const optionalString = (max: number) =>
  z
    .union(
      [z.string(msg('validation.invalid')).trim().max(max, msg('validation.tooLong')), z.null()],
      msg('validation.invalid'),
    )
    .optional()
    .transform((v) => (v === '' ? null : (v ?? null)));
const optionalPositiveInt = () =>
  z
    .union(
      [
        z
          .number(msg('validation.integer'))
          .int(msg('validation.integer'))
          .min(1, msg('validation.integer'))
          .max(PG_INT_MAX, msg('validation.integer')),
        z.null(),
      ],
      msg('validation.integer'),
    )
    .optional()
    .transform((v) => v ?? null);

/** Largest amount accepted: ±10 000 000 000,00 €. */
export const MAX_AMOUNT_CENTS = 1_000_000_000_000;

export const salesDocumentSchema = z
  .object({
    externalId: optionalString(100),
    kind: z
      .string(msg('sales.validation.kind'))
      .refine((k) => Object.hasOwn(API_KINDS, k), msg('sales.validation.kind'))
      .transform((k) => API_KINDS[k]!),
    number: optionalString(50),
    date: isoDate(),
    travelStart: optionalIsoDate(),
    travelEnd: optionalIsoDate(),
    destinationType: optionalString(20).transform((v) => (v === null ? null : v.toUpperCase())),
    destination: optionalString(200),
    amountCents: z
      .number(msg('sales.validation.amount'))
      .int(msg('sales.validation.amount'))
      .min(-MAX_AMOUNT_CENTS, msg('sales.validation.amount'))
      .max(MAX_AMOUNT_CENTS, msg('sales.validation.amount')),
    dueDate: optionalIsoDate(),
    paidDate: optionalIsoDate(),
    customerId: optionalPositiveInt(),
    customerNumber: optionalPositiveInt(),
    customerExternalId: optionalString(100),
  })
  .superRefine((d, ctx) => {
    if (d.customerId === null && d.customerNumber === null && d.customerExternalId === null) {
      ctx.addIssue({ code: 'custom', path: ['customer'], message: 'sales.validation.customerRequired' });
    }
    if (d.travelStart && d.travelEnd && d.travelEnd < d.travelStart) {
      ctx.addIssue({ code: 'custom', path: ['travelEnd'], message: 'sales.validation.travelEnd' });
    }
  });

/** A valid document before its customer and destination type are looked up. */
export type ParsedSalesDocument = z.output<typeof salesDocumentSchema>;

export type CustomerRef = {
  customerId: number | null;
  customerNumber: number | null;
  customerExternalId: string | null;
};

export type FieldProblems = Record<string, MessageKey>;

/**
 * Validates one document: its value, or one message key per field (`customer` when no
 * customer reference is given, `_` when it is not an object). With `externalIdRequired`
 * (the API) a missing externalId is a problem too.
 */
export function validateSalesDocument(
  input: unknown,
  options: { externalIdRequired?: boolean } = {},
): { ok: true; value: ParsedSalesDocument } | { ok: false; errors: FieldProblems } {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, errors: { _: 'api.jsonObject' } };
  }
  const result = salesDocumentSchema.safeParse(input);
  const errors: FieldProblems = {};
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = issue.path.join('.') || '_';
      if (errors[field]) continue;
      errors[field] = (
        /^(validation|sales|api)\./.test(issue.message) ? issue.message : 'validation.invalid'
      ) as MessageKey;
    }
  }
  if (options.externalIdRequired) {
    const ext = (input as Record<string, unknown>).externalId;
    if (typeof ext !== 'string' || ext.trim() === '')
      errors.externalId ??= 'sales.validation.externalIdRequired';
  }
  if (!result.success || Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: result.data };
}
