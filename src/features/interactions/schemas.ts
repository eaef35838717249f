import { z } from 'zod';
import { TIME_ZONE } from '../../lib/format.js';
import { PG_INT_MAX } from '../../lib/ids.js';
import { optionalDate, optionalId, optionalText, requiredText } from '../../lib/validation.js';
import { checkbox } from '../settings/form.js';

export const ALARM_AUDIENCES = ['self', 'all', 'user'] as const;
export type AlarmAudience = (typeof ALARM_AUDIENCES)[number];

/** Today in Helsinki as YYYY-MM-DD: alarms are due on Finnish calendar days. */
export function todayInHelsinki(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE }).format(now);
}

/** A contact type of the admin list: code LS, PU, SMS … and its name. */
export const contactTypeSchema = z.object({
  code: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toUpperCase() : v),
    z
      .string({ error: 'validation.required' })
      .min(1, { error: 'validation.required' })
      .regex(/^[A-Z0-9ÅÄÖ_-]{1,10}$/, { error: 'validation.contactTypeCode' }),
  ),
  name: requiredText(100),
});
export type ContactTypeInput = z.output<typeof contactTypeSchema>;

export type AlarmInput = {
  dueDate: string;
  message: string;
  audience: AlarmAudience;
  /** Owner for 'self' (filled in from the acting user), the chosen user for 'user', null for 'all'. */
  userId: number | null;
};

/** What a contact entry is saved from, by the form and the API alike. */
export type InteractionInput = {
  typeId: number;
  text: string;
  contactPersonId: number | null;
  alarm: AlarmInput | null;
};

/** The contact-entry form: type, lisäinfo, contact person, and an optional alarm. */
export const interactionFormSchema = z
  .object({
    typeId: optionalId().refine((v) => v !== null, { error: 'validation.contactType' }),
    text: optionalText(4000),
    contactPersonId: optionalId(),
    alarm: z.preprocess(checkbox, z.boolean()),
    alarmDate: optionalDate(),
    alarmMessage: optionalText(1000),
    alarmAudience: z.preprocess(
      (v) => (v === '' || v == null ? 'self' : v),
      z.enum(ALARM_AUDIENCES, { error: 'validation.invalid' }),
    ),
    alarmUserId: optionalId(),
  })
  .superRefine((v, ctx) => {
    if (!v.alarm) return;
    if (!v.alarmDate) ctx.addIssue({ code: 'custom', path: ['alarmDate'], message: 'validation.required' });
    if (v.alarmAudience === 'user' && !v.alarmUserId)
      ctx.addIssue({ code: 'custom', path: ['alarmUserId'], message: 'validation.alarmUser' });
  });

/** The parsed form as the input the queries save (the acting user owns a 'self' alarm). */
export function interactionFromForm(
  v: z.output<typeof interactionFormSchema>,
  actorId: number,
): InteractionInput {
  const text = v.text ?? '';
  return {
    typeId: v.typeId!,
    text,
    contactPersonId: v.contactPersonId,
    alarm: v.alarm
      ? {
          dueDate: v.alarmDate!,
          message: v.alarmMessage ?? text,
          audience: v.alarmAudience,
          userId: v.alarmAudience === 'self' ? actorId : v.alarmAudience === 'user' ? v.alarmUserId : null,
        }
      : null,
  };
}

/** The JSON body of POST /api/v1/customers/:id/interactions, before codes are looked up. */
export const interactionApiSchema = z
  .object({
    type: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() : v),
      z.string({ error: 'validation.contactType' }).min(1, { error: 'validation.contactType' }).max(10, {
        error: 'validation.unknownContactType',
      }),
    ),
    text: z.preprocess(
      (v) => (v == null ? '' : v),
      z.string({ error: 'validation.invalid' }).max(4000, {
        error: 'validation.tooLong',
      }),
    ),
    contactPersonId: z.preprocess(
      (v) => (v == null ? null : v),
      z
        .number({ error: 'validation.invalid' })
        .int({ error: 'validation.invalid' })
        .positive({
          error: 'validation.invalid',
        })
        .max(PG_INT_MAX, { error: 'validation.invalid' })
        .nullable(),
    ),
    alarm: z.preprocess(
      (v) => (v == null ? null : v),
      z
        .object(
          {
            date: optionalDate().refine((d) => d !== null, { error: 'validation.date' }),
            message: optionalText(1000),
            audience: z.enum(ALARM_AUDIENCES, { error: 'validation.alarmAudience' }),
            username: z.preprocess(
              (v) => (v == null || v === '' ? null : v),
              z.string({ error: 'validation.invalid' }).max(50, { error: 'validation.invalid' }).nullable(),
            ),
          },
          { error: 'validation.invalid' },
        )
        .strict()
        .nullable(),
    ),
  })
  .strict();
export type InteractionApiInput = z.output<typeof interactionApiSchema>;
