import { isValidPhoneNumber, parsePhoneNumberWithError } from 'libphonenumber-js';
import { z } from 'zod';
import type { MessageKey } from '../i18n/fi.js';
import { InputError } from './errors.js';
import { parseDate } from './format.js';
import { PG_INT_MAX } from './ids.js';

/**
 * Field builders shared by forms and the API. Every message is a MessageKey, so one
 * schema serves both: forms translate them beside the fields, the API returns them in English.
 */
const msg = (key: MessageKey) => ({ error: key });

/** Empty strings from HTML forms mean "no value". */
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);

export const requiredText = (max = 200) =>
  z.preprocess(
    trimmed,
    z
      .string(msg('validation.required'))
      .min(1, msg('validation.required'))
      .max(max, msg('validation.tooLong')),
  );

/** Optional text: '' and missing become null (cleared). */
export const optionalText = (max = 200) =>
  z
    .preprocess(
      blankToUndefined,
      z.string(msg('validation.invalid')).trim().max(max, msg('validation.tooLong')).nullish(),
    )
    .transform((v) => v ?? null);

export const optionalEmail = () =>
  z
    .preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .toLowerCase()
        .max(254, msg('validation.tooLong'))
        .pipe(z.email(msg('validation.email')))
        .nullish(),
    )
    .transform((v) => v ?? null);

/** A phone number in any common Finnish or international form, stored as +358 40 123 4567. */
export const optionalPhone = () =>
  z
    .preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .refine((v) => isValidPhoneNumber(v, 'FI'), msg('validation.phone'))
        .transform((v) => parsePhoneNumberWithError(v, 'FI').formatInternational())
        .nullish(),
    )
    .transform((v) => v ?? null);

/** Finnish business ID (Y-tunnus) 1234567-8 with its mod-11 check digit. */
export function isValidBusinessId(value: string): boolean {
  const m = /^(\d{6,7})-(\d)$/.exec(value);
  if (!m) return false;
  const digits = m[1]!.padStart(7, '0');
  const weights = [7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(digits[i]), 0);
  const rest = sum % 11;
  if (rest === 1) return false;
  const check = rest === 0 ? 0 : 11 - rest;
  return check === Number(m[2]);
}

export const optionalBusinessId = () =>
  z
    .preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .transform((v) => (/^\d{6}-\d$/.test(v) ? `0${v}` : v))
        .refine(isValidBusinessId, msg('validation.businessId'))
        .nullish(),
    )
    .transform((v) => v ?? null);

/** A date typed as 1.2.2026 or ISO; stored as ISO. A day that does not exist (31.2.) is refused. */
export const optionalDate = () =>
  z
    .preprocess(
      blankToUndefined,
      z
        .string()
        .transform((v, ctx) => {
          const iso = parseDate(v);
          if (!iso) {
            ctx.addIssue({ code: 'custom', message: 'validation.date' });
            return z.NEVER;
          }
          return iso;
        })
        .nullish(),
    )
    .transform((v) => v ?? null);

export const optionalPostalCode = () =>
  z
    .preprocess(blankToUndefined, z.string().trim().max(12, msg('validation.tooLong')).nullish())
    .transform((v) => v ?? null);

export const countryCode = () =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim().toUpperCase() : 'FI'),
    z.string().regex(/^[A-Z]{2}$/, msg('validation.country')),
  );

export const optionalId = () =>
  z
    .preprocess(
      (v) => (v === '' || v === null || v === undefined ? undefined : Number(v)),
      z
        .number(msg('validation.invalid'))
        .int()
        .positive()
        .max(PG_INT_MAX, msg('validation.invalid'))
        .optional(),
    )
    .transform((v) => v ?? null);

/** A whole number that fits an integer column (±2 147 483 647); spaces between digits are allowed. */
export const integerField = () =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.replace(/\s/g, ''))) : v),
    z
      .number(msg('validation.integer'))
      .int(msg('validation.integer'))
      .min(-PG_INT_MAX, msg('validation.integerRange'))
      .max(PG_INT_MAX, msg('validation.integerRange')),
  );

export type FieldErrors = Record<string, MessageKey>;

/** Validates input; throws InputError with one message key per field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.join('.') || '_';
    if (fields[field]) continue;
    fields[field] = (
      issue.message.startsWith('validation.') ? issue.message : 'validation.invalid'
    ) as MessageKey;
  }
  throw new InputError(fields);
}
