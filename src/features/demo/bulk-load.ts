import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  ascii,
  brandTails,
  brandWords,
  contactTitles,
  customerNotes,
  femaleFirstNames,
  lastNames,
  maleFirstNames,
  mobilePrefixes,
  trades,
} from './finnish-data.js';
import { departmentArray, intArray, providerArray, streetArray, textArray, townArrays } from './sql-lists.js';

/**
 * Everything the bulk statements need, decided up front. Customer `g` (1…count) of
 * this run gets id `customerBase + g`; organisations are g ≤ organisations. Every
 * random choice is a hash of (offset + g, salt, seed), so the same seed on the same
 * starting register gives the same rows.
 */
export type LoadPlan = {
  count: number;
  organisations: number;
  /** Customers already in the register: this run continues the sequence after them. */
  offset: number;
  seed: number;
  customerBase: number;
  departmentBase: number;
  /** Ids of ASIAKAS, TOIMITTAJA, AGENTTI, PROSPEKTI (k = 1…4). */
  kindIds: number[];
  /** First free number per kind, k = 1…4. */
  kindStart: number[];
  managers: number[];
  groups: {
    /** Per town (1-based like the town arrays): Yritysasiakkaat › its region group. */
    companyByTown: number[];
    agents: number;
    /** Majoitus, Kuljetus, Ohjelmapalvelut. */
    suppliers: number[];
    gold: number;
    silver: number;
    otherPrivate: number;
  };
};

/** Departments per organisation at most: department ids are departmentBase + (g-1)*3 + j. */
const MAX_DEPARTMENTS = 3;

const lastArr = textArray(lastNames);
const lastAscii = textArray(lastNames.map(ascii));
const firstNames = [...femaleFirstNames, ...maleFirstNames];
const firstArr = textArray(firstNames);
const firstAscii = textArray(firstNames.map(ascii));
const tradeArr = textArray(trades);
const tradeAscii = textArray(trades.map(ascii));
const brandArr = textArray(brandWords);
const brandAscii = textArray(brandWords.map(ascii));
const tailArr = textArray(brandTails);
const tailAscii = textArray(brandTails.map(ascii));
const titleArr = textArray(contactTitles);
const noteArr = textArray(customerNotes);
const mobileArr = textArray(mobilePrefixes);
const T = townArrays();

/** A random first name index (1-based): female or male by the given 0/1 draw. */
const firstName = (draw: string, female: string) =>
  `case when ${female} = 0 then 1 + ${draw.replace('$N', String(femaleFirstNames.length))}
   else ${femaleFirstNames.length + 1} + ${draw.replace('$N', String(maleFirstNames.length))} end`;

const mobile = (x: string, salt: number) =>
  `'+358 ' || ${mobileArr}[1 + pg_temp.r(${x}, ${salt}, ${mobilePrefixes.length})] || ' ' || (1000000 + pg_temp.r(${x}, ${salt + 1}, 9000000))`;
const landline = (x: string, town: string, salt: number) =>
  `'+358 ' || ${T.area}[${town}] || ' ' || (2000000 + pg_temp.r(${x}, ${salt}, 7000000))`;
const postalCode = (x: string, town: string, salt: number) =>
  `lpad((${T.codes}[${T.codeOffset}[${town}] + 1 + pg_temp.r(${x}, ${salt}, ${T.codeCount}[${town}])])::text, 5, '0')`;
const language = (x: string, town: string, salt: number) =>
  `(case when pg_temp.r(${x}, ${salt}, 100) < ${T.sv}[${town}] then 'sv' when pg_temp.r(${x}, ${salt}, 100) >= 98 then 'en' else 'fi' end)::customer_language`;
const archivedAt = (x: string, salt: number) =>
  `case when pg_temp.r(${x}, ${salt}, 100) < 3 then timestamptz '2019-01-01 12:00:00+02' + make_interval(days => pg_temp.r(${x}, ${salt + 1}, 2400)) end`;
