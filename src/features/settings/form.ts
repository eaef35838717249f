import { InputError } from '../../lib/errors.js';
import type { FieldErrors } from '../../lib/validation.js';

/** The field messages of a refused form; anything other than an InputError goes on to the error handler. */
export function fieldErrorsOf(error: unknown): FieldErrors {
  if (error instanceof InputError) return error.fields;
  throw error;
}

/** Route options every admin screen shares: only admins may see or change settings. */
export const adminOnly = { config: { role: 'admin' as const } };

/** A positive integer id from a route parameter; anything else is a 404. */
export function idParam(params: unknown): number {
  const id = Number((params as { id?: string }).id);
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) {
    throw Object.assign(new Error('error.notFound'), { statusCode: 404 });
  }
  return id;
}

/** An HTML checkbox: present (any value but "false"/"0") means on. */
export function checkbox(value: unknown): boolean {
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}
