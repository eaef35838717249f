import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { type AuditChanges, banHistory, contactPersons, customers, users } from '../../db/schema/index.js';
import { translator } from '../../i18n/index.js';
import { DomainError } from '../../lib/errors.js';
import { writeAudit } from '../audit/queries.js';

/*
 * Marketing bans (markkinointikiellot, R-REG-9) of person customers and contact persons.
 * The current state is three columns on the recipient; every change is a ban_history row
 * with who, when and where it came from (consent history).
 */

export type BanKind = (typeof banHistory.$inferSelect)['ban'];
export type BanSource = (typeof banHistory.$inferSelect)['source'];
export type Bans = { noMarketing: boolean; noSms: boolean; noEmail: boolean };
export type BanTarget = { customerId: number } | { contactPersonId: number };

/** The three bans: column name on the recipient and code in the history. */
export const BANS = [
  { field: 'noMarketing', kind: 'NO_MARKETING' },
  { field: 'noSms', kind: 'NO_SMS' },
  { field: 'noEmail', kind: 'NO_EMAIL' },
] as const satisfies readonly { field: keyof Bans; kind: BanKind }[];

type Recipient = Bans & {
  /** The customer whose change history gets the audit entry (a contact person's organisation). */
  auditCustomerId: number;
  /** A contact person's name, to say whose bans changed in the organisation's history. */
  contactPersonName: string | null;
};

/** The recipient's row (locked for a change when `lock`); 404 when missing, 400 for organisations. */
async function readRecipient(tx: Db, target: BanTarget, lock: boolean): Promise<Recipient> {
  if ('customerId' in target) {
    const query = tx
      .select({
        type: customers.type,
        noMarketing: customers.noMarketing,
        noSms: customers.noSms,
        noEmail: customers.noEmail,
      })
      .from(customers)
      .where(eq(customers.id, target.customerId));
    const [c] = await (lock ? query.for('update') : query);
    if (!c) throw new DomainError('error.notFound', 404);
    if (c.type !== 'person') throw new DomainError('bans.onlyPersons', 400);
    const { type: _type, ...bans } = c;
    return { ...bans, auditCustomerId: target.customerId, contactPersonName: null };
  }
  const query = tx
    .select({
      customerId: contactPersons.customerId,
      firstName: contactPersons.firstName,
      lastName: contactPersons.lastName,
      noMarketing: contactPersons.noMarketing,
      noSms: contactPersons.noSms,
      noEmail: contactPersons.noEmail,
    })
    .from(contactPersons)
    .where(eq(contactPersons.id, target.contactPersonId));
  const [p] = await (lock ? query.for('update') : query);
  if (!p) throw new DomainError('error.notFound', 404);
  const { customerId, firstName, lastName, ...bans } = p;
  return { ...bans, auditCustomerId: customerId, contactPersonName: `${firstName} ${lastName}` };
}

/** The current bans of a recipient; 404 when missing, 400 for an organisation customer. */
export async function bansOf(db: Db, target: BanTarget): Promise<Bans> {
  const { noMarketing, noSms, noEmail } = await readRecipient(db, target, false);
  return { noMarketing, noSms, noEmail };
}

const fi = translator('fi');

/**
 * Sets the bans named in `changes` (others stay as they are). Only bans whose value really
 * changes are written: one ban_history row each and one audit entry on the customer (for a
 * contact person, on its organisation), all in one transaction. Returns the bans now in
 * force and the kinds that changed.
 */
export async function setBans(
  db: Db,
  target: BanTarget,
  changes: Partial<Bans>,
  actor: { source: BanSource; userId: number | null },
): Promise<{ bans: Bans; changed: BanKind[] }> {
  const run = async (tx: Db) => {
    const before = await readRecipient(tx, target, true);
    const after: Bans = {
      noMarketing: changes.noMarketing ?? before.noMarketing,
      noSms: changes.noSms ?? before.noSms,
      noEmail: changes.noEmail ?? before.noEmail,
    };
    const changed = BANS.filter((b) => after[b.field] !== before[b.field]);
    if (changed.length === 0) return { bans: after, changed: [] };

    if ('customerId' in target) {
      await tx
        .update(customers)
        .set({ ...after, updatedAt: sql`now()`, updatedBy: actor.userId })
        .where(eq(customers.id, target.customerId));
    } else {
      await tx
        .update(contactPersons)
        .set({ ...after, updatedAt: sql`now()` })
        .where(eq(contactPersons.id, target.contactPersonId));
    }
    await tx.insert(banHistory).values(
      changed.map((b) => ({
        customerId: 'customerId' in target ? target.customerId : null,
        contactPersonId: 'contactPersonId' in target ? target.contactPersonId : null,
        ban: b.kind,
        active: after[b.field],
        source: actor.source,
        userId: actor.userId,
      })),
    );
    const audit: AuditChanges = {};
    for (const b of changed) {
      // A customer's own bans are labelled by field; a contact person's carry the person's name.
      const key = before.contactPersonName ? `${before.contactPersonName}: ${fi(`bans.${b.kind}`)}` : b.field;
      audit[key] = after[b.field] ? [null, '✓'] : ['✓', null];
    }
    await writeAudit(tx, {
      userId: actor.userId,
      customerId: before.auditCustomerId,
      entity: 'contactPersonId' in target ? 'contact_person_ban' : 'ban',
      entityId: 'contactPersonId' in target ? target.contactPersonId : target.customerId,
      action: 'update',
      changes: audit,
    });
    return { bans: after, changed: changed.map((b) => b.kind) };
  };
  // Inside a caller's transaction (the contact-person form) this runs as part of it.
  return db.transaction(run);
}

export type BanHistoryRow = {
  ban: BanKind;
  active: boolean;
  source: BanSource;
  at: Date;
  username: string | null;
  userName: string | null;
};

/** A recipient's ban changes, newest first. */
export async function banHistoryFor(db: Db, target: BanTarget, limit = 200): Promise<BanHistoryRow[]> {
  return db
    .select({
      ban: banHistory.ban,
      active: banHistory.active,
      source: banHistory.source,
      at: banHistory.at,
      username: users.username,
      userName: users.displayName,
    })
    .from(banHistory)
    .leftJoin(users, eq(users.id, banHistory.userId))
    .where(
      'customerId' in target
        ? eq(banHistory.customerId, target.customerId)
        : eq(banHistory.contactPersonId, target.contactPersonId),
    )
    .orderBy(desc(banHistory.id))
    .limit(limit);
}
