import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  type AuditChanges,
  alarms,
  contactPersons,
  contactTypes,
  interactions,
  users,
} from '../../db/schema/index.js';
import { intArray } from '../../db/sql.js';
import { ConflictError, DomainError, InputError } from '../../lib/errors.js';
import { diff, writeAudit } from '../audit/queries.js';
import { lowerAllWatermarks } from './alarms.js';
import type { ContactType } from './batch.js';
import type { AlarmAudience, ContactTypeInput, InteractionInput } from './schemas.js';

/** The contact types an office starts with (the demo adds them; an admin can add them with one button). */
export const DEFAULT_CONTACT_TYPES: readonly [string, string][] = [
  ['LS', 'Lähetetty sähköposti'],
  ['ME', 'Messutarjous'],
  ['PU', 'Puhelu'],
  ['KI', 'Kirje'],
  ['TA', 'Tapaaminen'],
  ['SMS', 'Tekstiviesti'],
  ['TR', 'Osoitetarra'],
];

const isUniqueViolation = (err: unknown): boolean => {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
};

// ------------------------------------------------------------------ contact types

export async function listContactTypes(db: Db): Promise<ContactType[]> {
  return db
    .select({ id: contactTypes.id, code: contactTypes.code, name: contactTypes.name })
    .from(contactTypes)
    .orderBy(asc(contactTypes.code));
}

export async function getContactType(db: Db, id: number): Promise<ContactType | undefined> {
  const [row] = await db
    .select({ id: contactTypes.id, code: contactTypes.code, name: contactTypes.name })
    .from(contactTypes)
    .where(eq(contactTypes.id, id));
  return row;
}

export async function createContactType(db: Db, input: ContactTypeInput, actorId: number | null) {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(contactTypes).values(input).returning();
      await writeAudit(tx, {
        userId: actorId,
        entity: 'contact_type',
        entityId: row!.id,
        action: 'create',
        changes: diff(null, input),
      });
      return row!;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new InputError({ code: 'validation.unique' });
    throw e;
  }
}

export async function updateContactType(db: Db, id: number, input: ContactTypeInput, actorId: number | null) {
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx.select().from(contactTypes).where(eq(contactTypes.id, id)).for('update');
      if (!before) throw new DomainError('error.notFound', 404);
      const [row] = await tx.update(contactTypes).set(input).where(eq(contactTypes.id, id)).returning();
      const changes = diff(before, input);
      if (Object.keys(changes).length)
        await writeAudit(tx, {
          userId: actorId,
          entity: 'contact_type',
          entityId: id,
          action: 'update',
          changes,
        });
      return row!;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new InputError({ code: 'validation.unique' });
    throw e;
  }
}

