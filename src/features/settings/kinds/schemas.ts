import { z } from 'zod';
import { integerField, requiredText } from '../../../lib/validation.js';
import { checkbox } from '../form.js';

/** Customer numbers fit in a PostgreSQL integer; nine digits is plenty for any office. */
export const MAX_CUSTOMER_NUMBER = 999_999_999;

const rangeNumber = () =>
  integerField().pipe(
    z
      .number()
      .min(1, { error: 'validation.numberRange' })
      .max(MAX_CUSTOMER_NUMBER, { error: 'validation.numberRange' }),
  );

/** A customer kind with its number series (asiakaslaji ja numerosarja). */
export const kindSchema = z
  .object({
    code: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim().toUpperCase() : v),
      z
        .string({ error: 'validation.required' })
        .min(1, { error: 'validation.required' })
        .regex(/^[A-Z0-9_]{1,20}$/, { error: 'validation.kindCode' }),
    ),
    nameFi: requiredText(100),
    nameEn: requiredText(100),
    rangeStart: rangeNumber(),
    rangeEnd: rangeNumber(),
    isAgent: z.unknown().optional().transform(checkbox),
  })
  .refine((v) => v.rangeStart < v.rangeEnd, { error: 'validation.range', path: ['rangeEnd'] });

export type KindInput = z.output<typeof kindSchema>;
