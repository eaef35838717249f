import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { writeAudit } from '../audit/queries.js';
import { REBUILD_FROM, suspendIndexes, vacuumTables } from './bulk-indexes.js';
import { createHelpers } from './bulk-load.js';
import {
  banDefs,
  type ChoiceFieldDef,
  channelDimension,
  contactPersonGroupDefs,
  contactRoleDefs,
  INDUSTRY_DIMENSION,
  ORGANISATION_SEGMENTS,
  PERSON_SEGMENTS,
  type ProfileFieldDef,
  propertyGroupDefs,
  REGION_DIMENSION,
  regionCodes,
  SEGMENTS,
  type Segment,
  type Share,
  type TextFieldDef,
} from './classification-data.js';
import { type DemoDefinitions, ensureDefinitions } from './classification-setup.js';
import { ascii, demoStaff, femaleFirstNames, lastNames, maleFirstNames, towns } from './finnish-data.js';
import { intArray, lit, textArray } from './sql-lists.js';

/*
 * Demo classification data (issue 3, item 8): profile answers, tracking values,
 * properties, contact-person marketing groups and roles, marketing bans with their
 * history, and guardians, for the customers with ids in (fromId, toId]. Every pick
 * is a hash of the customer (or contact person) id, so the same seed on the same
 * register gives the same rows; everything is a handful of set-based statements.
 */

export type ClassificationRange = {
  /** Customers with fromId < id ≤ toId get data. */
  fromId: number;
  toId: number;
  seed: number;
  say: (message: string) => void;
};

/** Every table this fills (vacuumed after a load, indexes rebuilt for a big one). */
export const CLASSIFICATION_TABLES = [
  'customer_profile_values',
  'customer_profile_texts',
  'customer_tracking',
  'customer_properties',
  'contact_person_property_links',
  'contact_roles',
  'ban_history',
  'guardians',
];

const seg = (s: Segment) => SEGMENTS.indexOf(s) + 1;
const segList = (xs: Segment[]) => xs.map(seg).join(', ');
const ORGS = segList(ORGANISATION_SEGMENTS);
const PERSONS = segList(PERSON_SEGMENTS);
/** Share in percent → per mille, as the hash draws are 0…999. */
const permille = (pct: number) => Math.round(pct * 10);
const r = (x: string, salt: number | string, n: number | string) => `pg_temp.r(${x}, ${salt}, ${n})`;

const firstNames = [...femaleFirstNames, ...maleFirstNames];
const firstArr = textArray(firstNames);
const firstAscii = textArray(firstNames.map(ascii));
const lastArr = textArray(lastNames);
const lastAscii = textArray(lastNames.map(ascii));

/** How the inserts into a table end: in key order while its primary key is in place, else as they come. */
type Order = (table: string) => string;
const inKeyOrder: Order = () => 'order by 1, 2';

const isChoiceField = (d: ProfileFieldDef): d is ChoiceFieldDef => d.type === 'single' || d.type === 'multi';
const isTextField = (d: ProfileFieldDef): d is TextFieldDef => d.type === 'memo' || d.type === 'text';

/** Value ids weighted for one segment: 1-based positions into `vals`, each repeated by its weight. */
function weightedPicks(
  values: readonly (readonly [string, string, number?])[],
  weights?: Record<string, number>,
) {
  const picks: number[] = [];
  values.forEach(([code, , weight], i) => {
    const w = weights ? (weights[code] ?? 0) : (weight ?? 1);
    for (let k = 0; k < w; k++) picks.push(i + 1);
  });
  return picks;
}

type PickRow = {
  kind: 'single' | 'multi' | 'text' | 'track';
  target: number;
  seg: number;
  salt: number;
  share: number;
  vals?: number[];
  picks?: number[];
  maxk?: number;
  texts?: readonly string[];
  base?: string;
  days?: number;
};

