import { z } from 'zod';
import { InputError } from '../../lib/errors.js';
import { PG_INT_MAX } from '../../lib/ids.js';
import { integerField, optionalId, requiredText } from '../../lib/validation.js';

/** Codes of pick-list dimensions, values and properties: trimmed and in capitals, e.g. ALUE or UUSIMAA. */
export const classificationCode = () =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toUpperCase() : v),
    z
      .string({ error: 'validation.required' })
      .min(1, { error: 'validation.required' })
      .regex(/^[A-Z0-9_-]{1,20}$/, { error: 'validation.classificationCode' }),
  );

/** A display order; blank means 0. */
const sortField = () =>
  z.preprocess((v) => (v === '' || v === undefined || v === null ? '0' : v), integerField());

/** A tracking dimension (seurantakohde) or one of its values. */
export const trackingItemSchema = z.object({
  code: classificationCode(),
  name: requiredText(100),
  sort: sortField(),
});
export type TrackingItemInput = z.output<typeof trackingItemSchema>;

/** A customer or contact-person property; the group is optional. */
export const catalogItemSchema = z.object({
  code: classificationCode(),
  name: requiredText(100),
  groupId: optionalId(),
});
export type CatalogItemInput = z.output<typeof catalogItemSchema>;

export const catalogGroupSchema = z.object({ name: requiredText(100) });
export type CatalogGroupInput = z.output<typeof catalogGroupSchema>;

// ---------------------------------------------------------------- the card tab's form

/** What the Ominaisuudet ja seuranta form sends, as ids; only what the form showed is touched. */
export type ClassificationInput = {
  /** One entry per dimension shown; valueId null clears the dimension. */
  tracking: { dimensionId: number; valueId: number | null }[];
  /** One entry per property shown; unchecked ones are removed from the customer. */
  properties: { propertyId: number; checked: boolean; valueText: string | null }[];
};

export const PROPERTY_TEXT_MAX = 200;

const positiveId = (v: string) => {
  const n = Number(v);
  return Number.isSafeInteger(n) && n > 0 && n <= PG_INT_MAX ? n : null;
};

const single = (v: unknown): string => {
  const x = Array.isArray(v) ? v[v.length - 1] : v;
  return typeof x === 'string' ? x : '';
};

/**
 * Reads the form: `dim.<dimensionId>` = value id or '' (a select per dimension),
 * `text.<propertyId>` = value text (present for every property shown) and
 * `prop.<propertyId>` = checkbox. The value text is kept only for a checked property.
 */
export function parseClassificationForm(body: Record<string, unknown>): ClassificationInput {
  const input: ClassificationInput = { tracking: [], properties: [] };
  const errors: InputError['fields'] = {};
  for (const [key, raw] of Object.entries(body)) {
    const [kind, idText] = key.split('.', 2);
    const id = idText ? positiveId(idText) : null;
    if (!id) continue;
    const value = single(raw).trim();
    if (kind === 'dim') {
      const valueId = value === '' ? null : positiveId(value);
      if (value !== '' && !valueId) errors[key] = 'validation.invalid';
      input.tracking.push({ dimensionId: id, valueId });
    } else if (kind === 'text') {
      const checked = single(body[`prop.${id}`]) !== '';
      if (checked && value.length > PROPERTY_TEXT_MAX) errors[key] = 'validation.tooLong';
      input.properties.push({ propertyId: id, checked, valueText: checked && value !== '' ? value : null });
    }
  }
  if (Object.keys(errors).length) throw new InputError(errors);
  return input;
}

/** The contact-person form's property checkboxes (`cpProperty`, repeated): ids, duplicates dropped. */
export function parseContactPersonPropertyIds(value: unknown): number[] {
  const list = Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value];
  const ids = list.map((v) => positiveId(String(v)));
  if (ids.some((id) => id === null)) throw new InputError({ cpProperty: 'validation.invalid' });
  return [...new Set(ids as number[])];
}
