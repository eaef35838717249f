import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { regionCodes } from '../../src/features/demo/classification-data.js';
import { towns } from '../../src/features/demo/finnish-data.js';
import { generateDemoData } from '../../src/features/demo/generate.js';
import { countCustomersWithProfileValue } from '../../src/features/profiles/queries.js';
import { twoDemoDatabases } from './helpers.js';

const COUNT = 500;
let first: Database;
let second: Database;

beforeAll(async () => {
  [first, second] = await twoDemoDatabases(COUNT, 11);
});

afterAll(async () => {
  await first?.close();
  await second?.close();
});

/** Every answer, link and ban by codes and customer numbers, in a stable order. */
const snapshot = async (d: Database) => ({
  profile: await d.sql`
    select c.number, f.code as field, v.code as value from customer_profile_values a
    join customers c on c.id = a.customer_id join profile_fields f on f.id = a.field_id
    join profile_values v on v.id = a.value_id order by 1, 2, 3`,
  texts: await d.sql`
    select c.number, f.code as field, a.text, a.date::text from customer_profile_texts a
    join customers c on c.id = a.customer_id join profile_fields f on f.id = a.field_id order by 1, 2`,
  tracking: await d.sql`
    select c.number, v.code from customer_tracking t join customers c on c.id = t.customer_id
    join tracking_values v on v.id = t.value_id order by 1, 2`,
  properties: await d.sql`
    select c.number, p.code, cp.value_text from customer_properties cp join customers c on c.id = cp.customer_id
    join properties p on p.id = cp.property_id order by 1, 2`,
  bans: await d.sql`
    select number, no_marketing, no_sms, no_email from customers
    where no_marketing or no_sms or no_email order by 1`,
  history: await d.sql`
    select c.number, h.ban, h.active, h.source, h.at from ban_history h join customers c on c.id = h.customer_id
    order by 1, h.id`,
  guardians: await d.sql`
    select g.number as guardian, w.number as ward from guardians x
    join customers g on g.id = x.guardian_id join customers w on w.id = x.ward_id order by 1, 2`,
});

