import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  countRecipients,
  orderedRecipients,
  type Recipient,
  type RecipientQuery,
  recipientSet,
} from '../workspace/selection.js';
import type { TargetType } from '../workspace/targets.js';

/*
 * The recipients of a label run: the selected list read as letter recipients through the
 * workspace selection (workspace/selection.ts), one set-based query per use.
 */

export type { Recipient };

/** What a run leaves out and why, and what it prints. */
export type LabelCounts = {
  /** Rows of the selected list of this target type. */
  selected: number;
  /** Rows the run looks at: all of them, or the one picked to fill a sheet. */
  considered: number;
  /** Left out of a marketing run for the NO_MARKETING ban. */
  banned: number;
  /** Left out for an incomplete address (no street, postal code or city); banned ones are not counted again. */
  incomplete: number;
  /** Recipients that get labels. */
  printable: number;
};

export type LabelQuery = {
  userId: number;
  targetType: TargetType;
  marketing: boolean;
  fillWith: number | null;
};

/** A label run as a letter query of the selection: the ban only on marketing runs. */
const letters = (q: LabelQuery): RecipientQuery => ({
  userId: q.userId,
  targetType: q.targetType,
  channel: 'letter',
  respectBan: q.marketing,
  only: q.fillWith,
});

/** How many of the selection print, and how many are left out for which reason: one aggregate query. */
export async function countLabelRecipients(db: Db, q: LabelQuery): Promise<LabelCounts> {
  const c = await countRecipients(db, letters(q));
  return {
    selected: c.selected,
    considered: c.considered,
    banned: c.leftOut.banned,
    incomplete: c.leftOut.noAddress,
    printable: c.recipients,
  };
}

/**
 * The recipients that get labels, in postal-code order (then name): one query.
 * At most `limit` rows; the caller refuses runs larger than that before asking.
 */
export function printableRecipients(db: Db, q: LabelQuery, limit: number): Promise<Recipient[]> {
  return orderedRecipients(db, letters(q), sql`btrim(postal_code), sort_name, target_id`, limit);
}

/** A few recipients of the selection to pick from when filling a sheet with one address. */
export async function fillChoices(
  db: Db,
  userId: number,
  targetType: TargetType,
  limit: number,
): Promise<{ id: number; label: string }[]> {
  const all = await recipientSet(db, { userId, targetType, channel: 'letter', respectBan: false });
  const rows = await db.execute<{ id: number; label: string }>(sql`
    select target_id as id,
      concat_ws(', ',
        coalesce(nullif(btrim(concat_ws(' ', first_name, last_name)), ''), name),
        organisation, nullif(btrim(concat_ws(' ', btrim(postal_code), city)), '')) as label
    from (${all}) r
    order by sort_name, target_id
    limit ${limit}`);
  return [...rows];
}
