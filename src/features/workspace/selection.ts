import { type SQL, sql } from 'drizzle-orm';
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/mobile';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { streamQuery } from '../../db/cursor.js';
import type { TargetType } from './targets.js';

/*
 * The selected list (valitut, R-WS-4) as every workspace action reads it: the selected
 * targets as a subquery, and the targets as recipients of one channel — a letter to the
 * postal address, an e-mail, an SMS to a mobile number — each left out for that
 * channel's ban, a missing or invalid address, or (e-mail, SMS) an address another
 * selected recipient already has. Everything is one set-based query per use: one
 * aggregate for the counts, one ordered query for the rows (keyset pages or a cursor).
 */

/** The selected targets of one user and type: a subquery of `target_id`. */
export function selectedTargets(userId: number, targetType: TargetType): SQL {
  return sql`select target_id from selected_list
    where user_id = ${userId} and target_type = ${targetType}::workspace_target`;
}

/**
 * Where a contact entry for each selected target goes: (customer_id, contact_person_id),
 * the organisation with the contact person set for a contact person; staff have none.
 * For `interactions/batch.ts`'s `recipients`.
 */
export function selectedContactTargets(userId: number, targetType: TargetType): SQL {
  const mine = selectedTargets(userId, targetType);
  switch (targetType) {
    case 'contact_person':
      return sql`select cp.customer_id, cp.id as contact_person_id from contact_persons cp
        where cp.id in (${mine})`;
    case 'staff':
      return sql`select null::int as customer_id, null::int as contact_person_id where false`;
    default:
      return sql`select c.id as customer_id, null::int as contact_person_id from customers c
        where c.id in (${mine})`;
  }
}

// ------------------------------------------------------------------ recipients

export type Channel = 'letter' | 'email' | 'sms';
export const CHANNELS: readonly Channel[] = ['letter', 'email', 'sms'];

/** The ban each channel respects (R-REG-9). */
export const CHANNEL_BAN = { letter: 'NO_MARKETING', email: 'NO_EMAIL', sms: 'NO_SMS' } as const;

/**
 * Why a selected target gets nothing, in this order of precedence: the channel's ban;
 * no address (letter: no street, postal code or city; e-mail / SMS: empty); an address
 * that is not one (e-mail not valid by the form's rule; a number that is not a valid
 * mobile number); the same address as a recipient with a lower target id (e-mail, SMS).
 */
export type LeftOutReason = 'banned' | 'noAddress' | 'invalidAddress' | 'duplicateAddress';
export const LEFT_OUT_REASONS: readonly LeftOutReason[] = [
  'banned',
  'noAddress',
  'invalidAddress',
  'duplicateAddress',
];

export type RecipientQuery = {
  userId: number;
  targetType: TargetType;
  channel: Channel;
  /** Leave out the channel's banned recipients (default true; a label run that is not marketing says false). */
  respectBan?: boolean;
  /** Only this target of the selection (a label sheet filled with one address). */
  only?: number | null;
  /** Country of numbers written without one (default FI). */
  defaultCountry?: CountryCode;
};

/** One selected target as a recipient. */
export type Recipient = {
  targetId: number;
  /** 'person' and 'organisation' are customers; contact persons carry their organisation's address. */
  kind: 'person' | 'organisation' | 'contact_person' | 'staff';
  /** The customer a contact entry goes on (the organisation for a contact person); null for staff. */
  customerId: number | null;
  contactPersonId: number | null;
  firstName: string | null;
  lastName: string | null;
  /** Customer: its name ("Last First" for persons); staff: display name; contact person: null. */
  name: string | null;
  /** Contact person: the organisation's name. */
  organisation: string | null;
  language: 'fi' | 'sv' | 'en';
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string;
  /**
   * The address this channel uses: letter "street, postal code city"; e-mail trimmed and
   * lower-cased; SMS in E.164 (+358401234567). As written when invalid; null when missing.
   */
  address: string | null;
  /** Null: gets the message / letter. */
  reason: LeftOutReason | null;
};

