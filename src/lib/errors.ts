import type { MessageKey } from '../i18n/fi.js';

/** Field-level input problems: forms re-render with them (422), the API answers 400 with them. */
export class InputError extends Error {
  statusCode = 400;
  constructor(public readonly fields: Record<string, MessageKey>) {
    super('error.badRequest');
  }
}

/** The record changed since the form was loaded (optimistic locking). */
export class ConflictError extends Error {
  statusCode = 409;
  constructor() {
    super('error.conflict');
  }
}

/** A rule of the domain said no, with a message key for the user. */
export class DomainError extends Error {
  constructor(
    key: MessageKey,
    public readonly statusCode = 400,
    public readonly params?: Record<string, string | number>,
  ) {
    super(key);
  }
}