/** How many contact entries have this type. */
export async function contactTypeUsage(db: Db, id: number): Promise<number> {
  const [row] = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from interactions where type_id = ${id}`,
  );
  return row?.n ?? 0;
}

/** Deletes an unused contact type; one in use is refused (409) with the number of entries. */
export async function deleteContactType(db: Db, id: number, actorId: number | null): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(contactTypes).where(eq(contactTypes.id, id)).for('update');
    if (!before) throw new DomainError('error.notFound', 404);
    const count = await contactTypeUsage(tx, id);
    if (count > 0) throw new DomainError('interactions.contactTypes.inUse', 409, { count });
    await tx.delete(contactTypes).where(eq(contactTypes.id, id));
    await writeAudit(tx, {
      userId: actorId,
      entity: 'contact_type',
      entityId: id,
      action: 'delete',
      changes: { code: [before.code, null], name: [before.name, null] },
    });
  });
}

/** Adds the default types that are missing (by code); returns how many were added. */
export async function addDefaultContactTypes(db: Db, actorId: number | null): Promise<number> {
  return db.transaction(async (tx) => {
    const added = await tx
      .insert(contactTypes)
      .values(DEFAULT_CONTACT_TYPES.map(([code, name]) => ({ code, name })))
      .onConflictDoNothing()
      .returning({ id: contactTypes.id, code: contactTypes.code, name: contactTypes.name });
    for (const t of added) {
      await writeAudit(tx, {
        userId: actorId,
        entity: 'contact_type',
        entityId: t.id,
        action: 'create',
        changes: { code: [null, t.code], name: [null, t.name] },
      });
    }
    return added.length;
  });
}

// ------------------------------------------------------------------ contact entries

export type InteractionRow = {
  id: number;
  customerId: number;
  contactPersonId: number | null;
  contactPersonName: string | null;
  typeId: number;
  typeCode: string;
  typeName: string;
  text: string;
  batchId: number | null;
  createdAt: Date;
  createdBy: number | null;
  createdByName: string | null;
  createdByUsername: string | null;
  updatedAt: Date;
  version: number;
  alarm: {
    id: number;
    dueDate: string;
    message: string;
    audience: AlarmAudience;
    userId: number | null;
    userName: string | null;
    username: string | null;
    acknowledgedAt: Date | null;
  } | null;
};

type RawRow = {
  id: number | string;
  customerId: number;
  contactPersonId: number | null;
  contactPersonName: string | null;
  typeId: number;
  text: string;
  batchId: number | null;
  createdAt: string | Date;
  createdBy: number | null;
  updatedAt: string | Date;
  version: number;
  alarmId: number | string | null;
  alarmDueDate: string | null;
  alarmMessage: string | null;
  alarmAudience: AlarmAudience | null;
  alarmUserId: number | null;
  alarmAcknowledgedAt: string | Date | null;
};

const asDate = (v: string | Date) => (v instanceof Date ? v : new Date(v));

type Names = Map<string, { code: string; name: string }>;

function toRow(r: RawRow, names: Names): InteractionRow {
  const type = names.get(`t${r.typeId}`);
  const creator = r.createdBy === null ? undefined : names.get(`u${r.createdBy}`);
  const target = r.alarmUserId === null ? undefined : names.get(`u${r.alarmUserId}`);
  return {
    id: Number(r.id),
    customerId: r.customerId,
    contactPersonId: r.contactPersonId,
    contactPersonName: r.contactPersonName,
    typeId: r.typeId,
    typeCode: type?.code ?? '',
    typeName: type?.name ?? '',
    text: r.text,
    batchId: r.batchId,
    createdAt: asDate(r.createdAt),
    createdBy: r.createdBy,
    createdByName: creator?.name ?? null,
    createdByUsername: creator?.code ?? null,
    updatedAt: asDate(r.updatedAt),
    version: r.version,
    alarm:
      r.alarmId === null
        ? null
        : {
            id: Number(r.alarmId),
            dueDate: r.alarmDueDate!,
            message: r.alarmMessage!,
            audience: r.alarmAudience!,
            userId: r.alarmUserId,
            userName: target?.name ?? null,
            username: target?.code ?? null,
            acknowledgedAt: r.alarmAcknowledgedAt === null ? null : asDate(r.alarmAcknowledgedAt),
          },
  };
}

/**
 * Entries with their contact person and alarm; `where` picks them, `tail` orders and limits. The
 * type and user names come in a second small query: a six-table join took longer to plan than to run.
 */
async function selectEntries(db: Db, where: ReturnType<typeof sql>, tail: ReturnType<typeof sql>) {
  const rows = [
    ...(await db.execute<RawRow>(sql`
    select i.id, i.customer_id as "customerId", i.contact_person_id as "contactPersonId",
      case when cp.id is null then null else cp.last_name || ' ' || cp.first_name end as "contactPersonName",
      i.type_id as "typeId", i.text, i.batch_id as "batchId", i.created_at as "createdAt", i.created_by as "createdBy",
      i.updated_at as "updatedAt", i.version, a.id as "alarmId", a.due_date::text as "alarmDueDate",
      a.message as "alarmMessage", a.audience as "alarmAudience", a.user_id as "alarmUserId",
      a.acknowledged_at as "alarmAcknowledgedAt"
    from interactions i
    left join contact_persons cp on cp.id = i.contact_person_id
    left join alarms a on a.interaction_id = i.id
    where ${where}
    ${tail}`)),
  ];
  if (!rows.length) return [];
  const typeIds = [...new Set(rows.map((r) => r.typeId))];
  const userIds = [
    ...new Set(rows.flatMap((r) => [r.createdBy, r.alarmUserId]).filter((id): id is number => id !== null)),
  ];
  const names: Names = new Map();
  const found = await db.execute<{ k: string; code: string; name: string }>(sql`
    select 't' || id as k, code, name from contact_types where id = any(${intArray(typeIds)})
    union all
    select 'u' || id, username, display_name from users where id = any(${intArray(userIds)})`);
  for (const n of found) names.set(n.k, { code: n.code, name: n.name });
  return rows.map((r) => toRow(r, names));
}

/** One page of a customer's contact log, newest first (keyset on the running number). */
export async function listInteractions(
  db: Db,
  customerId: number,
  options: { before?: number | null; limit?: number } = {},
): Promise<{ rows: InteractionRow[]; next: number | null }> {
  const limit = options.limit ?? 25;
  const before = options.before ? sql` and i.id < ${options.before}` : sql``;
  const rows = await selectEntries(
    db,
    sql`i.customer_id = ${customerId}${before}`,
    sql`order by i.id desc limit ${limit + 1}`,
  );
  const more = rows.length > limit;
  if (more) rows.pop();
  return { rows, next: more ? rows[rows.length - 1]!.id : null };
}

export async function getInteraction(db: Db, id: number): Promise<InteractionRow | undefined> {
  const [row] = await selectEntries(db, sql`i.id = ${id}`, sql``);
  return row;
}

/** The organisation's contact persons for the form's select; none for persons. */
export async function contactPersonOptions(db: Db, customerId: number) {
  return db
    .select({ id: contactPersons.id, firstName: contactPersons.firstName, lastName: contactPersons.lastName })
    .from(contactPersons)
    .where(eq(contactPersons.customerId, customerId))
    .orderBy(asc(contactPersons.lastName), asc(contactPersons.firstName), asc(contactPersons.id));
}

/** Active staff users an alarm can be aimed at. */
export async function staffOptions(db: Db) {
  return db
    .select({ id: users.id, username: users.username, displayName: users.displayName })
    .from(users)
    .where(eq(users.active, true))
    .orderBy(asc(users.displayName), asc(users.id));
}

/** The id of an active user by username, or null. */
export async function activeUserId(db: Db, username: string): Promise<number | null> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.username, username), eq(users.active, true)));
  return row?.id ?? null;
}

/** Checks the references of an entry: its type, that the contact person is the customer's, the alarm's user. */
async function checkReferences(tx: Db, customerId: number, input: InteractionInput) {
  const [refs] = await tx.execute<{ type: boolean; person: boolean; user: boolean }>(sql`
    select exists (select 1 from contact_types where id = ${input.typeId}) as type,
      ${input.contactPersonId === null}::boolean or exists (select 1 from contact_persons
        where id = ${input.contactPersonId} and customer_id = ${customerId}) as person,
      ${input.alarm?.userId == null}::boolean or exists (select 1 from users
        where id = ${input.alarm?.userId ?? null}::int and active) as user`);
  const fields: Record<string, 'validation.contactType' | 'validation.invalid' | 'validation.alarmUser'> = {};
  if (!refs!.type) fields.typeId = 'validation.contactType';
  if (!refs!.person) fields.contactPersonId = 'validation.invalid';
  if (!refs!.user) fields.alarmUserId = 'validation.alarmUser';
  if (Object.keys(fields).length) throw new InputError(fields);
}

/** The fields of an entry as its audit trail records them. */
function auditFields(input: InteractionInput) {
  return {
    typeId: input.typeId,
    text: input.text,
    contactPersonId: input.contactPersonId,
    alarmDate: input.alarm?.dueDate ?? null,
    alarmMessage: input.alarm?.message ?? null,
    alarmAudience: input.alarm?.audience ?? null,
    alarmUserId: input.alarm?.userId ?? null,
  };
}

function auditFieldsOf(row: InteractionRow) {
  return {
    typeId: row.typeId,
    text: row.text,
    contactPersonId: row.contactPersonId,
    alarmDate: row.alarm?.dueDate ?? null,
    alarmMessage: row.alarm?.message ?? null,
    alarmAudience: row.alarm?.audience ?? null,
    alarmUserId: row.alarm?.userId ?? null,
  };
}

async function insertAlarm(
  tx: Db,
  interactionId: number,
  customerId: number,
  input: InteractionInput,
  actorId: number | null,
) {
  const alarm = input.alarm!;
  await tx.insert(alarms).values({
    interactionId,
    customerId,
    dueDate: alarm.dueDate,
    message: alarm.message,
    audience: alarm.audience,
    userId: alarm.audience === 'all' ? null : alarm.userId,
    createdBy: actorId,
  });
  if (alarm.audience === 'all') await lowerAllWatermarks(tx, alarm.dueDate);
}

/** Adds a contact entry (and its alarm) to a customer, with an audit entry. */
export async function createInteraction(
  db: Db,
  customerId: number,
  input: InteractionInput,
  actorId: number | null,
): Promise<InteractionRow> {
  const id = await db.transaction(async (tx) => {
    await checkReferences(tx, customerId, input);
    const [row] = await tx
      .insert(interactions)
      .values({
        customerId,
        contactPersonId: input.contactPersonId,
        typeId: input.typeId,
        text: input.text,
        createdBy: actorId,
      })
      .returning({ id: interactions.id });
    if (input.alarm) await insertAlarm(tx, row!.id, customerId, input, actorId);
    await writeAudit(tx, {
      userId: actorId,
      customerId,
      entity: 'interaction',
      entityId: row!.id,
      action: 'create',
      changes: diff(null, auditFields(input)),
    });
    return row!.id;
  });
  return (await getInteraction(db, id))!;
}

/**
 * Saves an edited entry when `version` is still the stored one (else ConflictError). The alarm is
 * added, changed or removed with it; a changed date or audience arms it again for everyone.
 */
export async function updateInteraction(
  db: Db,
  id: number,
  version: number,
  input: InteractionInput,
  actorId: number | null,
): Promise<InteractionRow> {
  await db.transaction(async (tx) => {
    const [locked] = await tx
      .select({ version: interactions.version, customerId: interactions.customerId })
      .from(interactions)
      .where(eq(interactions.id, id))
      .for('update');
    if (!locked) throw new DomainError('error.notFound', 404);
    if (locked.version !== version) throw new ConflictError();
    const before = (await getInteraction(tx, id))!;
    await checkReferences(tx, locked.customerId, input);
    const changes: AuditChanges = diff(auditFieldsOf(before), auditFields(input));
    if (Object.keys(changes).length === 0) return;
    await tx
      .update(interactions)
      .set({
        typeId: input.typeId,
        text: input.text,
        contactPersonId: input.contactPersonId,
        version: version + 1,
        updatedAt: sql`now()`,
      })
      .where(eq(interactions.id, id));
    const old = before.alarm;
    const next = input.alarm;
    if (!next && old) {
      await tx.delete(alarms).where(eq(alarms.id, old.id));
    } else if (next && !old) {
      await insertAlarm(tx, id, locked.customerId, input, actorId);
    } else if (next && old) {
      const userId = next.audience === 'all' ? null : next.userId;
      const rearm = old.dueDate !== next.dueDate || old.audience !== next.audience || old.userId !== userId;
      await tx
        .update(alarms)
        .set({
          dueDate: next.dueDate,
          message: next.message,
          audience: next.audience,
          userId,
          ...(rearm ? { acknowledgedAt: null } : {}),
        })
        .where(eq(alarms.id, old.id));
      if (rearm) {
        await tx.execute(sql`delete from alarm_acknowledgements where alarm_id = ${old.id}`);
        if (next.audience === 'all') await lowerAllWatermarks(tx, next.dueDate);
      }
    }
    await writeAudit(tx, {
      userId: actorId,
      customerId: locked.customerId,
      entity: 'interaction',
      entityId: id,
      action: 'update',
      changes,
    });
  });
  return (await getInteraction(db, id))!;
}

/** Deletes an entry (its alarm goes with it) when `version` is still the stored one. */
export async function deleteInteraction(
  db: Db,
  id: number,
  version: number,
  actorId: number | null,
): Promise<InteractionRow> {
  return db.transaction(async (tx) => {
    const [locked] = await tx
      .select({ version: interactions.version })
      .from(interactions)
      .where(eq(interactions.id, id))
      .for('update');
    if (!locked) throw new DomainError('error.notFound', 404);
    if (locked.version !== version) throw new ConflictError();
    const before = (await getInteraction(tx, id))!;
    await tx.delete(interactions).where(eq(interactions.id, id));
    const changes: AuditChanges = {};
    for (const [k, v] of Object.entries(auditFieldsOf(before)))
      if (v !== null && v !== '') changes[k] = [v, null];
    await writeAudit(tx, {
      userId: actorId,
      customerId: before.customerId,
      entity: 'interaction',
      entityId: id,
      action: 'delete',
      changes,
    });
    return before;
  });
}
