import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { subtreeIds } from '../settings/groups/queries.js';

/*
 * Finding customers: the list page's filters with keyset pages, and the as-you-type
 * quick search (number, name, e-mail, phone, business id, city; typo-tolerant).
 */

export type ListFilters = {
  q?: string;
  kindId?: number;
  groupId?: number;
  city?: string;
  archived?: 'active' | 'archived' | 'all';
  sort?: 'number' | 'name';
  after?: string;
  limit?: number;
};

export type ListRow = {
  id: number;
  number: number;
  type: 'person' | 'organisation';
  name: string;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  city: string | null;
  postalCode: string | null;
  businessId: string | null;
  kindCode: string;
  archived: boolean;
};

const listColumns = sql`c.id, c.number, c.type, c.name, c.email, c.phone, c.mobile, c.city, c.postal_code as "postalCode",
  c.business_id as "businessId", k.code as "kindCode", c.archived_at is not null as archived`;

/** Digits of the query when it looks like a phone number or a customer number. */
function digitsOf(q: string): string | null {
  return /^[+\d\s()-]+$/.test(q) ? q.replace(/\D/g, '') : null;
}

/**
 * The match condition of the quick search: number, phone digits, business id,
 * or the name/e-mail/city text, typo-tolerant through trigram word similarity.
 */
function matchCondition(q: string): SQL {
  const text = q.toLowerCase();
  const digits = digitsOf(q);
  const parts: SQL[] = [];
  if (digits) {
    if (digits.length <= 9) parts.push(sql`c.number = ${Number(digits)}`);
    if (digits.length >= 4) {
      // Finnish numbers are stored as +358 …; "040 123" is typed without the country code.
      const local = digits.startsWith('0') ? digits.slice(1) : digits;
      parts.push(sql`replace(c.phone_digits, ' ', '') like ${`%${local}%`}`);
    }
    if (/^\d{7}-?\d$/.test(q))
      parts.push(sql`c.business_id = ${q.includes('-') ? q : `${q.slice(0, 7)}-${q.slice(7)}`}`);
  }
  if (!digits || /[a-zäöå@.]/i.test(q)) {
    parts.push(sql`c.search_text like ${`%${text.replace(/[%_\\]/g, '\\$&')}%`}`);
    if (text.length >= 3) parts.push(sql`${text} <% c.search_text`);
  }
  return sql`(${sql.join(parts, sql` or `)})`;
}

type Cursor = { n?: number; name?: string; id?: number };

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}
function decodeCursor(s: string | undefined): Cursor | null {
  if (!s) return null;
  try {
    return JSON.parse(Buffer.from(s, 'base64url').toString()) as Cursor;
  } catch {
    return null;
  }
}

/** The customer list: filters, a sort, and keyset pages (`after` is the previous page's `next`). */
export async function listCustomers(
  db: Db,
  f: ListFilters,
): Promise<{ rows: ListRow[]; next: string | null }> {
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 200);
  const where: SQL[] = [];
  if (f.q?.trim()) where.push(matchCondition(f.q.trim()));
  if (f.kindId) where.push(sql`c.kind_id = ${f.kindId}`);
  if (f.groupId) {
    const ids = await subtreeIds(db, f.groupId);
    where.push(
      sql`c.group_id in ${
        ids.length
          ? sql`(${sql.join(
              ids.map((id) => sql`${id}`),
              sql`, `,
            )})`
          : sql`(null)`
      }`,
    );
  }
  if (f.city?.trim()) where.push(sql`lower(c.city) = ${f.city.trim().toLowerCase()}`);
  const archived = f.archived ?? 'active';
  if (archived === 'active') where.push(sql`c.archived_at is null`);
  if (archived === 'archived') where.push(sql`c.archived_at is not null`);
  const cursor = decodeCursor(f.after);
  const byName = f.sort === 'name';
  if (cursor) {
    where.push(
      byName
        ? sql`(lower(c.name) collate "C", c.id) > (${cursor.name ?? ''} collate "C", ${cursor.id ?? 0})`
        : sql`c.number > ${cursor.n ?? 0}`,
    );
  }
  const order = byName ? sql`lower(c.name) collate "C", c.id` : sql`c.number`;
  const rows = await db.execute<ListRow>(sql`
    select ${listColumns}
    from customers c join customer_kinds k on k.id = c.kind_id
    ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}
    order by ${order}
    limit ${limit + 1}`);
  const page = [...rows].slice(0, limit);
  const last = page[page.length - 1];
  const next =
    rows.length > limit && last
      ? encodeCursor(byName ? { name: last.name.toLowerCase(), id: last.id } : { n: last.number })
      : null;
  return { rows: page, next };
}