/** Rows of the pick table: per item and segment, who has it and what they pick. */
function pickRows(defs: DemoDefinitions): { rows: PickRow[]; textExpressions: Map<number, string> } {
  const rows: PickRow[] = [];
  const textExpressions = new Map<number, string>();
  const perSegment = (share: Share, make: (s: Segment, pct: number) => PickRow | null) => {
    for (const s of SEGMENTS) {
      const pct = share[s] ?? 0;
      if (pct <= 0) continue;
      const row = make(s, pct);
      if (row) rows.push(row);
    }
  };
  defs.fields.forEach(({ def, id, values }, i) => {
    const salt = 100 + i * 5;
    if (def.type === 'date') {
      perSegment(def.share, (s, pct) => ({
        kind: 'text',
        target: id,
        seg: seg(s),
        salt,
        share: permille(pct),
        base: def.from,
        days: def.days,
      }));
    } else if (isTextField(def)) {
      if (def.expression) {
        let k = 1;
        const draw = () => `${salt} + ${k++}`;
        const expression = def.expression
          .replace(
            '$NAME',
            `${firstArr}[1 + ${r('c.id', draw(), firstNames.length)}] || ' ' || ${lastArr}[1 + ${r('c.id', draw(), lastNames.length)}]`,
          )
          .replace(/\$R\((\d+)\)/g, (_: string, n: string) => r('c.id', draw(), n));
        textExpressions.set(id, expression);
      }
      perSegment(def.share, (s, pct) => ({
        kind: 'text',
        target: id,
        seg: seg(s),
        salt,
        share: permille(pct),
        texts: def.texts,
      }));
    } else if (isChoiceField(def)) {
      const vals = def.values.map(([code]) => values.get(code)!);
      perSegment(def.share, (s, pct) => {
        const picks = weightedPicks(def.values, def.weights?.[s]);
        if (!picks.length) return null;
        const maxk = def.type === 'multi' ? (def.max ?? 2) : 1;
        return { kind: def.type, target: id, seg: seg(s), salt, share: permille(pct), vals, picks, maxk };
      });
    }
  });
  const channel = defs.dimensions.get(channelDimension.code);
  if (channel) {
    const vals = channelDimension.values.map(([code]) => channel.values.get(code)!);
    perSegment(channelDimension.share, (s, pct) => ({
      kind: 'track',
      target: channel.id,
      seg: seg(s),
      salt: 305,
      share: permille(pct),
      vals,
      picks: weightedPicks(channelDimension.values, channelDimension.weights[s]),
      maxk: 1,
    }));
  }
  return { rows, textExpressions };
}

const arrayOrNull = (xs: readonly number[] | undefined) => (xs ? intArray(xs) : 'null::int[]');

async function createPickTable(tx: Db, rows: PickRow[]) {
  const valuesSql = rows
    .map(
      (p) =>
        `(${lit(p.kind)}, ${p.target}, ${p.seg}, ${p.salt}, ${p.share}, ${arrayOrNull(p.vals)}, ${arrayOrNull(p.picks)},
          ${p.maxk ?? 1}, ${p.texts ? textArray(p.texts) : 'null::text[]'}, ${p.base ? `date ${lit(p.base)}` : 'null::date'},
          ${p.days ?? 0})`,
    )
    .join(',\n');
  await tx.execute(
    sql.raw(`create temp table demo_pick on commit drop as
      select * from (values ${valuesSql}) v(kind, target, seg, salt, share, vals, picks, maxk, texts, base, days)`),
  );
}

/**
 * The customers of the range with their segment. An organisation is a supplier or an
 * agent by its kind; a tenth of the others are pharmaceutical companies.
 */
async function stageCustomers(tx: Db, range: ClassificationRange) {
  await tx.execute(
    sql.raw(`create temp table demo_cls on commit drop as
    select c.id, case
        when c.type = 'person' then case when c.company_id is not null then ${seg('worker')} else ${seg('person')} end
        when k.code = 'TOIMITTAJA' then ${seg('supplier')}
        when k.code = 'AGENTTI' then ${seg('agent')}
        when ${r('c.id', 90, 100)} < 10 then ${seg('pharma')}
        else ${seg('org')} end as seg,
      c.company_id, c.city, split_part(c.email, '@', 2) as domain
    from customers c left join customer_kinds k on k.id = c.kind_id
    where c.id > ${range.fromId} and c.id <= ${range.toId}`),
  );
  await tx.execute(sql`analyze demo_cls`);
  const [row] = await tx.execute<{ n: number; others: number }>(sql`
    select (select count(*) from demo_cls)::int as n,
      (select count(*) from customers)::int - (select count(*) from demo_cls)::int as others`);
  return row!;
}

