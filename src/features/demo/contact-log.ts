import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { writeAudit } from '../audit/queries.js';
import { DEFAULT_CONTACT_TYPES } from '../interactions/queries.js';
import { REBUILD_FROM, suspendIndexes, vacuumTables } from './bulk-indexes.js';
import { createHelpers } from './bulk-load.js';
import type { ClassificationRange } from './classification.js';
import { demoStaff } from './finnish-data.js';
import { intArray, lit, textArray } from './sql-lists.js';

/*
 * Demo contact log (issue 5): the default contact types, about two contact entries per
 * customer over the last three years written by the demo staff, and alarms on one entry in
 * twenty (100 000 for a million customers): "everyone" alarms that the staff have mostly
 * acknowledged, personal ones mostly done, a few still active for each staff member and
 * some not due yet. Every pick is a hash of the customer or entry id; everything is a
 * handful of set-based statements inside the caller's transaction.
 */

/** The tables this fills (vacuumed after a load, indexes rebuilt for a big one). */
export const CONTACT_LOG_TABLES = ['interactions', 'alarms', 'alarm_acknowledgements'];

/** Type code → share of entries (percent) and the texts it is written with. */
const typeTexts: Record<string, { share: number; texts: string[] }> = {
  LS: {
    share: 24,
    texts: [
      'Lähetetty tarjous kevään kaupunkilomista.',
      'Lähetetty uutiskirje ja syksyn matkaesite.',
      'Lähetetty vahvistus ja matkustusohjeet.',
      'Lähetetty hinnasto ryhmämatkoista.',
      'Vastattu kyselyyn Lapin hiihtomatkoista.',
      'Lähetetty tarjous golfmatkasta Portugaliin.',
      'Muistutettu loppumaksun eräpäivästä.',
    ],
  },
  ME: {
    share: 6,
    texts: [
      'Matka-messuilla: kiinnostunut risteilyistä, lähetetään tarjous.',
      'Messutarjous: 10 % alennus kevään rantalomista.',
      'Tavattu messuosastolla, kyseli yritysmatkoista.',
      'Messutarjous ryhmämatkasta Tallinnaan.',
    ],
  },
  PU: {
    share: 32,
    texts: [
      'Soitti ja kysyi Ruotsin-risteilyn hinnoista.',
      'Soitettu perään tarjouksesta, miettii vielä.',
      'Kysyi matkavakuutuksesta ja peruutusehdoista.',
      'Varasi puhelimessa hotellin Tukholmasta.',
      'Asiakas toivoi yhteydenottoa ensi viikolla.',
      'Soitti muutoksesta lähtöpäivään.',
      'Kiitti onnistuneesta matkasta, harkitsee uutta syksyllä.',
      'Ei vastannut, yritetään uudelleen.',
    ],
  },
  KI: {
    share: 10,
    texts: [
      'Lähetetty joulutervehdys ja kalenteri.',
      'Postitettu matkaesite ja hinnasto.',
      'Kirje: kanta-asiakasedut ensi vuodelle.',
      'Lähetetty lasku ja matkaliput kirjeenä.',
    ],
  },
  TA: {
    share: 10,
    texts: [
      'Tapaaminen toimistolla: suunniteltiin kesän perhelomaa.',
      'Tavattu asiakkaan luona, yrityksen kevätretki suunnitteilla.',
      'Palaveri henkilöstön virkistysmatkasta.',
      'Tapaaminen: käytiin läpi ryhmämatkan ohjelma.',
    ],
  },
  SMS: {
    share: 13,
    texts: [
      'Tekstiviesti: muistutus passin voimassaolosta.',
      'Tekstiviesti: lähtöaika muuttunut, uusi aika lähetetty.',
      'Tekstiviesti: kiitos varauksesta!',
      'Tekstiviesti: viikonlopun risteilytarjous.',
    ],
  },
  TR: {
    share: 5,
    texts: [
      'Osoitetarra: kevään esitepostitus.',
      'Osoitetarra: joulukorttipostitus.',
      'Osoitetarra: syysluettelo.',
    ],
  },
};

/** Alarm messages written instead of the entry's text (about a third of the alarms). */
const alarmMessages = [
  'Soita perään tarjouksesta.',
  'Tarkista, onko loppumaksu maksettu.',
  'Lähetä uusi tarjous.',
  'Muistuta passin uusimisesta.',
  'Kysy palautetta matkasta.',
  'Varmista ryhmän osallistujamäärä.',
];

