import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { intArray } from '../../db/sql.js';
import { PG_INT_MAX } from '../../lib/ids.js';
import { fieldRows, pickFields, STATIC_CATALOGUE } from '../customers/fields.js';
import { compileSearch } from './criteria.js';
import { type TargetEntity, type TargetType, targetEntity } from './targets.js';

/*
 * The CRM workspace lists (R-WS-3, R-WS-4): per user and target type, a found list
 * (löydetyt tietueet) and a selected list (valitut). Searches add to the found list;
 * rows move between the lists set-based, one statement each; pages are keyset pages on
 * target_id along the primary key (customers come in the order they were registered).
 */

/** Re-exported for callers that took them from here before targets.ts. */
export { isTargetType, TARGET_TYPES, type TargetType } from './targets.js';
export type ListName = 'found' | 'selected';

const table = (list: ListName) => (list === 'found' ? sql`found_list` : sql`selected_list`);

/** How many rows the user's selected list of this target type holds. */
export async function selectedCount(db: Db, userId: number, targetType: TargetType): Promise<number> {
  return listCount(db, userId, targetType, 'selected');
}

/** Exact number of rows in one list. */
export async function listCount(db: Db, userId: number, targetType: TargetType, list: ListName) {
  const [row] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from ${table(list)} where user_id = ${userId} and target_type = ${targetType}`);
  return row?.n ?? 0;
}

/** Pages show counts up to this; beyond it "10 000+". */
export const COUNT_CAP = 10_000;

/** Rows in one list, counted up to `cap` (then cap + 1 means "more"): a bounded index scan. */
export async function cappedCount(
  db: Db,
  userId: number,
  targetType: TargetType,
  list: ListName,
  cap = COUNT_CAP,
) {
  const [row] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from (select 1 from ${table(list)}
      where user_id = ${userId} and target_type = ${targetType} limit ${cap + 1}) x`);
  return row?.n ?? 0;
}

/** The target types the user's lists hold rows of (either list). */
export async function typesInLists(db: Db, userId: number): Promise<TargetType[]> {
  const rows = await db.execute<{ t: TargetType }>(sql`
    select t from (select distinct target_type::text as t from found_list where user_id = ${userId}
      union select distinct target_type::text from selected_list where user_id = ${userId}) x order by t`);
  return rows.map((r) => r.t);
}

// ------------------------------------------------------------------ search

/** Serialises the list changes of one user (two tabs, a double click), inside the caller's transaction. */
const lockUserLists = (tx: Db, userId: number) =>
  tx.execute(sql`select pg_advisory_xact_lock(hashtext('workspace_lists'), ${userId})`);

export type SearchResult = {
  /** Targets that match the criteria. */
  matched: number;
  /** Of those, how many were new to the found list (not on it, nor on the selected list). */
  added: number;
  /** Rows in the found list afterwards. */
  foundCount: number;
};

/**
 * Runs a search and adds its results to the user's found list, leaving out what is on
 * either list already: one INSERT … SELECT … ON CONFLICT DO NOTHING, so a search that
 * fails adds nothing. Throws CriteriaError for bad criteria (nothing is run then).
 */
export async function runSearch(
  db: Db,
  userId: number,
  targetType: TargetType,
  criteria: unknown,
): Promise<SearchResult> {
  const select = await compileSearch(db, targetType, criteria);
  return db.transaction(async (tx) => {
    await lockUserLists(tx, userId);
    const [row] = await tx.execute<{ matched: number; added: number }>(sql`
      with m as (${select}),
      ins as (
        insert into found_list (user_id, target_type, target_id)
        select ${userId}, ${targetType}, m.target_id from m
        where not exists (select 1 from selected_list s
          where s.user_id = ${userId} and s.target_type = ${targetType} and s.target_id = m.target_id)
        on conflict do nothing
        returning 1)
      select (select count(*) from m)::int as matched, (select count(*) from ins)::int as added`);
    const foundCount = await listCount(tx, userId, targetType, 'found');
    return { matched: row!.matched, added: row!.added, foundCount };
  });
}

// ------------------------------------------------------------------ moves

export type Which = { all: true } | { ids: number[] };

const whichCondition = (which: Which): SQL =>
  'all' in which ? sql`true` : sql`target_id = any(${intArray(which.ids.map((n) => Math.trunc(n)))})`;

/**
 * Moves rows from one list to the other in one statement: DELETE … RETURNING feeding an
 * INSERT … SELECT that skips rows the other list has already. The user's lists are locked
 * for the transaction, so the NOT EXISTS cannot race; a plain insert is half the work of
 * ON CONFLICT's speculative insertion, and rows go in index order. A crash may lose the
 * last moves (synchronous_commit off), never half of one.
 */