async function insertProfiles(
  tx: Db,
  defs: DemoDefinitions,
  textExpressions: Map<number, string>,
  order: Order,
) {
  await tx.execute(sql`
    insert into customer_profile_values (value_id, customer_id, field_id)
    select value_id, customer_id, field_id from (
      select p.vals[p.picks[1 + pg_temp.r(c.id, p.salt + 1, cardinality(p.picks))]] as value_id,
        c.id as customer_id, p.target as field_id
      from demo_cls c join demo_pick p on p.seg = c.seg and p.kind = 'single'
      where pg_temp.r(c.id, p.salt, 1000) < p.share
      union all
      select p.vals[1 + (p.picks[1 + pg_temp.r(c.id, p.salt + 1, cardinality(p.picks))] - 1 + j * s.step) % s.n],
        c.id, p.target
      from demo_cls c join demo_pick p on p.seg = c.seg and p.kind = 'multi'
      cross join lateral (select cardinality(p.vals) as n,
        1 + pg_temp.r(c.id, p.salt + 3, greatest(cardinality(p.vals) - 1, 1)) as step) s
      cross join lateral generate_series(0, pg_temp.r(c.id, p.salt + 2, p.maxk)) j
      where pg_temp.r(c.id, p.salt, 1000) < p.share and (j < 2 or (2 * s.step) % s.n <> 0)
    ) a
    ${sql.raw(order('customer_profile_values'))}
    on conflict do nothing`);

  // A person who works at an organisation mostly shares its industry.
  const industry = defs.fields.find((f) => f.def.code === 'TOIM');
  if (industry) {
    await tx.execute(sql`analyze customer_profile_values`);
    await tx.execute(
      sql.raw(`insert into customer_profile_values (value_id, customer_id, field_id)
      select v.value_id, w.id, v.field_id
      from demo_cls w join customer_profile_values v on v.customer_id = w.company_id
      where w.seg = ${seg('worker')} and v.value_id = any(${intArray([...industry.values.values()])})
        and ${r('w.id', 91, 100)} < 80
      ${order('customer_profile_values')}
      on conflict do nothing`),
    );
  }

  const expressionCase = textExpressions.size
    ? `case p.target ${[...textExpressions].map(([id, e]) => `when ${id} then ${e}`).join(' ')} end`
    : 'null::text';
  await tx.execute(
    sql.raw(`insert into customer_profile_texts (customer_id, field_id, text, date)
    select c.id, p.target,
      coalesce(p.texts[1 + pg_temp.r(c.id, p.salt + 1, greatest(cardinality(p.texts), 1))], ${expressionCase}),
      case when p.days > 0 then p.base + pg_temp.r(c.id, p.salt + 1, p.days) end
    from demo_cls c join demo_pick p on p.seg = c.seg and p.kind = 'text'
    where pg_temp.r(c.id, p.salt, 1000) < p.share
    ${order('customer_profile_texts')}
    on conflict do nothing`),
  );
}

/**
 * The CRM search scenarios look for big pharmaceutical companies' secretaries: every
 * pharma organisation of more than 250 employees without a secretary gets one.
 */
async function insertSecretaries(tx: Db, defs: DemoDefinitions) {
  const big = defs.fields.find((f) => f.def.code === 'HENK')?.values.get('G250');
  if (!big) return 0;
  const rows = await tx.execute(
    sql.raw(`insert into contact_persons (customer_id, first_name, last_name, title, email, mobile, language)
    select o.id, ${firstArr}[fi], ${lastArr}[li], 'Sihteeri',
      case when o.domain <> '' then ${firstAscii}[fi] || '.' || ${lastAscii}[li] || '@' || o.domain end,
      '+358 ' || (array['40', '44', '50'])[1 + ${r('o.id', 96, 3)}] || ' ' || (1000000 + ${r('o.id', 97, 9000000)}),
      'fi'
    from demo_cls o
    join customer_profile_values h on h.customer_id = o.id and h.value_id = ${big},
    lateral (select 1 + ${r('o.id', 98, femaleFirstNames.length)} as fi, 1 + ${r('o.id', 99, lastNames.length)} as li) n
    where o.seg = ${seg('pharma')}
      and not exists (select 1 from contact_persons cp where cp.customer_id = o.id and cp.title = 'Sihteeri')
    order by o.id
    returning id`),
  );
  return rows.length;
}