/** The contact types of the demo (the defaults; existing codes are kept), as ids in the order of `typeTexts`. */
async function ensureTypes(tx: Db): Promise<number[]> {
  await tx.execute(
    sql.raw(`insert into contact_types (code, name) values
      ${DEFAULT_CONTACT_TYPES.map(([code, name]) => `(${lit(code)}, ${lit(name)})`).join(', ')}
      on conflict (code) do nothing`),
  );
  const rows = await tx.execute<{ id: number; code: string }>(
    sql`select id, code from contact_types where code = any(${`{${Object.keys(typeTexts).join(',')}}`}::text[])`,
  );
  const byCode = new Map([...rows].map((r) => [r.code, r.id]));
  return Object.keys(typeTexts).map((code) => byCode.get(code)!);
}

/** The demo staff's user ids; the first active admin (or anyone) when they are missing. */
async function staffIds(tx: Db): Promise<number[]> {
  const rows = await tx.execute<{ id: number }>(
    sql`select id from users where username = any(${`{${demoStaff.map((s) => s.username).join(',')}}`}::text[]) order by id`,
  );
  if (rows.length) return [...rows].map((r) => r.id);
  const any = await tx.execute<{ id: number }>(
    sql`select id from users order by role <> 'admin', id limit 1`,
  );
  return [...any].map((r) => r.id);
}

/** Inserts the entries of the customers in range in time order, so running numbers follow the dates. */
async function insertEntries(tx: Db, range: ClassificationRange, typeIds: number[], staff: number[]) {
  const codes = Object.keys(typeTexts);
  const weighted = codes.flatMap((code, i) => Array<number>(typeTexts[code]!.share).fill(i + 1));
  const textCase = codes
    .map((code, i) => {
      const texts = typeTexts[code]!.texts;
      return `when ${i + 1} then ${textArray(texts)}[1 + pg_temp.r(x, 507, ${texts.length})]`;
    })
    .join(' ');
  const staffArr = staff.length ? intArray(staff) : '(array[null]::int[])';
  await tx.execute(
    sql.raw(`
    insert into interactions (customer_id, contact_person_id, type_id, text, created_at, created_by, updated_at)
    select customer_id, contact_person_id, ${intArray(typeIds)}[t], text, at, by, at from (
      select s.customer_id,
        case when s.first_cp is not null and pg_temp.r(x, 502, 3) > 0 then s.first_cp end as contact_person_id,
        t, case t ${textCase} end as text,
        (((current_date - 1 - pg_temp.r(x, 503, 1095))::timestamp
          + make_interval(mins => 480 + pg_temp.r(x, 505, 540)))::timestamptz) as at,
        ${staffArr}[1 + pg_temp.r(x, 504, ${Math.max(staff.length, 1)})] as by
      from (
        select c.id as customer_id, cp.first_cp, c.id::bigint * 8 + g as x,
          ${intArray(weighted)}[1 + pg_temp.r(c.id::bigint * 8 + g, 506, ${weighted.length})] as t
        from customers c
        cross join lateral generate_series(1, pg_temp.r(c.id, 501, 5)) g
        left join (select customer_id, min(id) as first_cp from contact_persons
          where customer_id > ${range.fromId} and customer_id <= ${range.toId} group by customer_id) cp
          on cp.customer_id = c.id
        where c.id > ${range.fromId} and c.id <= ${range.toId}
      ) s
    ) e
    order by at`),
  );
}

/**
 * One entry in twenty gets an alarm, due 1–60 days after the entry. "Everyone" (30 %): acknowledged
 * by every active user once more than 30 days old, by nine in ten before that. Personal (own 50 %,
 * aimed at a colleague 20 %): done once more than 30 days old, 85 % done before that.
 */
async function insertAlarms(tx: Db, after: number, staff: number[]) {
  const staffArr = staff.length ? intArray(staff) : '(array[null]::int[])';
  await tx.execute(
    sql.raw(`
    insert into alarms (interaction_id, customer_id, due_date, message, audience, user_id, created_by, created_at, acknowledged_at)
    select id, customer_id, due,
      case when pg_temp.r(id, 607, 3) = 0 then ${textArray(alarmMessages)}[1 + pg_temp.r(id, 608, ${alarmMessages.length})] else text end,
      aud::alarm_audience,
      case aud when 'all' then null when 'self' then created_by else ${staffArr}[1 + pg_temp.r(id, 604, ${Math.max(staff.length, 1)})] end,
      created_by, created_at,
      case when aud = 'all' or due > current_date then null
        when due < current_date - 30 or pg_temp.r(id, 605, 100) < 85
          then least(now(), due + make_interval(hours => 8 + pg_temp.r(id, 609, 48)))
        end
    from (
      select i.id, i.customer_id, i.text, i.created_by, i.created_at,
        (i.created_at at time zone 'Europe/Helsinki')::date + 1 + pg_temp.r(i.id, 602, 60) as due,
        case when pg_temp.r(i.id, 603, 100) < 30 then 'all' when pg_temp.r(i.id, 603, 100) < 80 then 'self' else 'user' end as aud
      from interactions i
      where i.id > ${after} and pg_temp.r(i.id, 601, 1000) < 50
    ) a
    order by id`),
  );
  await tx.execute(
    sql.raw(`
    insert into alarm_acknowledgements (alarm_id, user_id, at)
    select a.id, u.id, least(now(), a.due_date + make_interval(hours => 8 + pg_temp.r(a.id * 64 + u.id, 611, 72)))
    from alarms a cross join (select id from users where active) u
    where a.interaction_id > ${after} and a.audience = 'all' and a.due_date <= current_date
      and (a.due_date < current_date - 30 or pg_temp.r(a.id * 64 + u.id, 606, 100) < 90)
    order by a.id, u.id`),
  );
}