export type RecipientCounts = {
  /** Targets on the selected list that still exist. */
  selected: number;
  /** Of those, the ones looked at (all, or the one of `only`). */
  considered: number;
  /** The ones that get it. */
  recipients: number;
  /** The ones left out, by reason (each counted once, under its first reason). */
  leftOut: Record<LeftOutReason, number>;
};

/**
 * Every selected target of one user and type with the columns every channel needs;
 * missing targets (a deleted contact person) are not rows. Customers (person,
 * organisation, agent, guardian) by their own address; contact persons by their own
 * name, e-mail and mobile with their organisation's name and postal address; staff by
 * display name and e-mail (no postal address, no mobile, no bans).
 */
function targetRows(userId: number, targetType: TargetType): SQL {
  const mine = sql`s.user_id = ${userId} and s.target_type = ${targetType}::workspace_target`;
  switch (targetType) {
    case 'contact_person':
      return sql`
        select cp.id as target_id, 'contact_person'::text as kind, o.id as customer_id,
          cp.id as contact_person_id, cp.first_name, cp.last_name, null::text as name,
          o.name as organisation, cp.language::text as language, o.street_address as street,
          o.postal_code, o.city, o.country::text as country, cp.email, cp.mobile,
          cp.no_marketing, cp.no_email, cp.no_sms, lower(cp.last_name || ' ' || cp.first_name) as sort_name
        from selected_list s
        join contact_persons cp on cp.id = s.target_id
        join customers o on o.id = cp.customer_id
        where ${mine}`;
    case 'staff':
      return sql`
        select u.id as target_id, 'staff'::text as kind, null::int as customer_id,
          null::int as contact_person_id, null::text as first_name, null::text as last_name,
          u.display_name as name, null::text as organisation, u.language::text as language,
          null::text as street, null::text as postal_code, null::text as city, 'FI'::text as country,
          u.email, null::text as mobile, false as no_marketing, false as no_email, false as no_sms,
          lower(u.display_name) as sort_name
        from selected_list s
        join users u on u.id = s.target_id
        where ${mine}`;
    default:
      return sql`
        select c.id as target_id, c.type::text as kind, c.id as customer_id,
          null::int as contact_person_id, c.first_name, c.last_name, c.name,
          null::text as organisation, c.language::text as language, c.street_address as street,
          c.postal_code, c.city, c.country::text as country, c.email, c.mobile,
          c.no_marketing, c.no_email, c.no_sms, lower(c.name) as sort_name
        from selected_list s
        join customers c on c.id = s.target_id
        where ${mine}`;
  }
}

/** The text is missing or only spaces. */
const blank = (column: SQL) => sql`nullif(btrim(${column}), '') is null`;

/**
 * The e-mail rule of the forms (zod's `z.email()`, after trimming and lower-casing), as
 * a PostgreSQL regular expression: the same pattern text, which both dialects read alike.
 */
export const EMAIL_PATTERN = z.regexes.email.source;

// ------------------------------------------------------------------ mobile numbers

/** A number as an SMS gateway takes it (E.164), or null when it is not a valid mobile number. */
export function mobileE164(raw: string, defaultCountry: CountryCode = 'FI'): string | null {
  const parsed = parsePhoneNumberFromString(raw, defaultCountry);
  // The mobile metadata knows only numbers that can take an SMS: a landline is not valid here.
  return parsed?.isValid() ? parsed.number : null;
}

/** Numbers already classified (raw text → E.164 or null), per default country; bounded. */
const classifiedNumbers = new Map<string, string | null>();
const MAX_CLASSIFIED = 500_000;

function classify(raws: string[], defaultCountry: CountryCode): (string | null)[] {
  if (classifiedNumbers.size + raws.length > MAX_CLASSIFIED) classifiedNumbers.clear();
  return raws.map((raw) => {
    const key = `${defaultCountry}:${raw}`;
    let e164 = classifiedNumbers.get(key);
    if (e164 === undefined) {
      e164 = mobileE164(raw, defaultCountry);
      classifiedNumbers.set(key, e164);
    }
    return e164;
  });
}