async function insertTracking(tx: Db, defs: DemoDefinitions, order: Order) {
  const region = defs.dimensions.get(REGION_DIMENSION);
  const industry = defs.dimensions.get(INDUSTRY_DIMENSION);
  const industryField = defs.fields.find((f) => f.def.code === 'TOIM');
  const parts = [
    'select null::int as customer_id, null::int as dimension_id, null::int as value_id where false',
  ];
  if (region) {
    const townRegions = towns
      .map((t) => `(${lit(t.name)}, ${region.values.get(regionCodes[t.region])!})`)
      .join(',');
    parts.push(`select c.id, ${region.id}, t.value_id
      from demo_cls c join (values ${townRegions}) t(city, value_id) on t.city = c.city
      where ${r('c.id', 300, 100)} < 90`);
  }
  if (industry && industryField) {
    // An organisation's industry pick list agrees with its Toimiala profile answer.
    const pairs = [...industryField.values]
      .filter(([code]) => industry.values.has(code))
      .map(([code, id]) => `(${id}, ${industry.values.get(code)})`)
      .join(',');
    parts.push(`select c.id, ${industry.id}, m.tracking_id
      from demo_cls c join customer_profile_values v on v.customer_id = c.id
      join (values ${pairs}) m(profile_id, tracking_id) on m.profile_id = v.value_id
      where c.seg in (${ORGS})`);
  }
  parts.push(`select c.id, p.target, p.vals[p.picks[1 + pg_temp.r(c.id, p.salt + 1, cardinality(p.picks))]]
    from demo_cls c join demo_pick p on p.seg = c.seg and p.kind = 'track'
    where pg_temp.r(c.id, p.salt, 1000) < p.share`);
  await tx.execute(
    sql.raw(`insert into customer_tracking (customer_id, dimension_id, value_id)
    select * from (${parts.join('\nunion all\n')}) t
    ${order('customer_tracking')}
    on conflict do nothing`),
  );
}

async function insertProperties(tx: Db, defs: DemoDefinitions, order: Order) {
  const rows: string[] = [];
  propertyGroupDefs
    .flatMap((g) => g.properties)
    .forEach((p, i) => {
      const id = defs.properties.get(p.code);
      if (!id) return;
      for (const s of SEGMENTS) {
        const pct = p.share[s] ?? 0;
        if (pct > 0)
          rows.push(
            `(${id}, ${seg(s)}, ${320 + i * 2}, ${permille(pct)}, ${p.texts ? textArray(p.texts) : 'null::text[]'})`,
          );
      }
    });
  if (!rows.length) return;
  await tx.execute(
    sql.raw(`insert into customer_properties (property_id, customer_id, value_text)
    select p.id, c.id, p.texts[1 + pg_temp.r(c.id, p.salt + 1, greatest(cardinality(p.texts), 1))]
    from demo_cls c join (values ${rows.join(',')}) p(id, seg, salt, share, texts) on p.seg = c.seg
    where pg_temp.r(c.id, p.salt, 1000) < p.share
    ${order('customer_properties')}
    on conflict do nothing`),
  );
}

