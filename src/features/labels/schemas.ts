import { z } from 'zod';
import { PG_INT_MAX } from '../../lib/ids.js';
import { requiredText } from '../../lib/validation.js';
import { TARGET_TYPES } from '../workspace/targets.js';

/*
 * Input of the labels feature: a sheet layout (admin screen) and a label run (the page's
 * form and the JSON API alike produce a `LabelRunInput`).
 */

/** A measure in millimetres as typed: "42,3" or "42.3", 0 … 2000, at most two decimals. */
const millimetres = (min: 'zero' | 'positive') =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim().replace(',', '.'))) : v),
    z
      .number({ error: 'validation.labels.mm' })
      .refine((n) => Number.isFinite(n) && (min === 'zero' ? n >= 0 : n > 0) && n <= 2000, {
        error: 'validation.labels.mm',
      })
      .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, { error: 'validation.labels.mm' }),
  );

const count = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v),
    z
      .number({ error: 'validation.integer' })
      .int({ error: 'validation.integer' })
      .min(1, { error: 'validation.labels.gridSize' })
      .max(max, { error: 'validation.labels.gridSize' }),
  );

export const LAYOUT_CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,19}$/;

/** A label layout: page, margins, label size, pitch, columns and rows (R-WS-5). */
export const layoutSchema = z.object({
  code: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .string({ error: 'validation.required' })
      .min(1, { error: 'validation.required' })
      .regex(LAYOUT_CODE, { error: 'validation.labels.code' }),
  ),
  name: requiredText(100),
  pageWidthMm: millimetres('positive'),
  pageHeightMm: millimetres('positive'),
  marginTopMm: millimetres('zero'),
  marginLeftMm: millimetres('zero'),
  labelWidthMm: millimetres('positive'),
  labelHeightMm: millimetres('positive'),
  pitchXMm: millimetres('positive'),
  pitchYMm: millimetres('positive'),
  columns: count(20),
  rows: count(40),
});

export type LayoutInput = z.output<typeof layoutSchema>;

/** The measures of a layout, as the fit check and the sheet builder need them. */
export type LayoutGeometry = Omit<LayoutInput, 'code' | 'name'>;

/**
 * Field problems of a layout that does not fit its page, or whose labels overlap:
 * margin + pitch × (n − 1) + label size must stay within the page, and the pitch must be
 * at least the label size. Empty when the layout is sound.
 */
export function layoutProblems(
  g: LayoutGeometry,
): Record<
  string,
  | 'validation.labels.tooWide'
  | 'validation.labels.tooTall'
  | 'validation.labels.pitchX'
  | 'validation.labels.pitchY'
> {
  const problems: ReturnType<typeof layoutProblems> = {};
  const eps = 0.001;
  if (g.pitchXMm + eps < g.labelWidthMm) problems.pitchXMm = 'validation.labels.pitchX';
  if (g.pitchYMm + eps < g.labelHeightMm) problems.pitchYMm = 'validation.labels.pitchY';
  const right = g.marginLeftMm + g.pitchXMm * (g.columns - 1) + g.labelWidthMm;
  const bottom = g.marginTopMm + g.pitchYMm * (g.rows - 1) + g.labelHeightMm;
  if (right > g.pageWidthMm + eps) problems.columns = 'validation.labels.tooWide';
  if (bottom > g.pageHeightMm + eps) problems.rows = 'validation.labels.tooTall';
  return problems;
}

/** How far the labels reach (mm), for the message beside a layout that does not fit. */
export function layoutExtent(g: LayoutGeometry): { right: number; bottom: number } {
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    right: round(g.marginLeftMm + g.pitchXMm * (g.columns - 1) + g.labelWidthMm),
    bottom: round(g.marginTopMm + g.pitchYMm * (g.rows - 1) + g.labelHeightMm),
  };
}

// ------------------------------------------------------------------ a label run

const targetType = z.enum(TARGET_TYPES, { error: 'validation.labels.targetType' });
const layoutCode = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() : v),
  z.string({ error: 'validation.labels.layout' }).min(1, { error: 'validation.labels.layout' }).max(20, {
    error: 'validation.labels.layout',
  }),
);
const attention = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.string({ error: 'validation.invalid' }).trim().max(60, { error: 'validation.tooLong' }).nullish(),
);
const logText = z.preprocess(
  (v) => (v === undefined || v === null ? '' : v),
  z.string({ error: 'validation.invalid' }).trim().max(2000, { error: 'validation.tooLong' }),
);
const typeCode = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() : v),
  z.string({ error: 'validation.labels.contactType' }).min(1, { error: 'validation.labels.contactType' }),
);

/** What one run asks for; the layout and the contact type are still codes here. */
export type LabelRunInput = {
  targetType: (typeof TARGET_TYPES)[number];
  layout: string;
  skip: number;
  marketing: boolean;
  fillWith: number | null;
  attention: string | null;
  log: { type: string; text: string } | null;
};

const formInteger = (error: 'validation.integer') =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? 0 : Number(v.trim())) : (v ?? 0)),
    z.number({ error }).int({ error }).min(0, { error: 'validation.labels.skip' }),
  );

const formId = z.preprocess(
  (v) => (v === '' || v === undefined || v === null ? null : Number(v)),
  z
    .number({ error: 'validation.invalid' })
    .int({ error: 'validation.invalid' })
    .positive()
    .max(PG_INT_MAX)
    .nullable(),
);

const on = (v: unknown) => v !== undefined && v !== '' && v !== 'false' && v !== '0';

/** The page's form (checkboxes and flat fields). An unchecked checkbox is simply absent. */
export const labelFormSchema = z
  .object({
    targetType,
    layout: layoutCode,
    skip: formInteger('validation.integer'),
    marketing: z.unknown().optional().transform(on),
    fillWith: formId,
    attention,
    log: z.unknown().optional().transform(on),
    logType: z.unknown().optional(),
    logText,
  })
  .superRefine((v, ctx) => {
    if (v.log && !(typeof v.logType === 'string' && v.logType.trim()))
      ctx.addIssue({ code: 'custom', path: ['logType'], message: 'validation.labels.contactType' });
  })
  .transform(
    (v): LabelRunInput => ({
      targetType: v.targetType,
      layout: v.layout,
      skip: v.skip,
      marketing: v.marketing,
      fillWith: v.fillWith,
      attention: v.attention ?? null,
      log: v.log ? { type: String(v.logType).trim(), text: v.logText } : null,
    }),
  );

/** POST /api/v1/workspace/labels: JSON with real booleans and numbers. */
export const labelApiSchema = z
  .strictObject(
    {
      targetType,
      layout: layoutCode,
      skip: z
        .number({ error: 'validation.integer' })
        .int({ error: 'validation.integer' })
        .min(0, { error: 'validation.labels.skip' })
        .optional(),
      marketing: z.boolean({ error: 'validation.labels.boolean' }).optional(),
      fillWith: z
        .number({ error: 'validation.invalid' })
        .int({ error: 'validation.invalid' })
        .positive({ error: 'validation.invalid' })
        .max(PG_INT_MAX, { error: 'validation.invalid' })
        .nullish(),
      attention,
      log: z.strictObject({ type: typeCode, text: logText }, { error: 'validation.labels.log' }).nullish(),
    },
    { error: 'validation.labels.body' },
  )
  .transform(
    (v): LabelRunInput => ({
      targetType: v.targetType,
      layout: v.layout,
      skip: v.skip ?? 0,
      marketing: v.marketing ?? true,
      fillWith: v.fillWith ?? null,
      attention: v.attention ?? null,
      log: v.log ? { type: v.log.type, text: v.log.text } : null,
    }),
  );