async function move(db: Db, userId: number, targetType: TargetType, which: Which, from: ListName) {
  const to: ListName = from === 'found' ? 'selected' : 'found';
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local synchronous_commit = off`);
    await tx.execute(sql`set local work_mem = '32MB'`);
    await lockUserLists(tx, userId);
    const [row] = await tx.execute<{ moved: number }>(sql`
      with moved as (
        delete from ${table(from)}
        where user_id = ${userId} and target_type = ${targetType} and ${whichCondition(which)}
        returning target_id),
      ins as (
        insert into ${table(to)} (user_id, target_type, target_id)
        select ${userId}, ${targetType}, m.target_id from moved m
        where not exists (select 1 from ${table(to)} o
          where o.user_id = ${userId} and o.target_type = ${targetType} and o.target_id = m.target_id)
        order by m.target_id)
      select count(*)::int as moved from moved`);
    return row!.moved;
  });
}

/** Found → selected ("Siirrä valittuun", "Siirrä kaikki"). Returns how many rows moved. */
export const moveToSelected = (db: Db, userId: number, targetType: TargetType, which: Which) =>
  move(db, userId, targetType, which, 'found');

/** Selected → found ("Palauta rivi", "Palauta kaikki"). Returns how many rows moved. */
export const returnToFound = (db: Db, userId: number, targetType: TargetType, which: Which) =>
  move(db, userId, targetType, which, 'selected');

/** Removes rows from the found list ("Poista rivi", "Poista kaikki"). Returns how many. */
export async function removeFromFound(db: Db, userId: number, targetType: TargetType, which: Which) {
  return db.transaction(async (tx) => {
    await lockUserLists(tx, userId);
    const rows = await tx.execute(sql`
      delete from found_list
      where user_id = ${userId} and target_type = ${targetType} and ${whichCondition(which)}`);
    return rows.count;
  });
}

// ------------------------------------------------------------------ pages

export type ListRow = {
  id: number;
  /** Customer number, the organisation's number for a contact person, username for staff. */
  code: string | null;
  name: string | null;
  /** Contact person: title; staff: e-mail; customers: e-mail. */
  info: string | null;
  /** Customers: postal code and city; contact person: organisation name. */
  place: string | null;
  /** The target no longer exists (e.g. a deleted contact person). */
  missing: boolean;
};

export type ListPage = { rows: ListRow[]; next: string | null };

/** Opaque keyset cursor: base64url of the last target_id of the page. */
export function encodeCursor(id: number): string {
  return Buffer.from(`t${id}`).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): number | null {
  if (!cursor || cursor.length > 40) return null;
  const m = /^t(\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const id = m ? Number(m[1]) : Number.NaN;
  return id >= 0 && id <= PG_INT_MAX ? id : null;
}

/**
 * What a list row shows, as field catalogue codes per kind of target: customers by number,
 * name, e-mail and postal code + city; contact persons by their organisation's number,
 * their name, title and organisation; staff by username, name and e-mail.
 */
const DISPLAY: Record<TargetEntity, { code: string; name: string; info: string; place: string | null }> = {
  customer: { code: 'number', name: 'name', info: 'email', place: 'postalCity' },
  contact_person: { code: 'number', name: 'name', info: 'title', place: 'company' },
  staff: { code: 'username', name: 'name', info: 'email', place: null },
};

const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** One keyset page of a list, in target_id order, `limit` rows after `cursor`. */
export async function listPage(
  db: Db,
  userId: number,
  targetType: TargetType,
  list: ListName,
  options: { limit: number; cursor?: string | null },
): Promise<ListPage> {
  const after = decodeCursor(options.cursor);
  const show = DISPLAY[targetEntity(targetType)];
  const codes = [show.code, show.name, show.info, ...(show.place ? [show.place] : [])];
  const rows = await fieldRows(db, {
    targetType,
    fields: pickFields(STATIC_CATALOGUE, targetType, codes),
    targets: sql`select target_id from ${table(list)}
      where user_id = ${userId} and target_type = ${targetType}
        ${after !== null ? sql`and target_id > ${after}` : sql``}
      order by target_id limit ${options.limit + 1}`,
  });
  const more = rows.length > options.limit;
  const page: ListRow[] = rows.slice(0, options.limit).map((r) => ({
    id: r.id,
    code: text(r[show.code]),
    name: text(r[show.name]),
    info: text(r[show.info]),
    place: show.place ? text(r[show.place]) : null,
    missing: r.missing,
  }));
  const last = page.at(-1);
  return { rows: page, next: more && last ? encodeCursor(last.id) : null };
}
