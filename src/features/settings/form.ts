import { InputError } from '../../lib/errors.js';
import type { FieldErrors } from '../../lib/validation.js';

/** The field messages of a refused form; anything other than an InputError goes on to the error handler. */
export function fieldErrorsOf(error: unknown): FieldErrors {
  if (error instanceof InputError) return error.fields;
  throw error;
}

/** Route options every admin screen shares: only admins may see or change settings. */
export const adminOnly = { config: { role: 'admin' as const } };

export { idParam } from '../../lib/ids.js';

/** An HTML checkbox: present (any value but "false"/"0") means on. */
export function checkbox(value: unknown): boolean {
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}
