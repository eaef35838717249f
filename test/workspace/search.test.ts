import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { createUser } from '../../src/features/auth/queries.js';
import { CriteriaError, type CriteriaInput } from '../../src/features/workspace/criteria.js';
import { runSearch } from '../../src/features/workspace/lists.js';
import type { TargetType } from '../../src/features/workspace/targets.js';
import { createTestDatabase } from '../helpers/db.js';
import { demoRegister, ids, listIds } from './helpers.js';

let d: Database;
let userId: number;

beforeAll(async () => {
  d = await createTestDatabase();
  await demoRegister(d.db);
  userId = (
    await createUser(d.db, {
      username: 'hakija',
      displayName: 'Hilda Hakija',
      password: 'x'.repeat(12),
      role: 'staff',
    })
  ).id;
}, 120_000);
afterAll(() => d?.close());

/** Empties the user's lists, runs one search, returns the found ids (sorted) and the result. */
async function search(targetType: TargetType, criteria: CriteriaInput) {
  await d.db.execute(sql`delete from found_list where user_id = ${userId}`);
  await d.db.execute(sql`delete from selected_list where user_id = ${userId}`);
  const result = await runSearch(d.db, userId, targetType, criteria);
  const found = await listIds(d.db, 'found', userId, targetType);
  expect(result.added).toBe(found.length);
  expect(result.matched).toBe(found.length);
  expect(result.foundCount).toBe(found.length);
  return found;
}

/** Customers with profile value FIELD=VALUE, as SQL for the checks. */
const hasProfile = (customer: ReturnType<typeof sql>, field: string, value: string) => sql`exists (
  select 1 from customer_profile_values pv join profile_values v on v.id = pv.value_id
  join profile_fields f on f.id = v.field_id
  where pv.customer_id = ${customer} and f.code = ${field} and v.code = ${value})`;

async function problemsOf(targetType: TargetType, criteria: unknown) {
  try {
    await runSearch(d.db, userId, targetType, criteria);
  } catch (e) {
    if (e instanceof CriteriaError) return e.problems;
    throw e;
  }
  throw new Error('the search was not refused');
}

describe("the manual's scenarios, each against the test's own count", () => {
  it('(1) customers in Tampere 33000–33999 who travelled on F1 trips during 2011', async () => {
    const expected = await ids(
      d.db,
      sql`select distinct c.id from customers c
        join sales_documents s on s.customer_id = c.id
        join destination_types t on t.id = s.destination_type_id
        where c.type = 'person' and c.archived_at is null and c.postal_code >= '33000' and c.postal_code <= '33999'
          and t.code = 'F1' and s.kind = 'booking' and s.travel_start between '2011-01-01' and '2011-12-31'`,
    );
    expect(expected.length).toBeGreaterThan(5);
    const found = await search('person', {
      postalCode: { from: '33000', to: '33999' },
      purchases: [{ destinationType: 'F1', dates: 'travel', year: 2011 }],
    });
    expect(found).toEqual(expected);
    // The manual's own way of writing the range, "33 – 33", and a date range instead of the year.
    expect(
      await search('person', {
        postalCode: { from: '33', to: '33' },
        purchases: [{ destinationType: 'f1', dates: 'travel', from: '2011-01-01', to: '2011-12-31' }],
      }),
    ).toEqual(expected);
  });

  it('(2) contact persons who are secretaries in pharma organisations with more than 250 employees', async () => {
    const expected = await ids(
      d.db,
      sql`select cp.id from contact_persons cp join customers o on o.id = cp.customer_id
        where o.archived_at is null and lower(cp.title) like '%sihteeri%'
          and ${hasProfile(sql`o.id`, 'TOIM', 'PHARM')} and ${hasProfile(sql`o.id`, 'HENK', 'G250')}`,
    );
    expect(expected.length).toBeGreaterThan(3);
    const found = await search('contact_person', {
      profiles: [
        { field: 'TOIM', values: ['PHARM'] },
        { field: 'HENK', values: ['G250'] },
      ],
      contactPerson: { title: 'sihteeri' },
    });
    expect(found).toEqual(expected);
    // The same organisations' persons with the position (ASEMA) secretary, as person customers.
    const workers = await ids(
      d.db,
      sql`select p.id from customers p join customers o on o.id = p.company_id
        where p.type = 'person' and p.archived_at is null and ${hasProfile(sql`p.id`, 'ASEMA', 'SIHT')}
          and ${hasProfile(sql`p.id`, 'TOIM', 'PHARM')}`,
    );
    expect(
      await search('person', {
        profiles: [
          { field: 'ASEMA', values: ['SIHT'] },
          { field: 'TOIM', values: ['PHARM'] },
        ],
      }),
    ).toEqual(workers);
  });

  it('(3) everyone who ever booked destination type GF', async () => {
    for (const type of ['person', 'organisation'] as const) {
      const expected = await ids(
        d.db,
        sql`select distinct c.id from customers c join sales_documents s on s.customer_id = c.id
          join destination_types t on t.id = s.destination_type_id
          where c.type = ${type} and c.archived_at is null and t.code = 'GF' and s.kind = 'booking'`,
      );
      expect(expected.length).toBeGreaterThan(20);
      expect(await search(type, { purchases: [{ destinationType: 'GF' }] })).toEqual(expected);
    }
  });
});

