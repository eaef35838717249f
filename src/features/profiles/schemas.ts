import { z } from 'zod';
import { requiredText } from '../../lib/validation.js';

export const PROFILE_FIELD_TYPES = ['single', 'multi', 'memo', 'date', 'text'] as const;
export type ProfileFieldType = (typeof PROFILE_FIELD_TYPES)[number];

/** Single and multi fields pick from a list of values; the others hold free text or a date. */
export const isChoiceType = (type: ProfileFieldType) => type === 'single' || type === 'multi';

const upperTrimmed = (v: unknown) => (typeof v === 'string' ? v.trim().toUpperCase() : v);

/** A profile field definition (profiilikenttä). */
export const profileFieldSchema = z.object({
  code: z.preprocess(
    upperTrimmed,
    z
      .string({ error: 'validation.required' })
      .min(1, { error: 'validation.required' })
      .regex(/^[A-Z0-9]{1,10}$/, { error: 'validation.profileFieldCode' }),
  ),
  title: requiredText(100),
  type: z.enum(PROFILE_FIELD_TYPES, { error: 'validation.profileType' }),
});

export type ProfileFieldInput = z.output<typeof profileFieldSchema>;

/** A list value of a single or multi field: a code of at most 5 characters and a label. */
export const profileValueSchema = z.object({
  code: z.preprocess(
    upperTrimmed,
    z
      .string({ error: 'validation.required' })
      .min(1, { error: 'validation.required' })
      .max(5, { error: 'validation.profileValueCodeLength' })
      .regex(/^[A-Z0-9ÅÄÖ_-]+$/, { error: 'validation.profileValueCode' }),
  ),
  label: requiredText(100),
});

export type ProfileValueInput = z.output<typeof profileValueSchema>;

/** Longest memo and text-line answers. */
export const MEMO_MAX = 10_000;
export const TEXT_MAX = 500;