/** The organisations' contact persons in the range: marketing groups and contact roles. */
async function insertContactPersonData(tx: Db, defs: DemoDefinitions, order: Order) {
  await tx.execute(
    sql.raw(`create temp table demo_cp on commit drop as
    select cp.id, cp.customer_id, cp.title from contact_persons cp
    join demo_cls c on c.id = cp.customer_id and c.seg in (${ORGS})`),
  );
  await tx.execute(sql`analyze demo_cp`);
  const props = contactPersonGroupDefs
    .flatMap((g) => g.properties)
    .flatMap((p, i) => {
      const id = defs.contactPersonProperties.get(p.code);
      return id ? [`(${id}, ${400 + i}, ${permille(p.percent)})`] : [];
    });
  if (props.length) {
    await tx.execute(
      sql.raw(`insert into contact_person_property_links (property_id, contact_person_id)
      select p.id, cp.id from demo_cp cp cross join (values ${props.join(',')}) p(id, salt, share)
      where pg_temp.r(cp.id, p.salt, 1000) < p.share
      ${order('contact_person_property_links')}
      on conflict do nothing`),
    );
  }
  const roles = contactRoleDefs
    .map((d, i) => `(${lit(d.role)}::contact_role, ${450 + i * 2}, ${d.percent}, ${textArray(d.titles)})`)
    .join(',');
  await tx.execute(
    sql.raw(`insert into contact_roles (customer_id, role, contact_person_id)
    select distinct on (cp.customer_id, r.role) cp.customer_id, r.role, cp.id
    from demo_cp cp join (values ${roles}) r(role, salt, pct, titles)
      on pg_temp.r(cp.customer_id, r.salt, 100) < r.pct
    order by cp.customer_id, r.role, coalesce(cp.title = any(r.titles), false) desc, pg_temp.r(cp.id, r.salt + 1, 1000)
    on conflict do nothing`),
  );
}

/**
 * Marketing bans on a few percent of the persons and contact persons, each with its
 * history row (who, when, source); some persons unsubscribed from e-mail once and were
 * put back on the list by staff, which leaves two history rows and no active ban.
 */
async function insertBans(tx: Db) {
  const staff = await tx.execute<{ id: number }>(sql`
    select id from users where username = any(${`{${demoStaff.map((s) => s.username).join(',')}}`}::text[])
    order by id`);
  const staffPick = (x: string, salt: number) =>
    staff.length ? `${intArray(staff.map((s) => s.id))}[1 + ${r(x, salt, staff.length)}]` : 'null::int';
  const at = (x: string, salt: string) =>
    `timestamptz '2020-01-01 08:00:00+02' + make_interval(days => ${r(x, `${salt} + 11`, 2190)}, secs => ${r(x, `${salt} + 12`, 36000)})`;

  for (const target of ['customers', 'contacts'] as const) {
    const isCustomers = target === 'customers';
    const source = isCustomers ? 'demo_cls c' : 'demo_cp c';
    const who = isCustomers ? `c.seg in (${PERSONS})` : 'true';
    const base = isCustomers ? 500 : 550;
    const shares = banDefs.map((b) => permille(isCustomers ? b.persons : b.contacts));
    const bans = banDefs
      .map((b, i) => `(${lit(b.ban)}::ban_kind, ${base + i * 20}, ${shares[i]}, ${textArray(b.sources)})`)
      .join(',');
    const [nm, ns, ne] = banDefs.map((_, i) => `${r('c.id', base + i * 20, 1000)} < ${shares[i]}`);
    await tx.execute(
      sql.raw(`update ${isCustomers ? 'customers' : 'contact_persons'} u
      set no_marketing = b.nm, no_sms = b.ns, no_email = b.ne
      from (select c.id, ${nm} as nm, ${ns} as ns, ${ne} as ne from ${source} where ${who}) b
      where u.id = b.id and (b.nm or b.ns or b.ne)`),
    );
    const emailSalt = base + 2 * 20;
    await tx.execute(
      sql.raw(`insert into ban_history (${isCustomers ? 'customer_id' : 'contact_person_id'}, ban, active, source, user_id, at)
      select id, ban, active, source::ban_source, case when source = 'staff' then user_id end, at from (
        select c.id, b.ban, true as active, b.sources[1 + ${r('c.id', 'b.salt + 10', 5)}] as source,
          ${staffPick('c.id', base + 15)} as user_id, ${at('c.id', 'b.salt')} as at
        from ${source} join (values ${bans}) b(ban, salt, share, sources) on ${r('c.id', 'b.salt', 1000)} < b.share
        where ${who}
        union all
        select c.id, 'NO_EMAIL'::ban_kind, x.active, x.source, ${staffPick('c.id', base + 16)},
          ${at('c.id', String(emailSalt))} + make_interval(days => x.later * (1 + ${r('c.id', base + 17, 60)}))
        from ${source} cross join (values (true, 'unsubscribe', 0), (false, 'staff', 1)) x(active, source, later)
        where ${who} and ${r('c.id', emailSalt, 1000)} >= ${shares[2]} and ${r('c.id', base + 18, 1000)} < 15
      ) h
      order by id, at`),
    );
  }
}