const relationshipStart = (x: string, k: string, salt: number) =>
  `case when ${k} <> 4 then date '1990-01-01' + pg_temp.r(${x}, ${salt}, 12700) end`;
const manager = (x: string, plan: LoadPlan, percent: number, salt: number) =>
  plan.managers.length
    ? `case when pg_temp.r(${x}, ${salt}, 100) < ${percent} then ${intArray(plan.managers)}[1 + pg_temp.r(${x}, ${salt + 1}, ${plan.managers.length})] end`
    : 'null::int';
const note = (x: string, percent: number, salt: number) =>
  `case when pg_temp.r(${x}, ${salt}, 100) < ${percent} then ${noteArr}[1 + pg_temp.r(${x}, ${salt + 1}, ${customerNotes.length})] end`;

/** Deterministic helpers for this transaction: a hash pick r(x, salt, n) in 0…n-1. */
export async function createHelpers(tx: Db, seed: number) {
  await tx.execute(
    sql.raw(`create or replace function pg_temp.r(x bigint, salt int, n int) returns int
      language sql immutable parallel safe
      as $$ select ((hashint8extended(x, ${seed}::bigint * 1000 + salt) & 2147483647) % n)::int $$`),
  );
}

/**
 * Kind and number of every new customer. Organisations are customers, suppliers,
 * agents or prospects; persons customers or prospects. Numbers follow each kind's
 * series in a shuffled order, so a list by number mixes persons and companies.
 */
export async function planNumbers(tx: Db, plan: LoadPlan) {
  const { offset, organisations, count } = plan;
  await tx.execute(
    sql.raw(`create temp table demo_num on commit drop as
    select g, k, ${intArray(plan.kindStart)}[k]
        + (row_number() over (partition by k order by pg_temp.r(${offset} + g, 2, 1000000000), g))::int - 1 as number
    from (
      select g, case when g <= ${organisations}
          then case when p < 60 then 1 when p < 70 then 2 when p < 78 then 3 else 4 end
          else case when p < 88 then 1 else 4 end end as k
      from (select g, pg_temp.r(${offset} + g, 1, 100) as p from generate_series(1, ${count}) g) s
    ) s`),
  );
  return tx.execute<{ k: number; n: number; top: number }>(
    sql.raw('select k, count(*)::int as n, max(number) as top from demo_num group by k order by k'),
  );
}

/** Organisation names by kind: pattern draw p in 0…99 picks one form. */
const companyName = `case
  when k = 3 then case
    when p < 30 then tg || ' Matkatoimisto Oy'
    when p < 55 then 'Matkatoimisto ' || ln || ' Oy'
    when p < 75 then rg || ' Matkat Oy'
    when p < 90 then 'Matka-' || ln || ' Oy'
    else bw || ' Travel Oy' end
  when k = 2 then case
    when p < 20 then 'Hotelli ' || tn
    when p < 35 then tg || ' Kylpylä Oy'
    when p < 60 then 'Liikenne ' || ln || ' Oy'
    when p < 75 then tg || ' Tilausajot Oy'
    when p < 88 then rg || ' Elämyspalvelut Oy'
    else 'Ohjelmapalvelu ' || ln || ' Oy' end
  else case
    when p < 25 then ln || ' ' || form
    when p < 50 then tg || ' ' || tr || ' ' || form
    when p < 65 then rg || ' ' || tr || ' Oy'
    when p < 85 then tr || ' ' || ln || ' Oy'
    when p < 93 then bw || ' ' || bt || ' Oy'
    else 'Tmi ' || fn || ' ' || ln end
  end`;