/** Candidates taken from each search tier: enough to rank the best rows among, few enough to stay fast. */
const QUICK_TIER = 50;

const likeEscape = (s: string) => s.replace(/[%_\\]/g, '\\$&');

/** Splits text into search words the way PostgreSQL does (`SEARCH_WORD_SPLIT`): at anything but letters and digits. */
const typedWords = (text: string) => [...new Set(text.split(/[^\p{L}\p{N}]+/u).filter(Boolean))];

/**
 * A typed word shorter than this is kept as typed (a word being typed, "Oy"), not
 * corrected: too short for trigram similarity to say anything.
 */
const MIN_CORRECTED = 3;
/** Least trigram similarity for a register word to count as a correction of a typed word. */
const MIN_SIMILARITY = 0.25;
/** Corrections this close to the best one (as a share of its similarity) are tried too. */
const NEAR_BEST = 0.8;
/** Corrected spellings of a whole query tried at most. */
const MAX_SPELLINGS = 3;

/**
 * The typo-tolerant tier's guesses of what was meant: each typed word replaced by the
 * most similar words of customer names and cities (`search_words`, a few thousand
 * rows, nearest first through its trigram index), best whole spellings first. A word
 * found as such stays; a word with nothing similar enough is left out; nothing at all
 * when no word is left.
 */
async function correctedSpellings(db: Db, text: string): Promise<string[][]> {
  const typed = typedWords(text).slice(0, 6);
  const looked = typed.filter((w) => w.length >= MIN_CORRECTED);
  const similar = looked.length
    ? await db.execute<{ typed: string; word: string; sim: number }>(sql`
        select q.typed, w.word, w.sim
        from unnest(array[${sql.join(
          looked.map((w) => sql`${w}`),
          sql`, `,
        )}]::text[]) as q(typed)
        cross join lateral (
          select word, similarity(word, q.typed) as sim from search_words
          order by word <-> q.typed limit ${MAX_SPELLINGS}) w`)
    : [];
  let spellings: { words: string[]; score: number }[] = [{ words: [], score: 0 }];
  for (const word of typed) {
    let options: { word: string; sim: number }[] = [{ word, sim: 1 }];
    if (word.length >= MIN_CORRECTED) {
      const found = similar.filter((s) => s.typed === word);
      const best = found[0]?.sim ?? 0;
      options = found.some((s) => s.word === word)
        ? [{ word, sim: 1 }]
        : found.filter((s) => s.sim >= MIN_SIMILARITY && s.sim >= best * NEAR_BEST);
    }
    if (!options.length) continue;
    spellings = spellings
      .flatMap((s) => options.map((o) => ({ words: [...s.words, o.word], score: s.score + o.sim })))
      .sort((a, b) => b.score - a.score)
      .slice(0, MAX_SPELLINGS);
  }
  return spellings.map((s) => s.words).filter((words) => words.length > 0);
}

/** Tier 1 for text: name prefix, e-mail prefix, the whole city. */
function textualTier(text: string, live: SQL): SQL[] {
  const prefix = `${likeEscape(text)}%`;
  return [
    sql`(select id from customers where lower(name) like ${prefix} and ${live}
      order by lower(name) collate "C", id limit ${QUICK_TIER})`,
    sql`(select id from customers where lower(email) like ${prefix} and ${live}
      order by lower(email) using ~<~ limit ${QUICK_TIER})`,
    sql`(select id from customers where lower(city) = ${text} and ${live} limit ${QUICK_TIER})`,
  ];
}

/**
 * As-you-type search over number, name, e-mail, phone, business id and city, best
 * matches first. Exact numbers and prefixes rank above typo-tolerant matches.
 *
 * Built for a million customers: candidates come in tiers, each a bounded index scan,
 * and the costlier tiers run only when the cheaper ones found too little:
 *   1. exact: number, business id, phone digits, name prefix, e-mail prefix, city;
 *   2. substring anywhere in name/e-mail/city/business id (trigram index), when tier 1
 *      found fewer than `limit` rows;
 *   3. typo-tolerant, only when tiers 1 and 2 found nothing: the typed words are
 *      corrected against the words of names and cities (`search_words`), and tiers 1
 *      and 2 run again for the corrected spellings, their words found in any order.
 * The candidates are then ranked: exact number, name prefix, word similarity to what was typed.
 */