/**
 * The selection's mobile numbers as a relation (raw, e164): libphonenumber decides (no
 * SQL can), so the distinct numbers are read once, classified here, and sent back as two
 * arrays to join on.
 */
async function mobileNumbers(db: Db, rows: SQL, defaultCountry: CountryCode): Promise<SQL> {
  const found = await db.execute<{ raw: string }>(sql`
    select distinct btrim(mobile) as raw from (${rows}) r where nullif(btrim(mobile), '') is not null`);
  const raws = found.map((r) => r.raw);
  const e164 = classify(raws, defaultCountry);
  return sql`select * from unnest(${textArray(raws)}::text[], ${textArray(e164)}::text[]) as p(raw, e164)`;
}

/** A PostgreSQL array literal of texts ('{"a","b",NULL}'), one parameter however long. */
function textArray(values: (string | null)[]): string {
  const item = (v: string | null) => (v === null ? 'NULL' : `"${v.replace(/["\\]/g, (m) => `\\${m}`)}"`);
  return `{${values.map(item).join(',')}}`;
}

// ------------------------------------------------------------------ the recipient set

/**
 * Every selected target as a recipient of the channel, one row each with `reason`
 * (null: gets it) and `chosen` (within `only`); unordered. Columns are snake_case as in
 * targetRows plus `address` and `reason`. Async because SMS numbers are classified first.
 */
export async function recipientSet(db: Db, q: RecipientQuery): Promise<SQL> {
  const rows = targetRows(q.userId, q.targetType);
  const respectBan = q.respectBan ?? true;
  const only = q.only ?? null;
  let address: SQL;
  let valid: SQL;
  let ban: SQL;
  let join = sql``;
  switch (q.channel) {
    case 'letter':
      ban = sql`r.no_marketing`;
      address = sql`case when not (${blank(sql`r.street`)} or ${blank(sql`r.postal_code`)} or ${blank(sql`r.city`)})
        then btrim(r.street) || ', ' || btrim(r.postal_code) || ' ' || btrim(r.city) end`;
      valid = sql`true`;
      break;
    case 'email':
      ban = sql`r.no_email`;
      address = sql`lower(nullif(btrim(r.email), ''))`;
      valid = sql`lower(btrim(r.email)) ~ ${EMAIL_PATTERN}`;
      break;
    case 'sms':
      ban = sql`r.no_sms`;
      join = sql`left join (${await mobileNumbers(db, rows, q.defaultCountry ?? 'FI')}) p
        on p.raw = btrim(r.mobile)`;
      address = sql`coalesce(p.e164, nullif(btrim(r.mobile), ''))`;
      valid = sql`p.e164 is not null`;
      break;
  }
  // Duplicates only among those that would get it: the lowest target id keeps the address.
  const eligible = sql`x.chosen and not x.banned and x.address is not null and x.valid`;
  const duplicates =
    q.channel === 'letter'
      ? sql`false`
      : sql`${eligible} and row_number() over (
          partition by case when ${eligible} then x.address end order by x.target_id) > 1`;
  return sql`
    select x.target_id, x.kind, x.customer_id, x.contact_person_id, x.first_name, x.last_name, x.name,
      x.organisation, x.language, x.street, x.postal_code, x.city, x.country, x.sort_name, x.address,
      x.chosen,
      case when x.banned then 'banned'
           when x.address is null then 'noAddress'
           when not x.valid then 'invalidAddress'
           when ${duplicates} then 'duplicateAddress' end as reason
    from (
      select r.*, ${address} as address, ${valid} as valid, (${respectBan}::boolean and ${ban}) as banned,
        (${only}::int is null or r.target_id = ${only}::int) as chosen
      from (${rows}) r ${join}
    ) x`;
}