const companyDomain = `case
  when k = 3 then case
    when p < 30 then tga || '-matkatoimisto'
    when p < 55 then 'matkatoimisto-' || lna
    when p < 75 then rga || '-matkat'
    when p < 90 then 'matka-' || lna
    else bwa || 'travel' end
  when k = 2 then case
    when p < 20 then 'hotelli' || tna
    when p < 35 then tga || '-kylpyla'
    when p < 60 then 'liikenne-' || lna
    when p < 75 then tga || '-tilausajot'
    when p < 88 then rga || '-elamyspalvelut'
    else 'ohjelmapalvelu-' || lna end
  else case
    when p < 25 then lna
    when p < 50 then tga || '-' || tra
    when p < 65 then rga || '-' || tra
    when p < 85 then tra || '-' || lna
    when p < 93 then bwa || bta
    else fna || lna end
  end || '.fi'`;

/** Supplier category for its group: 1 accommodation, 2 transport, 3 programme services. */
const supplierCategory = 'case when k <> 2 then 0 when p < 35 then 1 when p < 75 then 2 else 3 end';

/**
 * Organisations, staged in a small temp table first: their names and domains are
 * reused by contact persons and by the persons who work there. The business id is
 * a valid Y-tunnus: six digits unique per organisation, and a seventh digit chosen so
 * that the mod-11 remainder is never 1.
 */
export async function stageOrganisations(tx: Db, plan: LoadPlan) {
  const { offset } = plan;
  await tx.execute(
    sql.raw(`create temp table demo_org on commit drop as
    select g, gg, k, number, t, p, ${companyName} as name, ${companyDomain} as domain,
      ${supplierCategory} as cat,
      case when pg_temp.r(gg, 20, 3) = 0 then 1 + pg_temp.r(gg, 21, ${MAX_DEPARTMENTS}) else 0 end as depts,
      lpad((p6 * 10 + d7)::text, 7, '0') || '-'
        || (case when (s6 + 2 * d7) % 11 = 0 then 0 else 11 - (s6 + 2 * d7) % 11 end) as business_id
    from (
      select *, case when d7raw = bad then (d7raw + 1) % 10 else d7raw end as d7
      from (
        select *, (((1 - s6) % 11 + 11) % 11 * 6) % 11 as bad
        from (
          select s.*,
            7 * (p6 / 100000) + 9 * (p6 / 10000 % 10) + 10 * (p6 / 1000 % 10)
              + 5 * (p6 / 100 % 10) + 8 * (p6 / 10 % 10) + 4 * (p6 % 10) as s6
          from (
            select n.g, n.k, n.number, gg, t, pg_temp.r(gg, 5, 100) as p,
              ${lastArr}[l] as ln, ${lastAscii}[l] as lna,
              ${T.name}[t] as tn, lower(${T.name}[t]) as tna0,
              ${T.genitive}[t] as tg, ${T.regionGenitive}[t] as rg,
              ${tradeArr}[tri] as tr, ${tradeAscii}[tri] as tra,
              ${brandArr}[bi] as bw, ${brandAscii}[bi] as bwa,
              ${tailArr}[ti] as bt, ${tailAscii}[ti] as bta,
              ${firstArr}[fi] as fn, ${firstAscii}[fi] as fna,
              case when f < 82 then 'Oy' when f < 88 then 'Oy Ab' else 'Ky' end as form,
              70000 + ((gg * 104729 + ${Math.abs(plan.seed % 250000)}) % 250000)::int as p6,
              pg_temp.r(gg, 11, 10) as d7raw
            from demo_num n,
              lateral (select ${offset}::bigint + n.g as gg) x,
              lateral (select ${T.weighted}[1 + pg_temp.r(gg, 3, ${T.weightedCount})] as t,
                1 + pg_temp.r(gg, 4, ${lastNames.length}) as l,
                1 + pg_temp.r(gg, 6, ${trades.length}) as tri,
                1 + pg_temp.r(gg, 7, ${brandWords.length}) as bi,
                1 + pg_temp.r(gg, 8, ${brandTails.length}) as ti,
                ${firstName(`pg_temp.r(gg, 10, $N)`, 'pg_temp.r(gg, 9, 2)')} as fi,
                pg_temp.r(gg, 12, 100) as f) y
            where n.g <= ${plan.organisations}
            offset 0
          ) s
          offset 0
        ) s
        offset 0
      ) s
      offset 0
    ) s,
    lateral (select translate(tna0, 'äöå', 'aoa') as tna,
      translate(lower(tg), 'äöå', 'aoa') as tga, translate(lower(rg), 'äöå', 'aoa') as rga) a`),
  );
}

