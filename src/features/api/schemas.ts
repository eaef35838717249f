import { InputError } from '../../lib/errors.js';
import type { FieldErrors } from '../../lib/validation.js';
import type { contactPersonDetails } from '../contact-roles/queries.js';
import { type Customer, EDITABLE_FIELDS } from '../customers/queries.js';
import type { ListRow } from '../customers/search.js';

/** A contact person as GET /customers/:id shows it: its fields, roles, bans and properties. */
export type ContactPersonDetails = Awaited<ReturnType<typeof contactPersonDetails>>[number];

/** The customer fields an API body may set, besides `kind` (a code) and `version`. */
const inputFields = EDITABLE_FIELDS.filter((f) => f !== 'kindId');

/** A JSON request body must be an object; anything else is a 400. */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  throw new InputError({ _: 'api.jsonObject' });
}

/** The sent fields of a body: only what the customer schema knows, `kind` and `version` split off. */
export function sentFields(body: Record<string, unknown>) {
  const fields: Record<string, unknown> = {};
  for (const k of inputFields) if (k in body) fields[k] = body[k];
  return { fields, kind: body.kind, version: body.version };
}

/** A stored customer as the input the schema validates, so a partial body can be laid over it. */
export function storedInput(c: Customer): Record<string, unknown> {
  const out: Record<string, unknown> = { kindId: c.kindId };
  for (const k of inputFields) out[k] = c[k];
  return out;
}

/** `version` from a body: absent, or a positive whole number. */
export function parseVersion(v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isInteger(v) && v > 0) return v;
  throw new InputError({ version: 'validation.integer' });
}

/** A path id: a positive int4, or null (which the routes answer with 404). */
export { parseId } from '../../lib/ids.js';

const archivedChoices = ['active', 'archived', 'all'] as const;
type ArchivedChoice = (typeof archivedChoices)[number];

/** Query of GET /customers: `q`, `limit` 1–200 (default 50), an opaque `cursor`, `archived`. */
export function parseListQuery(query: Record<string, unknown>) {
  const errors: FieldErrors = {};
  const { q, limit, cursor, archived } = query;
  if (q !== undefined && (typeof q !== 'string' || q.length > 200)) errors.q = 'validation.invalid';
  let n = 50;
  if (limit !== undefined) {
    n = typeof limit === 'string' && /^\d{1,3}$/.test(limit) ? Number(limit) : Number.NaN;
    if (!(n >= 1 && n <= 200)) errors.limit = 'api.limit';
  }
  if (cursor !== undefined && !isCursor(cursor)) errors.cursor = 'api.cursor';
  if (archived !== undefined && !archivedChoices.includes(archived as ArchivedChoice))
    errors.archived = 'validation.invalid';
  if (Object.keys(errors).length) throw new InputError(errors);
  return {
    q: typeof q === 'string' && q.trim() ? q.trim() : undefined,
    limit: n,
    cursor: typeof cursor === 'string' && cursor ? cursor : undefined,
    archived: (archived as ArchivedChoice | undefined) ?? 'active',
  };
}

/** A cursor is what listCustomers handed out: base64url of a JSON object. */
function isCursor(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  if (v === '') return true;
  if (v.length > 500 || !/^[A-Za-z0-9_-]+$/.test(v)) return false;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(v, 'base64url').toString());
    return !!parsed && typeof parsed === 'object' && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * A customer's own marketing bans: person customers have them, organisations do not
 * (their contact persons do), so an organisation always answers `null`.
 */
export function customerBansJson(c: Customer) {
  return c.type === 'person' ? { noMarketing: c.noMarketing, noSms: c.noSms, noEmail: c.noEmail } : null;
}

/**
 * A customer as the API answers it (the Customer schema of openapi.ts); `contacts` come
 * from contactPersonDetails (an organisation's contact persons; none for persons).
 */
export function customerJson(c: Customer, kind: string, contacts: ContactPersonDetails[]) {
  return {
    id: c.id,
    number: c.number,
    kind,
    type: c.type,
    name: c.name,
    firstName: c.firstName,
    lastName: c.lastName,
    businessId: c.businessId,
    streetAddress: c.streetAddress,
    postalCode: c.postalCode,
    city: c.city,
    country: c.country,
    phone: c.phone,
    mobile: c.mobile,
    email: c.email,
    language: c.language,
    accountManagerId: c.accountManagerId,
    relationshipStart: c.relationshipStart,
    notes: c.notes,
    groupId: c.groupId,
    companyId: c.companyId,
    departmentId: c.departmentId,
    externalId: c.externalId,
    archived: c.archivedAt !== null,
    version: c.version,
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
    bans: customerBansJson(c),
    contactPersons: contacts,
  };
}

/** One row of the customer list (the CustomerSummary schema of openapi.ts). */
export function listItemJson(r: ListRow) {
  return {
    id: r.id,
    number: r.number,
    kind: r.kindCode,
    type: r.type,
    name: r.name,
    email: r.email,
    phone: r.phone,
    mobile: r.mobile,
    city: r.city,
    postalCode: r.postalCode,
    businessId: r.businessId,
    archived: r.archived,
  };
}
