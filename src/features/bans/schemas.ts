import type { MessageKey } from '../../i18n/fi.js';
import { InputError } from '../../lib/errors.js';
import { BANS, type Bans } from './queries.js';

const ticked = (v: unknown) => v === 'on' || v === 'true' || v === '1' || v === true;

/** The three ban checkboxes of a form: a missing box is an unticked one. */
export function parseBanForm(body: Record<string, unknown>): Bans {
  return { noMarketing: ticked(body.noMarketing), noSms: ticked(body.noSms), noEmail: ticked(body.noEmail) };
}

/** The bans a form sent, or undefined when the form had no ban section (nothing to change). */
export function bansFromForm(body: Record<string, unknown>): Bans | undefined {
  return body.bansShown ? parseBanForm(body) : undefined;
}

/**
 * An API body: any of noMarketing, noSms, noEmail as JSON booleans. Unknown fields and
 * other values are a 400 naming the field.
 */
export function parseBanBody(body: Record<string, unknown>): Partial<Bans> {
  const known = new Set<string>(BANS.map((b) => b.field));
  const errors: Record<string, MessageKey> = {};
  const bans: Partial<Bans> = {};
  for (const [key, value] of Object.entries(body)) {
    if (!known.has(key)) errors[key] = 'bans.unknownField';
    else if (typeof value !== 'boolean') errors[key] = 'bans.boolean';
    else bans[key as keyof Bans] = value;
  }
  if (Object.keys(errors).length) throw new InputError(errors);
  return bans;
}