/** How many of the selection get it, and how many are left out for which reason: one aggregate query. */
export async function countRecipients(db: Db, q: RecipientQuery): Promise<RecipientCounts> {
  const [row] = await db.execute<Record<string, number>>(sql`
    select count(*)::int as selected,
      count(*) filter (where chosen)::int as considered,
      count(*) filter (where chosen and reason is null)::int as recipients,
      count(*) filter (where chosen and reason = 'banned')::int as "banned",
      count(*) filter (where chosen and reason = 'noAddress')::int as "noAddress",
      count(*) filter (where chosen and reason = 'invalidAddress')::int as "invalidAddress",
      count(*) filter (where chosen and reason = 'duplicateAddress')::int as "duplicateAddress"
    from (${await recipientSet(db, q)}) s`);
  const n = (k: string) => row?.[k] ?? 0;
  return {
    selected: n('selected'),
    considered: n('considered'),
    recipients: n('recipients'),
    leftOut: {
      banned: n('banned'),
      noAddress: n('noAddress'),
      invalidAddress: n('invalidAddress'),
      duplicateAddress: n('duplicateAddress'),
    },
  };
}

export type RowsOptions = {
  /** 'receiving' (default): those that get it; 'leftOut': the others, with their reason; 'all'. */
  which?: 'receiving' | 'leftOut' | 'all';
  /** Keyset: rows with a target id above this. */
  after?: number | null;
  limit?: number;
};

const RECIPIENT_COLUMNS = sql`target_id as "targetId", kind, customer_id as "customerId",
  contact_person_id as "contactPersonId", first_name as "firstName", last_name as "lastName", name,
  organisation, language, street, postal_code as "postalCode", city, country, address, reason`;

/**
 * The recipient rows as one query in target id order (Recipient's camelCase columns):
 * for a keyset page, a cursor, or an INSERT … SELECT that freezes a mailing's recipients.
 */
export async function recipientRowsQuery(db: Db, q: RecipientQuery, options: RowsOptions = {}) {
  const which = options.which ?? 'receiving';
  const filter =
    which === 'receiving'
      ? sql`and reason is null`
      : which === 'leftOut'
        ? sql`and reason is not null`
        : sql``;
  return sql`
    select ${RECIPIENT_COLUMNS}
    from (${await recipientSet(db, q)}) s
    where chosen ${filter}
      ${options.after != null ? sql`and target_id > ${options.after}` : sql``}
    order by target_id
    ${options.limit !== undefined ? sql`limit ${options.limit}` : sql``}`;
}

/** One page (or all, without a limit) of recipient rows in target id order. */
export async function recipientRows(db: Db, q: RecipientQuery, options: RowsOptions = {}) {
  const rows = await db.execute<Recipient>(await recipientRowsQuery(db, q, options));
  return [...rows];
}

/** The recipient rows in target id order, `batch` at a time through a cursor (never all in memory). */
export async function* streamRecipients(
  db: Db,
  q: RecipientQuery,
  options: Omit<RowsOptions, 'limit'> & { batch?: number } = {},
): AsyncGenerator<Recipient[]> {
  yield* streamQuery<Recipient>(db, await recipientRowsQuery(db, q, options), options.batch ?? 1000);
}

/**
 * Recipient rows in an order of the caller's, at most `limit` rows: `order` over the
 * recipient set's snake_case columns (e.g. labels: btrim(postal_code), sort_name, target_id).
 */
export async function orderedRecipients(
  db: Db,
  q: RecipientQuery,
  order: SQL,
  limit: number,
  which: RowsOptions['which'] = 'receiving',
): Promise<Recipient[]> {
  const filter =
    which === 'receiving'
      ? sql`and reason is null`
      : which === 'leftOut'
        ? sql`and reason is not null`
        : sql``;
  const rows = await db.execute<Recipient>(sql`
    select ${RECIPIENT_COLUMNS} from (${await recipientSet(db, q)}) s
    where chosen ${filter}
    order by ${order}
    limit ${limit}`);
  return [...rows];
}