/**
 * Watermarks of the alarm bar: the first "everyone" alarm each active user has not acknowledged
 * (only ever moved back, so an earlier one stays right).
 */
async function setWatermarks(tx: Db) {
  await tx.execute(sql`
    insert into alarm_watermarks (user_id, all_clear_before)
    select u.id, coalesce((
      select a.due_date from alarms a
      where a.audience = 'all'
        and not exists (select 1 from alarm_acknowledgements k where k.user_id = u.id and k.alarm_id = a.id)
      order by a.due_date, a.id limit 1), 'infinity'::date)
    from users u where u.active
    on conflict (user_id) do update
      set all_clear_before = least(alarm_watermarks.all_clear_before, excluded.all_clear_before)`);
}

/** Demo contact types, contact log and alarms (issue 5) for customers fromId < id ≤ toId, inside the demo transaction. */
export async function addDemoContactLog(tx: Db, range: ClassificationRange): Promise<void> {
  const { say } = range;
  await tx.execute(sql`lock table interactions, alarms, alarm_acknowledgements in exclusive mode`);
  const typeIds = await ensureTypes(tx);
  const staff = await staffIds(tx);
  await createHelpers(tx, range.seed);
  const [state] = await tx.execute<{ after: number; existing: number }>(sql`
    select greatest((select coalesce(max(id), 0) from interactions),
        (select case when is_called then last_value else 0 end from interactions_id_seq))::bigint::float8 as after,
      (select count(*) from (select 1 from interactions limit 2000000) s)::int as existing`);
  const { after, existing } = state!;
  const customers = range.toId - range.fromId;
  const bulk =
    customers >= REBUILD_FROM && existing < customers ? await suspendIndexes(tx, CONTACT_LOG_TABLES) : null;
  await insertEntries(tx, range, typeIds, staff);
  await insertAlarms(tx, after, staff);
  const [made] = await tx.execute<{ entries: number; alarms: number; active: number }>(sql`
    select (select count(*) from interactions where id > ${after})::int as entries,
      (select count(*) from alarms where interaction_id > ${after})::int as alarms,
      (select count(*) from alarms where interaction_id > ${after} and due_date > current_date)::int as active`);
  say(`contact log: ${made!.entries} entries, ${made!.alarms} alarms (${made!.active} not due yet)`);
  if (bulk) say(`contact log: ${await bulk.restore()}`);
  await setWatermarks(tx);
}

/**
 * For a register loaded before the contact-log demo existed (the bench database): when the log
 * is empty, adds the demo contact log to every customer. Returns how many entries were added.
 */
export async function ensureDemoContactLog(
  db: Db,
  options: { seed: number; log: (message: string) => void },
): Promise<number> {
  const started = performance.now();
  const say = (m: string) =>
    options.log(`demo data: ${m} [${((performance.now() - started) / 1000).toFixed(1)} s]`);
  const added = await db.transaction(async (tx) => {
    await tx.execute(sql`set local maintenance_work_mem = '1GB'`);
    await tx.execute(sql`set local work_mem = '256MB'`);
    const [row] = await tx.execute<{ empty: boolean; top: number }>(sql`
      select not exists (select 1 from interactions) as empty, (select coalesce(max(id), 0) from customers)::int as top`);
    if (!row!.empty || row!.top === 0) return 0;
    await addDemoContactLog(tx, { fromId: 0, toId: row!.top, seed: options.seed, say });
    const [n] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from interactions`);
    await writeAudit(tx, {
      userId: null,
      entity: 'demo-data',
      action: 'create',
      changes: { contactLog: [null, n!.n], seed: [null, options.seed] },
    });
    return n!.n;
  });
  if (added) {
    say('committed; vacuuming and analysing');
    await vacuumDemoContactLog(db);
  }
  return added;
}

/** After the demo transaction committed: VACUUM (ANALYZE) of the tables this fills. */
export async function vacuumDemoContactLog(db: Db): Promise<void> {
  await vacuumTables(db, CONTACT_LOG_TABLES);
}