describe('demo classification data', () => {
  it('defines 14 single, 6 multi, 4 memo, 6 date and 5 text-line profile fields', async () => {
    const rows = await first.sql<{ type: string; n: number }[]>`
      select type::text, count(*)::int as n from profile_fields group by type`;
    expect(Object.fromEntries(rows.map((r) => [r.type, r.n]))).toEqual({
      single: 14,
      multi: 6,
      memo: 4,
      date: 6,
      text: 5,
    });
    const [codes] = await first.sql<{ long_fields: number; long_values: number; listless: number }[]>`
      select (select count(*) from profile_fields where length(code) > 10)::int as long_fields,
        (select count(*) from profile_values where length(code) > 5)::int as long_values,
        (select count(*) from profile_fields f where f.type in ('single', 'multi')
          and not exists (select 1 from profile_values v where v.field_id = f.id))::int as listless`;
    expect(codes).toEqual({ long_fields: 0, long_values: 0, listless: 0 });
    const [toim] = await first.sql<{ label: string }[]>`
      select v.label from profile_values v join profile_fields f on f.id = v.field_id
      where f.code = 'TOIM' and v.code = 'PHARM'`;
    expect(toim?.label).toBe('Lääketeollisuus');
  });

  it('answers fields of every type, a single field at most once per customer', async () => {
    const rows = await first.sql<{ type: string; customers: number }[]>`
      select f.type::text, count(distinct a.customer_id)::int as customers
      from profile_fields f join customer_profile_values a on a.field_id = f.id group by f.type
      union all
      select f.type::text, count(distinct a.customer_id)::int from profile_fields f
      join customer_profile_texts a on a.field_id = f.id
      where (f.type = 'date' and a.date is not null) or (f.type <> 'date' and a.text <> '')
      group by f.type`;
    const byType = Object.fromEntries(rows.map((r) => [r.type, r.customers]));
    for (const type of ['single', 'multi', 'memo', 'date', 'text'])
      expect(byType[type], type).toBeGreaterThan(0);
    const [doubles] = await first.sql<{ n: number }[]>`
      select count(*)::int as n from (
        select a.customer_id from customer_profile_values a join profile_fields f on f.id = a.field_id
        where f.type = 'single' group by a.customer_id, a.field_id having count(*) > 1) x`;
    expect(doubles!.n).toBe(0);
    const [several] = await first.sql<{ n: number }[]>`
      select count(*)::int as n from (
        select a.customer_id from customer_profile_values a join profile_fields f on f.id = a.field_id
        where f.code = 'HARR' group by a.customer_id having count(*) > 1) x`;
    expect(several!.n).toBeGreaterThan(0);
  });

  it('has big pharmaceutical organisations with secretaries, and secretaries among persons', async () => {
    const [row] = await first.sql<{ orgs: number; persons: number }[]>`
      select (select count(distinct o.id) from customers o
          join customer_profile_values t on t.customer_id = o.id
          join profile_values tv on tv.id = t.value_id and tv.code = 'PHARM'
          join profile_fields tf on tf.id = tv.field_id and tf.code = 'TOIM'
          join customer_profile_values h on h.customer_id = o.id
          join profile_values hv on hv.id = h.value_id and hv.code = 'G250'
          join profile_fields hf on hf.id = hv.field_id and hf.code = 'HENK'
          join contact_persons cp on cp.customer_id = o.id and cp.title = 'Sihteeri'
          where o.type = 'organisation')::int as orgs,
        (select count(*) from customers p join customer_profile_values a on a.customer_id = p.id
          join profile_values v on v.id = a.value_id and v.code = 'SIHT'
          join profile_fields f on f.id = v.field_id and f.code = 'ASEMA'
          where p.type = 'person')::int as persons`;
    expect(row!.orgs).toBeGreaterThan(0);
    expect(row!.persons).toBeGreaterThan(0);
    expect(await countCustomersWithProfileValue(first.db, 'TOIM', 'PHARM')).toBeGreaterThan(row!.orgs);
  });

  it('fills tracking pick lists, properties, marketing groups and contact roles', async () => {
    const [row] = await first.sql<Record<string, number>[]>`
      select (select count(*) from customer_tracking t join tracking_dimensions d on d.id = t.dimension_id
          where d.code = 'ALUE')::int as regions,
        (select count(*) from customer_tracking t join tracking_dimensions d on d.id = t.dimension_id
          where d.code = 'TOIMIALA')::int as industries,
        (select count(*) from customer_tracking t join tracking_dimensions d on d.id = t.dimension_id
          join tracking_values v on v.id = t.value_id
          join customer_profile_values a on a.customer_id = t.customer_id
          join profile_values pv on pv.id = a.value_id join profile_fields f on f.id = pv.field_id and f.code = 'TOIM'
          where d.code = 'TOIMIALA' and v.code <> pv.code)::int as disagreeing,
        (select count(*) from customer_properties)::int as properties,
        (select count(*) from customer_properties where value_text is not null)::int as with_text,
        (select count(*) from contact_person_property_links l join contact_person_properties p on p.id = l.property_id
          where p.code = 'UUTISKIRJE')::int as newsletter,
        (select count(*) from contact_roles)::int as roles,
        (select count(*) from contact_roles r join contact_persons cp on cp.id = r.contact_person_id
          where cp.customer_id <> r.customer_id)::int as foreign_roles`;
    expect(row!.regions).toBeGreaterThan(COUNT * 0.8);
    expect(row!.industries).toBeGreaterThan(0);
    expect(row!.disagreeing).toBe(0);
    expect(row!.properties).toBeGreaterThan(0);
    expect(row!.with_text).toBeGreaterThan(0);
    expect(row!.newsletter).toBeGreaterThan(0);
    expect(row!.roles).toBeGreaterThan(0);
    expect(row!.foreign_roles).toBe(0);
    const regions = await first.sql<{ city: string; code: string }[]>`
      select distinct c.city, v.code from customer_tracking t join tracking_values v on v.id = t.value_id
      join tracking_dimensions d on d.id = t.dimension_id join customers c on c.id = t.customer_id
      where d.code = 'ALUE'`;
    const regionOf = new Map(towns.map((t) => [t.name, regionCodes[t.region]]));
    for (const r of regions) expect(r.code, r.city).toBe(regionOf.get(r.city));
    expect(regions.find((r) => r.city === 'Tampere')?.code).toBe('PIRKANMAA');
  });

  it('bans a few persons and contact persons, each active ban with its history', async () => {
    const [row] = await first.sql<{ [k: string]: number }[]>`
      select (select count(*) from customers where type = 'person')::int as persons,
        (select count(*) from customers where no_marketing or no_sms or no_email)::int as banned,
        (select count(*) from customers where type = 'organisation'
          and (no_marketing or no_sms or no_email))::int as banned_orgs,
        (select count(*) from contact_persons where no_marketing or no_sms or no_email)::int as banned_contacts,
        (select count(*) from ban_history)::int as history,
        (select count(*) from customers c cross join lateral (values
            ('NO_MARKETING'::ban_kind, c.no_marketing), ('NO_SMS', c.no_sms), ('NO_EMAIL', c.no_email)) b(ban, on_)
          where b.on_ is distinct from coalesce((select h.active from ban_history h
            where h.customer_id = c.id and h.ban = b.ban order by h.id desc limit 1), false))::int as mismatched,
        (select count(*) from ban_history where active = false)::int as lifted`;
    expect(row!.banned).toBeGreaterThan(0);
    expect(row!.banned).toBeLessThan(row!.persons! * 0.3);
    expect(row!.banned_orgs).toBe(0);
    expect(row!.banned_contacts).toBeGreaterThan(0);
    expect(row!.history).toBeGreaterThanOrEqual(row!.banned!);
    expect(row!.mismatched).toBe(0);
    expect(row!.lifted).toBeGreaterThan(0);
  });

  it('links a few guardians to wards, both persons', async () => {
    const [row] = await first.sql<{ n: number; not_persons: number }[]>`
      select count(*)::int as n,
        count(*) filter (where g.type <> 'person' or w.type <> 'person' or g.id = w.id)::int as not_persons
      from guardians x join customers g on g.id = x.guardian_id join customers w on w.id = x.ward_id`;
    expect(row!.n).toBeGreaterThan(0);
    expect(row!.not_persons).toBe(0);
  });

  it('is deterministic: the same seed gives the same classification', async () => {
    const [a, b] = await Promise.all([snapshot(first), snapshot(second)]);
    expect(a.profile.length).toBeGreaterThan(COUNT);
    expect(b).toEqual(a);
  });

  it('adds no definitions when run again and gives answers only to the new customers', async () => {
    const definitions = (d: Database) => d.sql`
      select (select count(*) from profile_fields)::int as fields, (select count(*) from profile_values)::int as vals,
        (select count(*) from tracking_dimensions)::int as dims, (select count(*) from tracking_values)::int as tvals,
        (select count(*) from properties)::int as props, (select count(*) from property_groups)::int as groups,
        (select count(*) from contact_person_properties)::int as cpprops,
        (select count(*) from contact_person_groups)::int as cpgroups`;
    const before = await definitions(second);
    const [last] = await second.sql<{ top: number }[]>`select max(id) as top from customers`;
    const top = last!.top;
    const ofOld = (d: Database) => d.sql`
      select 'v' as t, customer_id, value_id::text as x from customer_profile_values where customer_id <= ${top}
      union all select 't', customer_id, coalesce(text, date::text) from customer_profile_texts
        where customer_id <= ${top}
      union all select 'k', customer_id, value_id::text from customer_tracking where customer_id <= ${top}
      union all select 'b', customer_id, ban::text from ban_history where customer_id <= ${top}
      order by 1, 2, 3`;
    const old = await ofOld(second);
    await generateDemoData(second.db, { customers: 200, seed: 11, log: () => {} });
    expect(await definitions(second)).toEqual(before);
    expect(await ofOld(second)).toEqual(old);
    const [fresh] = await second.sql<{ n: number }[]>`
      select count(distinct customer_id)::int as n from customer_profile_values where customer_id > ${top}`;
    expect(fresh!.n).toBeGreaterThan(100);
  });
});
