import type { FastifyInstance } from 'fastify';
import { ConflictError, DomainError, InputError } from '../../lib/errors.js';
import { type FieldErrors, parseInput } from '../../lib/validation.js';
import { contactPersonDetails } from '../contact-roles/queries.js';
import { createCustomer, findByExternalId, getCustomer, updateCustomer } from '../customers/queries.js';
import { type CustomerInput, customerSchema } from '../customers/schemas.js';
import { listCustomers } from '../customers/search.js';
import { kindLookup } from './kind-lookup.js';
import {
  bodyObject,
  customerJson,
  listItemJson,
  parseId,
  parseListQuery,
  parseVersion,
  sentFields,
  storedInput,
} from './schemas.js';

const notFound = () => new DomainError('error.notFound', 404);

type Kinds = ReturnType<typeof kindLookup>;

/** The kind code of a body as its id; undefined when not sent. An unknown code is a 400 naming it. */
async function resolveKind(kinds: Kinds, kind: unknown): Promise<number | undefined> {
  if (kind === undefined || kind === null) return undefined;
  if (typeof kind !== 'string' || !kind.trim()) throw new InputError({ kind: 'validation.invalid' });
  const id = await kinds.idOf(kind.trim());
  if (!id) throw new DomainError('api.unknownKind', 400, { code: kind.trim().slice(0, 50) });
  return id;
}

/** Validates merged input; problems found before validation (`extra`) are reported with the rest. */
function validate(merged: Record<string, unknown>, extra: FieldErrors = {}): CustomerInput {
  let input: CustomerInput;
  try {
    input = parseInput(customerSchema, merged);
  } catch (err) {
    if (err instanceof InputError) throw new InputError({ ...extra, ...err.fields });
    throw err;
  }
  if (Object.keys(extra).length) throw new InputError(extra);
  return input;
}

/** A unique constraint of PostgreSQL said no (drizzle wraps the driver's error in `cause`). */
function isUniqueViolation(err: unknown, constraint: RegExp): boolean {
  for (let e = err as { code?: string; constraint_name?: string; cause?: unknown } | undefined; e; ) {
    if (e.code === '23505') return constraint.test(e.constraint_name ?? '');
    e = e.cause as typeof e;
  }
  return false;
}
const externalIdConstraint = /external/i;

/**
 * Runs a read-merge-write step again when someone else wrote in between: a
 * concurrent save of the same customer (version moved on) or a concurrent create
 * with the same externalId. Only used when the client did not pin a version.
 */
async function retrying<T>(step: () => Promise<T>, tries = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (err) {
      const again = err instanceof ConflictError || isUniqueViolation(err, externalIdConstraint);
      if (!again || attempt >= tries) throw err;
    }
  }
}

/** Customers: list and search, read, create or update by externalId, partial update. */
export default async function customerApi(app: FastifyInstance) {
  const db = app.db;
  const kinds = kindLookup(db);

  app.get('/customers', async (request) => {
    const { q, limit, cursor, archived } = parseListQuery(request.query as Record<string, unknown>);
    const { rows, next } = await listCustomers(db, { q, limit, after: cursor, archived });
    return { items: rows.map(listItemJson), nextCursor: next };
  });

  // One customer: a person's own bans (null for organisations) and an organisation's contact
  // persons with their roles, bans and properties (contactPersonDetails: a fixed number of queries).
  app.get<{ Params: { id: string } }>('/customers/:id', async (request) => {
    const id = parseId(request.params.id);
    if (!id) throw notFound();
    const [found, contacts] = await Promise.all([getCustomer(db, id), contactPersonDetails(db, id)]);
    if (!found) throw notFound();
    return customerJson(found.customer, found.kindCode, contacts);
  });

  app.post('/customers', async (request, reply) => {
    const { fields, kind } = sentFields(bodyObject(request.body));
    const actorId = request.user!.id;
    const externalId = typeof fields.externalId === 'string' ? fields.externalId.trim() : '';
    return retrying(async () => {
      const [kindId, existing] = await Promise.all([
        resolveKind(kinds, kind),
        externalId ? findByExternalId(db, externalId) : undefined,
      ]);
      if (existing) {
        // Known externalId: the same body again changes nothing; fields not sent keep their values.
        const input = validate({ ...storedInput(existing), ...fields, kindId: kindId ?? existing.kindId });
        const updated = await updateCustomer(db, existing.id, existing.version, input, actorId);
        const [code, contacts] = await Promise.all([
          kindId ? (kind as string).trim() : kinds.codeOf(updated.kindId),
          contactPersonDetails(db, updated.id),
        ]);
        return reply.code(200).send(customerJson(updated, code ?? '', contacts));
      }
      const input = validate({ ...fields, kindId }, kindId ? {} : { kind: 'validation.required' });
      const created = await createCustomer(db, input, actorId);
      return reply
        .code(201)
        .header('location', `${app.prefix}/customers/${created.id}`)
        .send(customerJson(created, (kind as string).trim(), []));
    });
  });

  app.patch<{ Params: { id: string } }>('/customers/:id', async (request) => {
    const id = parseId(request.params.id);
    if (!id) throw notFound();
    const { fields, kind, version } = sentFields(bodyObject(request.body));
    const pinned = parseVersion(version);
    const actorId = request.user!.id;
    const save = async () => {
      const [kindId, found, contacts] = await Promise.all([
        resolveKind(kinds, kind),
        getCustomer(db, id),
        contactPersonDetails(db, id),
      ]);
      if (!found) throw notFound();
      const stored = found.customer;
      const input = validate({ ...storedInput(stored), ...fields, kindId: kindId ?? stored.kindId });
      try {
        const updated = await updateCustomer(db, id, pinned ?? stored.version, input, actorId);
        return customerJson(updated, kindId ? (kind as string).trim() : found.kindCode, contacts);
      } catch (err) {
        if (isUniqueViolation(err, externalIdConstraint))
          throw new InputError({ externalId: 'validation.unique' });
        throw err;
      }
    };
    return pinned === undefined ? retrying(save) : save();
  });
}