export async function quickSearch(db: Db, q: string, limit = 10, after?: number): Promise<ListRow[]> {
  const text = q.trim().toLowerCase();
  if (!text) return [];
  const rows = await searchTiers(db, text, null, limit, after);
  const textual = !digitsOf(text) || /[a-zäöå@.]/i.test(text);
  if (rows.length || !textual || text.length < MIN_CORRECTED) return rows;
  const spellings = await correctedSpellings(db, text);
  // Nothing corrected in a single word: asking again would find nothing again.
  const [only, ...others] = spellings;
  if (!only || (!others.length && only.length === 1 && only[0] === text)) return [];
  return searchTiers(db, text, spellings, limit, after);
}

/**
 * Tiers 1 and 2 of the quick search for what was typed (`spellings` null), or for
 * corrected spellings of it, ranked against what was typed.
 */
async function searchTiers(
  db: Db,
  text: string,
  spellings: string[][] | null,
  limit: number,
  after?: number,
): Promise<ListRow[]> {
  const live = after ? sql`archived_at is null and id <> ${after}` : sql`archived_at is null`;
  const digits = spellings ? null : digitsOf(text);
  const exact: SQL[] = [];
  if (digits) {
    if (digits.length > 0 && digits.length <= 9) {
      exact.push(sql`(select id from customers where number = ${Number(digits)} and ${live})`);
    }
    if (digits.length >= 4) {
      // Finnish numbers are stored as +358 …; "040 123" is typed without the country code.
      const local = digits.startsWith('0') ? digits.slice(1) : digits;
      exact.push(sql`(select id from customers where replace(phone_digits, ' ', '') like ${`%${local}%`}
        and ${live} limit ${QUICK_TIER})`);
    }
    if (/^\d{7}-?\d$/.test(text)) {
      const businessId = text.includes('-') ? text : `${text.slice(0, 7)}-${text.slice(7)}`;
      exact.push(sql`(select id from customers where business_id = ${businessId} and ${live})`);
    }
  }
  const textual = !digits || /[a-zäöå@.]/i.test(text);
  const spelt = spellings?.map((words) => words.join(' ')) ?? (textual ? [text] : []);
  for (const s of spelt) exact.push(...textualTier(s, live));
  if (!exact.length) return [];
  // A name starting with the likelier spelling goes a hair before one starting with the next.
  const prefixes = spelt.map(
    (s, i) => sql`when lower(c.name) like ${`${likeEscape(s)}%`} then ${2 - i / 100}::numeric`,
  );
  const rank = sql`(case when c.number::text = ${text} then 3 ${sql.join(prefixes, sql` `)}
      else 0 end) + word_similarity(${text}, c.search_text)`;
  // Typed text is found as one substring; a corrected spelling by its words in any order.
  const inside = spellings
    ? sql.join(
        spellings.map(
          (words) =>
            sql`(${sql.join(
              words.map((w) => sql`search_text like ${`%${likeEscape(w)}%`}`),
              sql` and `,
            )})`,
        ),
        sql` or `,
      )
    : sql`search_text like ${`%${likeEscape(text)}%`}`;
  // Materialized CTEs are planned for all their rows, so PostgreSQL uses the trigram
  // index (a LIMIT inside would tempt it into a sequential scan), and are read lazily,
  // so only the rows taken are fetched. A full e-mail address that matched exactly
  // needs no substring search.
  const insideWhenFewer = text.includes('@') ? 1 : limit;
  const wider = textual
    ? sql`, inside as materialized (
        select id from customers
        where (select count(distinct id) from exact) < ${insideWhenFewer}::int
          and (${inside}) and ${live})`
    : sql``;
  const found = textual
    ? sql`select id from exact union (select id from inside limit ${QUICK_TIER})`
    : sql`select id from exact`;
  return db.execute<ListRow>(sql`
    with exact as materialized (${sql.join(exact, sql` union all `)})${wider}
    select ${listColumns}
    from customers c join customer_kinds k on k.id = c.kind_id
    where c.id in (${found})
    order by ${rank} desc, c.number
    limit ${limit}`) as unknown as Promise<ListRow[]>;
}