describe('criteria', () => {
  it('purchase counts and sums per year range, and "at most" including none', async () => {
    const figures = sql`select c.id, count(s.id) as n, coalesce(sum(s.amount_cents), 0) as total
      from customers c left join sales_documents s on s.customer_id = c.id and s.kind = 'booking'
        and s.date between '2011-01-01' and '2016-12-31'
      where c.type = 'person' and c.archived_at is null group by c.id`;
    const atLeastTwo = await ids(d.db, sql`select id from (${figures}) f where n >= 2 and total >= 300000`);
    expect(atLeastTwo.length).toBeGreaterThan(0);
    expect(
      await search('person', {
        purchases: [
          { kind: 'booking', from: '2011-01-01', to: '2016-12-31', minCount: 2, minAmountCents: 300000 },
        ],
      }),
    ).toEqual(atLeastTwo);
    // Same range through documents (not whole years): the same figures must come out.
    const upToOne = await ids(d.db, sql`select id from (${figures}) f where n <= 1`);
    expect(
      await search('person', {
        purchases: [{ from: '2011-01-01', to: '2016-12-31', minCount: 0, maxCount: 1 }],
      }),
    ).toEqual(upToOne);
    const viaDocuments = await ids(
      d.db,
      sql`select id from (select c.id, count(s.id) as n from customers c
        left join sales_documents s on s.customer_id = c.id and s.kind = 'booking'
          and s.date between '2011-03-02' and '2016-12-31'
        where c.type = 'person' and c.archived_at is null group by c.id) f where n >= 3`,
    );
    expect(
      await search('person', { purchases: [{ from: '2011-03-02', to: '2016-12-31', minCount: 3 }] }),
    ).toEqual(viaDocuments);
  });

  it('address, kind, group with subgroups, account manager, reach and bans', async () => {
    const [manager] = await d.db.execute<{ id: number; username: string }>(sql`
      select u.id, u.username from users u where exists (select 1 from customers c where c.account_manager_id = u.id)
      order by u.id limit 1`);
    const expected = await ids(
      d.db,
      sql`select c.id from customers c join customer_kinds k on k.id = c.kind_id
        where c.type = 'person' and c.archived_at is null and k.code in ('ASIAKAS', 'PROSPEKTI')
          and c.account_manager_id = ${manager!.id} and coalesce(c.email, '') <> '' and not c.no_marketing
          and c.group_id in (with recursive sub as (
            select id from customer_groups where name = 'Yksityisasiakkaat' and parent_id is null
            union all select g.id from customer_groups g join sub on g.parent_id = sub.id) select id from sub)`,
    );
    expect(expected.length).toBeGreaterThan(5);
    expect(
      await search('person', {
        kinds: ['asiakas', 'PROSPEKTI'],
        groups: ['Yksityisasiakkaat'],
        accountManager: manager!.username,
        hasEmail: true,
        excludeBans: ['NO_MARKETING'],
      }),
    ).toEqual(expected);

    const tampere = await ids(
      d.db,
      sql`select id from customers where type = 'organisation' and archived_at is null
        and lower(city) = 'tampere' and country = 'FI' and coalesce(mobile, '') = ''`,
    );
    expect(tampere.length).toBeGreaterThan(0);
    expect(await search('organisation', { city: 'TAMPERE', country: 'fi', hasMobile: false })).toEqual(
      tampere,
    );
  });

  it('tracking values, properties, contact-person properties and profile dates and texts', async () => {
    const [track] = await d.db.execute<{ dimension: string; value: string }>(sql`
      select d.code as dimension, v.code as value from customer_tracking ct
      join tracking_values v on v.id = ct.value_id join tracking_dimensions d on d.id = v.dimension_id
      group by d.code, v.code order by count(*) desc limit 1`);
    const [property] = await d.db.execute<{ code: string }>(sql`
      select p.code from customer_properties cp join properties p on p.id = cp.property_id
      group by p.code order by count(*) desc limit 1`);
    const expected = await ids(
      d.db,
      sql`select c.id from customers c where c.type = 'organisation' and c.archived_at is null
        and c.id in (select ct.customer_id from customer_tracking ct join tracking_values v on v.id = ct.value_id
                     join tracking_dimensions d on d.id = v.dimension_id where d.code = ${track!.dimension} and v.code = ${track!.value})
        and c.id in (select cp.customer_id from customer_properties cp join properties p on p.id = cp.property_id where p.code = ${property!.code})`,
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(
      await search('organisation', {
        tracking: [{ dimension: track!.dimension, values: [track!.value] }],
        properties: [property!.code],
      }),
    ).toEqual(expected);

    const newsletter = await ids(
      d.db,
      sql`select cp.id from contact_persons cp join customers o on o.id = cp.customer_id
        where o.archived_at is null and not cp.no_email and cp.id in (select l.contact_person_id from contact_person_property_links l
          join contact_person_properties p on p.id = l.property_id where p.code = 'UUTISKIRJE')`,
    );
    expect(newsletter.length).toBeGreaterThan(0);
    expect(
      await search('contact_person', { contactPersonProperties: ['UUTISKIRJE'], excludeBans: ['NO_EMAIL'] }),
    ).toEqual(newsletter);

    const born = await ids(
      d.db,
      sql`select c.id from customers c join customer_profile_texts t on t.customer_id = c.id
        join profile_fields f on f.id = t.field_id
        where c.type = 'person' and c.archived_at is null and f.code = 'SYNT' and t.date between '1960-01-01' and '1969-12-31'`,
    );
    expect(born.length).toBeGreaterThan(0);
    expect(
      await search('person', { profiles: [{ field: 'SYNT', from: '1960-01-01', to: '1969-12-31' }] }),
    ).toEqual(born);
    const memo = await ids(
      d.db,
      sql`select c.id from customers c join customer_profile_texts t on t.customer_id = c.id
        join profile_fields f on f.id = t.field_id
        where c.archived_at is null and c.type = 'person' and f.code = 'MUIST' and t.text ilike '%sähköposti%'`,
    );
    expect(memo.length).toBeGreaterThan(0);
    expect(await search('person', { profiles: [{ field: 'MUIST', contains: 'SÄHKÖPOSTI' }] })).toEqual(memo);
  });

  it('the contact log: creator, type, both or neither, date range, has entries or has none', async () => {
    await d.db.execute(sql`insert into contact_types (code, name) values ('LS', 'Lähetetty sähköposti'), ('PU', 'Puhelu')
      on conflict (code) do nothing`);
    const [other] = await d.db.execute<{ id: number }>(sql`
      insert into users (username, display_name, password_hash) values ('toinen', 'Toinen Virkailija', 'x') returning id`);
    // Every 4th person: an LS entry by the test user in March 2024; every 6th: a PU entry by the other user in 2025
    // (the demo contact log has entries of its own: the expectations come from the table).
    await d.db.execute(sql`
      insert into interactions (customer_id, type_id, text, created_by, created_at)
      select id, (select id from contact_types where code = 'LS'), 'Kevätkirje', ${userId}::int, '2024-03-15 12:00+02'::timestamptz
      from customers where type = 'person' and id % 4 = 0
      union all
      select id, (select id from contact_types where code = 'PU'), 'Soitto', ${other!.id}::int, '2025-06-01 09:00+03'::timestamptz
      from customers where type = 'person' and id % 6 = 0`);
    const persons = (where: ReturnType<typeof sql>) =>
      ids(d.db, sql`select id from customers c where type = 'person' and archived_at is null and ${where}`);
    /** Persons with (or without) an entry matching `where` on interactions i joined with contact_types t. */
    const entry = (where: ReturnType<typeof sql>) => sql`exists (select 1 from interactions i
      join contact_types t on t.id = i.type_id where i.customer_id = c.id and ${where})`;

    const lsByMe = await persons(entry(sql`t.code = 'LS' and i.created_by = ${userId}`));
    expect(lsByMe).toEqual(await persons(sql`id % 4 = 0`));
    expect(await search('person', { contactLog: [{ type: 'LS', createdBy: 'hakija' }] })).toEqual(lsByMe);
    expect(await search('person', { contactLog: [{ createdBy: 'TOINEN' }] })).toEqual(
      await persons(entry(sql`i.created_by = ${other!.id}`)),
    );
    expect(await search('person', { contactLog: [{}] })).toEqual(await persons(entry(sql`true`)));
    const day = await persons(
      entry(sql`i.created_at >= '2024-03-15 00:00+02' and i.created_at < '2024-03-16 00:00+02'`),
    );
    expect(day.length).toBeGreaterThanOrEqual(lsByMe.length);
    expect(await search('person', { contactLog: [{ from: '2024-03-15', to: '2024-03-15' }] })).toEqual(day);
    expect(
      await search('person', { contactLog: [{ type: 'PU', from: '2024-03-16', to: '2025-05-31' }] }),
    ).toEqual(
      await persons(
        entry(
          sql`t.code = 'PU' and i.created_at >= '2024-03-16 00:00+02' and i.created_at < '2025-06-01 00:00+03'`,
        ),
      ),
    );
    const noPhoneCall = await persons(sql`not ${entry(sql`t.code = 'PU'`)}`);
    expect(noPhoneCall.length).toBeGreaterThan(0);
    expect(await search('person', { contactLog: [{ exists: false, type: 'PU' }] })).toEqual(noPhoneCall);
    expect(
      await search('person', {
        contactLog: [{ type: 'LS' }, { exists: false, type: 'PU' }],
        city: 'Helsinki',
      }),
    ).toEqual(
      await persons(
        sql`${entry(sql`t.code = 'LS'`)} and not ${entry(sql`t.code = 'PU'`)} and lower(city) = 'helsinki'`,
      ),
    );
  });

  it('agents, guardians of matching customers, and staff who manage matching customers', async () => {
    const agents = await ids(
      d.db,
      sql`select c.id from customers c join customer_kinds k on k.id = c.kind_id where k.is_agent and c.archived_at is null`,
    );
    expect(agents.length).toBeGreaterThan(0);
    expect(await search('agent', {})).toEqual(agents);

    const guardians = await ids(
      d.db,
      sql`select distinct g.id from guardians gd join customers g on g.id = gd.guardian_id
        join customers w on w.id = gd.ward_id
        where g.archived_at is null and w.archived_at is null and not g.no_marketing and w.postal_code < '50000'`,
    );
    expect(guardians.length).toBeGreaterThan(0);
    expect(await search('guardian', { postalCode: { to: '49999' }, excludeBans: ['NO_MARKETING'] })).toEqual(
      guardians,
    );

    const managers = await ids(
      d.db,
      sql`select distinct u.id from users u join customers c on c.account_manager_id = u.id
        where u.active and c.archived_at is null and lower(c.city) = 'oulu'`,
    );
    expect(managers.length).toBeGreaterThan(0);
    expect(await search('staff', { city: 'Oulu' })).toEqual(managers);
    expect(await search('staff', {})).toEqual(await ids(d.db, sql`select id from users where active`));
  });
});

describe('the found list', () => {
  it('accumulates searches without duplicates and leaves out what is selected already', async () => {
    await d.db.execute(sql`delete from found_list where user_id = ${userId}`);
    const a = await runSearch(d.db, userId, 'person', { city: 'Tampere' });
    const b = await runSearch(d.db, userId, 'person', { postalCode: { from: '33100', to: '33200' } });
    const tampere = await ids(
      d.db,
      sql`select id from customers where type = 'person' and archived_at is null and lower(city) = 'tampere'`,
    );
    const postal = await ids(
      d.db,
      sql`select id from customers where type = 'person' and archived_at is null and postal_code >= '33100' and postal_code < '33201'`,
    );
    const union = [...new Set([...tampere, ...postal])].sort((x, y) => x - y);
    expect(a).toMatchObject({ matched: tampere.length, added: tampere.length, foundCount: tampere.length });
    expect(b.matched).toBe(postal.length);
    expect(b.added).toBe(union.length - tampere.length);
    expect(b.foundCount).toBe(union.length);
    expect(await listIds(d.db, 'found', userId, 'person')).toEqual(union);
    // Again: nothing new.
    expect(await runSearch(d.db, userId, 'person', { city: 'tampere' })).toMatchObject({ added: 0 });
    // Rows on the selected list are not found again.
    await d.db.execute(sql`delete from found_list where user_id = ${userId}`);
    await d.db.execute(
      sql`insert into selected_list (user_id, target_type, target_id) values (${userId}, 'person', ${tampere[0]!})`,
    );
    const again = await runSearch(d.db, userId, 'person', { city: 'Tampere' });
    expect(again).toMatchObject({ matched: tampere.length, added: tampere.length - 1 });
    // Lists of other target types are apart.
    expect(await listIds(d.db, 'found', userId, 'organisation')).toEqual([]);
  });

  it('a search that fails half-way adds nothing', async () => {
    await d.db.execute(sql`delete from found_list where user_id = ${userId}`);
    await d.db.execute(sql`delete from selected_list where user_id = ${userId}`);
    await runSearch(d.db, userId, 'person', { city: 'Oulu' });
    const before = await listIds(d.db, 'found', userId, 'person');
    const tampere = await ids(
      d.db,
      sql`select id from customers where type = 'person' and lower(city) = 'tampere'`,
    );
    // The database refuses one row in the middle of the insert.
    const poisoned = tampere[Math.floor(tampere.length / 2)]!;
    await d.db.execute(
      sql.raw(`
      create function ws_refuse() returns trigger language plpgsql as $$
      begin raise exception 'refused row %', new.target_id; end $$;
      create trigger ws_refuse before insert on found_list for each row
      when (new.target_id = ${poisoned}) execute function ws_refuse();`),
    );
    try {
      await expect(runSearch(d.db, userId, 'person', { city: 'Tampere' })).rejects.toThrow();
    } finally {
      await d.db.execute(sql`drop trigger ws_refuse on found_list; drop function ws_refuse()`);
    }
    expect(await listIds(d.db, 'found', userId, 'person')).toEqual(before);
  });
});

describe('bad criteria get clear messages and search nothing', () => {
  beforeAll(async () => {
    await d.db.execute(sql`delete from found_list where user_id = ${userId}`);
  });

  it('a reversed postal range', async () => {
    expect(await problemsOf('person', { postalCode: { from: '34000', to: '33999' } })).toEqual({
      postalCode: { key: 'workspace.criteria.postalReversed', params: { from: '34000', to: '33999' } },
    });
    expect(await problemsOf('person', { postalCode: { from: '34', to: '33' } })).toHaveProperty('postalCode');
    expect(await listIds(d.db, 'found', userId, 'person')).toEqual([]);
  });

  it('unknown codes, each named', async () => {
    const problems = await problemsOf('person', {
      kinds: ['ASIAKAS', 'NOPE'],
      groups: ['Ei ole'],
      accountManager: 'kukaan',
      profiles: [
        { field: 'TOIM', values: ['PHARM', 'XX'] },
        { field: 'ZZZ', values: ['A'] },
      ],
      purchases: [{ destinationType: 'QQ' }],
      contactLog: [{ type: 'ZZ' }],
      tracking: [{ dimension: 'ALUE', values: ['MARS'] }],
      properties: ['EIOLE'],
    });
    expect(problems).toEqual({
      'kinds[1]': { key: 'workspace.criteria.unknownKind', params: { code: 'NOPE' } },
      'groups[0]': { key: 'workspace.criteria.unknownGroup', params: { code: 'Ei ole' } },
      accountManager: { key: 'workspace.criteria.unknownUser', params: { code: 'kukaan' } },
      'profiles[0].values[1]': {
        key: 'workspace.criteria.unknownProfileValue',
        params: { code: 'XX', field: 'TOIM' },
      },
      'profiles[1].field': { key: 'workspace.criteria.unknownProfileField', params: { code: 'ZZZ' } },
      'purchases[0].destinationType': {
        key: 'workspace.criteria.unknownDestinationType',
        params: { code: 'QQ' },
      },
      'contactLog[0].type': { key: 'workspace.criteria.unknownContactType', params: { code: 'ZZ' } },
      'tracking[0].values[0]': {
        key: 'workspace.criteria.unknownTrackingValue',
        params: { code: 'MARS', dimension: 'ALUE' },
      },
      'properties[0]': { key: 'workspace.criteria.unknownProperty', params: { code: 'EIOLE' } },
    });
  });

  it('wrong shapes: unknown keys, bad dates, a field of another type, year and range together', async () => {
    const problems = await problemsOf('person', {
      postcode: '33100',
      relationshipStart: { from: '2024-02-30' },
      purchases: [{ destinationType: 'F1', minCount: 'two' }],
    });
    expect(problems).toMatchObject({
      postcode: { key: 'workspace.criteria.unknownKey' },
      'relationshipStart.from': { key: 'workspace.criteria.date' },
      'purchases[0].minCount': { key: 'workspace.criteria.type' },
    });
    expect(
      await problemsOf('person', {
        profiles: [{ field: 'SYNT', values: ['X'] }],
        purchases: [
          { year: 2011, from: '2011-01-01' },
          { minCount: 5, maxCount: 2 },
        ],
      }),
    ).toEqual({
      'profiles[0]': { key: 'workspace.criteria.profileDate', params: { code: 'SYNT' } },
      'purchases[0]': { key: 'workspace.criteria.yearOrRange', params: { path: 'purchases[0]' } },
      'purchases[1].count': {
        key: 'workspace.criteria.reversed',
        params: { path: 'purchases[1].count', from: 5, to: 2 },
      },
    });
    expect(await problemsOf('person', { contactPerson: { title: 'x' } })).toEqual({
      contactPerson: { key: 'workspace.criteria.contactPersonOnly' },
    });
    expect(await listIds(d.db, 'found', userId, 'person')).toEqual([]);
  });
});
