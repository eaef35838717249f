import { z } from 'zod';
import { PG_INT_MAX } from '../../lib/ids.js';
import { optionalId, optionalText, requiredText } from '../../lib/validation.js';

/** The card's filter and pager: ?entry=<contact entry id>&before=<document id>. */
export const listQuery = z.object({
  entry: optionalId().catch(null),
  before: optionalId().catch(null),
});

/** "Luo mallista": template, optional contact entry and person, optional file name. */
export const fromTemplateSchema = z.object({
  templateId: z.preprocess(
    (v) => (v === '' || v === undefined ? undefined : Number(v)),
    z
      .number({ error: 'validation.required' })
      .int()
      .positive()
      .max(PG_INT_MAX, { error: 'validation.invalid' }),
  ),
  interactionId: optionalId(),
  contactPersonId: optionalId(),
  fileName: optionalText(200),
});

export const copySchema = z.object({ fileName: requiredText(200) });

/** The text fields of a template form (the .docx file comes as a multipart file). */
export const templateNameSchema = z.object({ name: requiredText(120) });

export const htmlTemplateSchema = z.object({
  name: requiredText(120),
  html: requiredText(200_000),
});