export async function insertOrganisations(tx: Db, plan: LoadPlan) {
  const groupOf = `case when k = 3 then ${plan.groups.agents}
    when k = 2 then ${intArray(plan.groups.suppliers)}[cat]
    else ${intArray(plan.groups.companyByTown)}[t] end`;
  await tx.execute(
    sql.raw(`insert into customers (id, number, kind_id, type, name, business_id, street_address, postal_code,
      city, phone, mobile, email, language, account_manager_id, relationship_start, notes, group_id, archived_at)
    select ${plan.customerBase} + g, number, ${intArray(plan.kindIds)}[k], 'organisation', name, business_id,
      ${streetArray}[1 + pg_temp.r(gg, 13, 50)] || ' ' || (1 + pg_temp.r(gg, 14, 60)),
      ${postalCode('gg', 't', 15)}, ${T.name}[t],
      case when pg_temp.r(gg, 16, 100) < 90 then ${landline('gg', 't', 17)} end,
      case when pg_temp.r(gg, 18, 100) < 30 then ${mobile('gg', 19)} end,
      case when pg_temp.r(gg, 21, 100) < 85 then
        (array['info@', 'asiakaspalvelu@', 'toimisto@'])[1 + pg_temp.r(gg, 22, 3)] || domain end,
      ${language('gg', 't', 23)},
      ${manager('gg', plan, 90, 24)},
      ${relationshipStart('gg', 'k', 26)},
      ${note('gg', 8, 27)},
      ${groupOf},
      ${archivedAt('gg', 29)}
    from demo_org`),
  );
}

export async function insertDepartments(tx: Db, plan: LoadPlan) {
  await tx.execute(
    sql.raw(`insert into departments (id, organisation_id, name)
    select ${plan.departmentBase} + (g - 1) * ${MAX_DEPARTMENTS} + j, ${plan.customerBase} + g,
      ${departmentArray}[1 + (pg_temp.r(gg, 30, 10) + j) % 10]
    from demo_org cross join lateral generate_series(0, depts - 1) j
    where depts > 0`),
  );
}

/** 1–3 contact persons per organisation; the first is often the managing director. */
export async function insertContactPersons(tx: Db, plan: LoadPlan) {
  const titleCount = contactTitles.length;
  await tx.execute(
    sql.raw(`insert into contact_persons (customer_id, first_name, last_name, title, email, phone, mobile, language)
    select id, fn, ln,
      case when j = 1 and pg_temp.r(h, 61, 100) < 55 then ${titleArr}[1]
        else ${titleArr}[2 + pg_temp.r(h, 62, ${titleCount - 1})] end,
      case when pg_temp.r(h, 63, 100) < 90 then fna || '.' || lna || '@' || domain end,
      case when pg_temp.r(h, 64, 100) < 30 then ${landline('h', 't', 65)} end,
      case when pg_temp.r(h, 66, 100) < 85 then ${mobile('h', 67)} end,
      case when pg_temp.r(h, 69, 100) < ${T.sv}[t] then 'sv' else 'fi' end::customer_language
    from (
      select id, t, domain, j, h, ${firstArr}[fi] as fn, ${firstAscii}[fi] as fna,
        ${lastArr}[l] as ln, ${lastAscii}[l] as lna
      from (
        select ${plan.customerBase} + o.g as id, o.t, o.domain, j, h,
          ${firstName('pg_temp.r(h, 71, $N)', 'pg_temp.r(h, 70, 2)')} as fi,
          1 + pg_temp.r(h, 72, ${lastNames.length}) as l
        from demo_org o
        cross join lateral generate_series(1, 1 + pg_temp.r(o.gg, 60, 3)) j,
        lateral (select o.gg * 4 + j as h) x
        offset 0
      ) s
      offset 0
    ) s`),
  );
}