/** A few persons are guardians (huoltaja, edunvalvoja) of another person nearby in the register. */
async function insertGuardians(tx: Db) {
  await tx.execute(
    sql.raw(`insert into guardians (guardian_id, ward_id)
    select g.id, w.id from demo_cls g join demo_cls w on w.id = g.id + 1 + ${r('g.id', 600, 20)}
    where g.seg in (${PERSONS}) and w.seg = ${seg('person')} and ${r('g.id', 601, 1000)} < 10
    order by 1, 2
    on conflict do nothing`),
  );
}

/**
 * Adds the demo classification to the customers in (fromId, toId]: creates the
 * definitions that are missing, then the answers, links and bans of these customers
 * only. Runs inside the caller's transaction.
 */
export async function addDemoClassification(tx: Db, range: ClassificationRange): Promise<void> {
  const { say } = range;
  const defs = await ensureDefinitions(tx, say);
  await createHelpers(tx, range.seed);
  // Fresh statistics: the customer tables may have just been filled in this transaction.
  await tx.execute(sql`analyze customers, contact_persons`);
  const { n, others } = await stageCustomers(tx, range);
  if (n === 0) return;
  const { rows, textExpressions } = pickRows(defs);
  await createPickTable(tx, rows);

  const bulk = n >= REBUILD_FROM && n >= others ? await suspendIndexes(tx, CLASSIFICATION_TABLES) : undefined;
  const order: Order = (table) => (bulk?.empty.includes(table) ? '' : inKeyOrder(table));
  await insertProfiles(tx, defs, textExpressions, order);
  say(`classification: profile answers for ${n} customers`);
  const secretaries = await insertSecretaries(tx, defs);
  await insertTracking(tx, defs, order);
  await insertProperties(tx, defs, order);
  await insertContactPersonData(tx, defs, order);
  say(
    `classification: tracking, properties, contact persons' groups and roles (${secretaries} secretaries added)`,
  );
  await insertBans(tx);
  await insertGuardians(tx);
  say('classification: marketing bans and guardians');
  if (bulk) say(`classification: ${await bulk.restore()}`);
}

/**
 * For a register loaded before the classification demo existed (the bench database):
 * when no customer has a Toimiala answer yet, adds the demo classification to every
 * customer. Returns how many customers got it (0 when it was already there).
 */
export async function ensureDemoClassification(
  db: Db,
  options: { seed: number; log: (message: string) => void },
): Promise<number> {
  const started = performance.now();
  const say = (m: string) =>
    options.log(`demo data: ${m} [${((performance.now() - started) / 1000).toFixed(1)} s]`);
  const added = await db.transaction(async (tx) => {
    await tx.execute(sql`set local maintenance_work_mem = '1GB'`);
    await tx.execute(sql`set local work_mem = '256MB'`);
    await tx.execute(sql`lock table customers, contact_persons in exclusive mode`);
    const [row] = await tx.execute<{ done: boolean; top: number; n: number }>(sql`
      select exists (select 1 from customer_profile_values v join profile_fields f on f.id = v.field_id
          where f.code = 'TOIM') as done,
        (select coalesce(max(id), 0) from customers)::int as top,
        (select count(*) from customers)::int as n`);
    if (row!.done || row!.n === 0) return 0;
    say(`adding the demo classification to ${row!.n} customers`);
    await addDemoClassification(tx, { fromId: 0, toId: row!.top, seed: options.seed, say });
    await writeAudit(tx, {
      userId: null,
      entity: 'demo-data',
      action: 'create',
      changes: { classification: [null, row!.n], seed: [null, options.seed] },
    });
    return row!.n;
  });
  if (added) {
    say('committed; vacuuming and analysing');
    await vacuumDemoClassification(db);
    await vacuumTables(db, ['customers', 'contact_persons']);
    say('classification done');
  }
  return added;
}

/** After the demo transaction committed: VACUUM (ANALYZE) of the tables this fills. */
export async function vacuumDemoClassification(db: Db): Promise<void> {
  await vacuumTables(db, CLASSIFICATION_TABLES);
}
