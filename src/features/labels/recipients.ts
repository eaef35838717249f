import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { TargetType } from '../workspace/lists.js';

/*
 * The recipients of a label run, read from the user's selected list (valitut) in one
 * set-based query per use — never one query per row. Every target type is turned into
 * the same columns, so counting, printing and logging share one definition.
 */

/** One row of the selected list as an address. */
export type Recipient = {
  targetId: number;
  /** 'person' and 'organisation' are customers; contact persons carry their organisation's address. */
  kind: 'person' | 'organisation' | 'contact_person' | 'staff';
  firstName: string | null;
  lastName: string | null;
  name: string | null;
  organisation: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string;
  /** The customer a contact entry goes on (the organisation for a contact person); null for staff. */
  customerId: number | null;
  contactPersonId: number | null;
};

/** What a run leaves out and why, and what it prints. */
export type RecipientCounts = {
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

/** The address column `column` of the recipient rows `r` is missing or only spaces. */
const blank = (column: string) => sql`nullif(btrim(r.${sql.identifier(column)}), '') is null`;

/**
 * The selected list of one user and target type as address rows:
 * customers (person, organisation, agent, guardian) by their own address; contact persons
 * by name and their organisation's name and address; staff by name (no address).
 */
function recipientRows(userId: number, targetType: TargetType): SQL {
  const mine = sql`s.user_id = ${userId} and s.target_type = ${targetType}::workspace_target`;
  switch (targetType) {
    case 'contact_person':
      return sql`
        select cp.id as target_id, 'contact_person'::text as kind, cp.first_name, cp.last_name,
          null::text as name, o.name as organisation, o.street_address as street, o.postal_code, o.city,
          o.country::text as country, cp.no_marketing as banned, o.id as customer_id,
          cp.id as contact_person_id, lower(cp.last_name || ' ' || cp.first_name) as sort_name
        from selected_list s
        join contact_persons cp on cp.id = s.target_id
        join customers o on o.id = cp.customer_id
        where ${mine}`;
    case 'staff':
      return sql`
        select u.id as target_id, 'staff'::text as kind, null::text as first_name, null::text as last_name,
          u.display_name as name, null::text as organisation, null::text as street, null::text as postal_code,
          null::text as city, 'FI'::text as country, false as banned, null::int as customer_id,
          null::int as contact_person_id, lower(u.display_name) as sort_name
        from selected_list s
        join users u on u.id = s.target_id
        where ${mine}`;
    default:
      return sql`
        select c.id as target_id, c.type::text as kind, c.first_name, c.last_name, c.name,
          null::text as organisation, c.street_address as street, c.postal_code, c.city,
          c.country::text as country, c.no_marketing as banned, c.id as customer_id,
          null::int as contact_person_id, lower(c.name) as sort_name
        from selected_list s
        join customers c on c.id = s.target_id
        where ${mine}`;
  }
}

/** The address rows with whether they print in this run. */
function classified(userId: number, targetType: TargetType, marketing: boolean, fillWith: number | null) {
  return sql`
    select r.*,
      (${fillWith}::int is null or r.target_id = ${fillWith}::int) as chosen,
      (${marketing}::boolean and r.banned) as left_banned,
      not (${blank('street')} or ${blank('postal_code')} or ${blank('city')}) as complete
    from (${recipientRows(userId, targetType)}) r`;
}

export type RecipientQuery = {
  userId: number;
  targetType: TargetType;
  marketing: boolean;
  fillWith: number | null;
};

/** How many of the selection print, and how many are left out for which reason: one aggregate query. */
export async function countRecipients(db: Db, q: RecipientQuery): Promise<RecipientCounts> {
  const [row] = await db.execute<RecipientCounts>(sql`
    select count(*)::int as selected,
      count(*) filter (where chosen)::int as considered,
      count(*) filter (where chosen and left_banned)::int as banned,
      count(*) filter (where chosen and not left_banned and not complete)::int as incomplete,
      count(*) filter (where chosen and not left_banned and complete)::int as printable
    from (${classified(q.userId, q.targetType, q.marketing, q.fillWith)}) x`);
  return row ?? { selected: 0, considered: 0, banned: 0, incomplete: 0, printable: 0 };
}

/**
 * The recipients that get labels, in postal-code order (then name): one query.
 * At most `limit` rows; the caller refuses runs larger than that before asking.
 */
export async function printableRecipients(db: Db, q: RecipientQuery, limit: number): Promise<Recipient[]> {
  const rows = await db.execute<Recipient>(sql`
    select target_id as "targetId", kind, first_name as "firstName", last_name as "lastName", name,
      organisation, street, postal_code as "postalCode", city, country,
      customer_id as "customerId", contact_person_id as "contactPersonId"
    from (${classified(q.userId, q.targetType, q.marketing, q.fillWith)}) x
    where chosen and not left_banned and complete
    order by btrim(postal_code), sort_name, target_id
    limit ${limit}`);
  return [...rows];
}

/** A few recipients of the selection to pick from when filling a sheet with one address. */
export async function fillChoices(
  db: Db,
  userId: number,
  targetType: TargetType,
  limit: number,
): Promise<{ id: number; label: string }[]> {
  const rows = await db.execute<{ id: number; label: string }>(sql`
    select target_id as id,
      concat_ws(', ',
        coalesce(nullif(btrim(concat_ws(' ', first_name, last_name)), ''), name),
        organisation, nullif(btrim(concat_ws(' ', btrim(postal_code), city)), '')) as label
    from (${recipientRows(userId, targetType)}) r
    order by sort_name, target_id
    limit ${limit}`);
  return [...rows];
}