/**
 * Persons: private customers and prospects. About one in seven works at one of the
 * new organisations (often in one of its departments) and then mostly has a work e-mail.
 */
export async function insertPersons(tx: Db, plan: LoadPlan) {
  const { offset, organisations: nOrg, groups } = plan;
  await tx.execute(
    sql.raw(`insert into customers (id, number, kind_id, type, name, first_name, last_name, street_address,
      postal_code, city, phone, mobile, email, language, account_manager_id, relationship_start, notes, group_id,
      company_id, department_id, archived_at)
    select ${plan.customerBase} + s.g, s.number, ${intArray(plan.kindIds)}[s.k], 'person',
      ln || ' ' || fn, fn, ln,
      ${streetArray}[1 + pg_temp.r(gg, 40, 50)] || ' ' || (1 + pg_temp.r(gg, 41, 120))
        || case when pg_temp.r(gg, 42, 100) < 45
          then ' ' || chr(65 + pg_temp.r(gg, 43, 4)) || ' ' || (1 + pg_temp.r(gg, 44, 40)) else '' end,
      ${postalCode('gg', 's.t', 45)}, tn,
      case when pg_temp.r(gg, 46, 100) < 12 then ${landline('gg', 's.t', 47)} end,
      case when pg_temp.r(gg, 48, 100) < 85 then ${mobile('gg', 49)} end,
      case when o.og is not null and pg_temp.r(gg, 51, 100) < 70
          then fna || '.' || lna || '@' || o.odomain
        when pg_temp.r(gg, 52, 100) < 60
          then fna || '.' || lna
            || case when pg_temp.r(gg, 53, 3) = 0 then (10 + pg_temp.r(gg, 54, 90))::text else '' end
            || '@' || ${providerArray}[1 + pg_temp.r(gg, 55, 12)] end,
      ${language('gg', 's.t', 56)},
      ${manager('gg', plan, 25, 57)},
      ${relationshipStart('gg', 's.k', 59)},
      ${note('gg', 4, 60)},
      case when s.k = 4 then case when pg_temp.r(gg, 62, 2) = 0 then ${groups.otherPrivate} end
        else case when pg_temp.r(gg, 62, 100) < 5 then ${groups.gold}
          when pg_temp.r(gg, 62, 100) < 20 then ${groups.silver}
          when pg_temp.r(gg, 62, 100) < 90 then ${groups.otherPrivate} end end,
      ${plan.customerBase} + o.og,
      case when o.odepts > 0 and pg_temp.r(gg, 63, 2) = 0
        then ${plan.departmentBase} + (o.og - 1) * ${MAX_DEPARTMENTS} + pg_temp.r(gg, 64, o.odepts) end,
      ${archivedAt('gg', 65)}
    from (
      select g, k, number, gg, t, org_g, ${T.name}[t] as tn,
        ${firstArr}[fi] as fn, ${firstAscii}[fi] as fna, ${lastArr}[l] as ln, ${lastAscii}[l] as lna
      from (
        select n.g, n.k, n.number, gg,
          ${T.weighted}[1 + pg_temp.r(gg, 66, ${T.weightedCount})] as t,
          ${firstName('pg_temp.r(gg, 68, $N)', 'pg_temp.r(gg, 67, 2)')} as fi,
          1 + pg_temp.r(gg, 69, ${lastNames.length}) as l,
          case when pg_temp.r(gg, 70, 100) < 15 then 1 + pg_temp.r(gg, 71, ${nOrg}) end as org_g
        from demo_num n, lateral (select ${offset}::bigint + n.g as gg) x
        where n.g > ${nOrg}
        offset 0
      ) s
      offset 0
    ) s
    left join (select g as og, domain as odomain, depts as odepts from demo_org) o on o.og = s.org_g`),
  );
}
