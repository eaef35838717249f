import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Database } from '../../src/db/client.js';
import {
  type Channel,
  countRecipients,
  EMAIL_PATTERN,
  LEFT_OUT_REASONS,
  mobileE164,
  recipientRows,
  selectedContactTargets,
  selectedTargets,
  streamRecipients,
} from '../../src/features/workspace/selection.js';
import { TARGET_TYPES, type TargetType } from '../../src/features/workspace/targets.js';
import { createTestDatabase } from '../helpers/db.js';

/*
 * The selection against the test's own SQL: a register where, for every target type,
 * some recipients are banned, some have no address, some an invalid one, and some share
 * an address. The attributes follow the row number `i`, so the expected counts come from
 * plain SQL over the same rows, with the test's own rules for what it wrote (its valid
 * mobile numbers are +358 4x / 04x / 050 numbers; its invalid e-mails lack a domain).
 */

let database: Database;
const USER = 4242;
const N = 120;

/** Per row number: bans, address parts, e-mail and mobile (in the forms the test checks). */
const attributes = sql`
  select i,
    i % 5 = 0 as no_marketing, i % 6 = 0 as no_email, i % 7 = 0 as no_sms,
    case when i % 4 = 0 then null else 'Testikatu ' || i end as street,
    case when i % 9 = 0 then '  ' else lpad((33100 + i)::text, 5, '0') end as postal_code,
    'Tampere' as city,
    case when i % 3 = 0 then null
         when i % 8 = 0 then 'ei-osoite'
         when i % 20 = 10 then '  Yhteinen@Example.FI '
         when i % 10 = 0 then 'yhteinen@example.fi'
         else 'vastaanottaja' || i || '@example.fi' end as email,
    case when i % 3 = 1 then null
         when i % 8 = 1 then '09 123 4567'
         when i % 11 = 0 then '12'
         when i % 20 = 11 then '+358 40 111 2233'
         when i % 10 = 1 then '040 111 2233'
         when i % 2 = 0 then '+358 40 ' || lpad(i::text, 7, '0')
         else '050 ' || lpad(i::text, 7, '0') end as mobile
  from generate_series(1, ${N}) i`;

/** The test's own normal form of its numbers: digits, a leading 0 replaced by 358. */
const testE164 = (column: SQL) =>
  sql`'+' || regexp_replace(regexp_replace(${column}, '\\D', '', 'g'), '^0', '358')`;
const testMobileValid = (column: SQL) => sql`(${testE164(column)} ~ '^\\+358(4\\d|50)\\d{7}$')`;

const ids = new Map<TargetType, number[]>();

async function addCustomers(type: 'person' | 'organisation', kind: string, prefix: string) {
  const rows = await database.db.execute<{ id: number }>(sql`
    insert into customers (number, kind_id, type, name, first_name, last_name, street_address, postal_code,
      city, email, mobile, no_marketing, no_email, no_sms)
    select (select coalesce(max(number), 100000) from customers) + a.i,
      (select id from customer_kinds where code = ${kind}), ${type}::customer_type,
      ${prefix} || ' ' || a.i, case when ${type} = 'person' then 'Etu' || a.i end,
      case when ${type} = 'person' then ${prefix} end,
      a.street, a.postal_code, a.city, a.email, a.mobile, a.no_marketing, a.no_email, a.no_sms
    from (${attributes}) a order by a.i
    returning id`);
  return rows.map((r) => r.id);
}

async function select(targetType: TargetType, list: number[]) {
  await database.db.execute(sql`
    insert into selected_list (user_id, target_type, target_id)
    select ${USER}, ${targetType}::workspace_target, unnest(${`{${list.join(',')}}`}::int[])`);
}

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  ids.set('person', await addCustomers('person', 'ASIAKAS', 'Henkilö'));
  ids.set('organisation', await addCustomers('organisation', 'ASIAKAS', 'Yritys'));
  ids.set('agent', await addCustomers('organisation', 'AGENTTI', 'Matkatoimisto'));
  ids.set('guardian', await addCustomers('person', 'ASIAKAS', 'Huoltaja'));
  // Contact persons: their own names, bans, e-mail and mobile; the address of their organisation.
  const [org] = await db.execute<{ id: number }>(sql`
    insert into customers (number, kind_id, type, name, street_address, postal_code, city)
    values (99999, (select id from customer_kinds where code = 'ASIAKAS'), 'organisation', 'Emo Oy',
      'Emotie 1', '00100', 'Helsinki') returning id`);
  const [bare] = await db.execute<{ id: number }>(sql`
    insert into customers (number, kind_id, type, name)
    values (99998, (select id from customer_kinds where code = 'ASIAKAS'), 'organisation', 'Osoitteeton Oy')
    returning id`);
  const cps = await db.execute<{ id: number }>(sql`
    insert into contact_persons (customer_id, first_name, last_name, email, mobile, no_marketing, no_email, no_sms)
    select case when a.street is null then ${bare!.id}::int else ${org!.id}::int end, 'Yhteys' || a.i, 'Henkilö',
      a.email, a.mobile, a.no_marketing, a.no_email, a.no_sms
    from (${attributes}) a order by a.i returning id`);
  ids.set(
    'contact_person',
    cps.map((r) => r.id),
  );
  const staff = await db.execute<{ id: number }>(sql`
    insert into users (username, display_name, email, password_hash)
    select 'virkailija' || a.i, 'Virkailija ' || a.i, a.email, 'x' from (${attributes}) a order by a.i
    returning id`);
  ids.set(
    'staff',
    staff.map((r) => r.id),
  );
  for (const t of TARGET_TYPES) await select(t, ids.get(t)!);
  // A selected contact person that was deleted since: not a recipient of anything.
  await select('contact_person', [2_000_000_000]);
});
afterAll(() => database.close());

/**
 * The test's own view of one target type: per target id and row number, the channel's
 * address as the test wrote it, and whether it is banned, missing or invalid.
 */
function expectedRows(targetType: TargetType, channel: Channel): SQL {
  const list = `{${ids.get(targetType)!.join(',')}}`;
  const row = sql`select t.id as target_id, t.i from unnest(${list}::int[]) with ordinality as t(id, i)`;
  const a = sql`(${attributes})`;
  const isStaff = targetType === 'staff';
  const isCp = targetType === 'contact_person';
  let banned: SQL;
  let missing: SQL;
  let invalid: SQL;
  let address: SQL;
  if (channel === 'letter') {
    banned = isStaff ? sql`false` : sql`a.no_marketing`;
    // Contact persons without a street are on the organisation without any address.
    missing = isStaff
      ? sql`true`
      : sql`a.street is null or ${isCp ? sql`false` : sql`btrim(a.postal_code) = ''`}`;
    invalid = sql`false`;
    address = sql`null::text`;
  } else if (channel === 'email') {
    banned = isStaff ? sql`false` : sql`a.no_email`;
    missing = sql`a.email is null`;
    invalid = sql`position('@' in a.email) = 0`;
    address = sql`lower(btrim(a.email))`;
  } else {
    banned = isStaff ? sql`false` : sql`a.no_sms`;
    missing = isStaff ? sql`true` : sql`a.mobile is null`;
    invalid = sql`not ${testMobileValid(sql`a.mobile`)}`;
    address = testE164(sql`a.mobile`);
  }
  return sql`
    select r.target_id, case when ${banned} then 'banned' when ${missing} then 'noAddress'
      when ${invalid} then 'invalidAddress' end as reason, ${address} as address
    from (${row}) r join ${a} a on a.i = r.i`;
}

/** The test's counts: each reason, and duplicates among the rest by the lowest target id. */
async function expectedCounts(targetType: TargetType, channel: Channel) {
  const [row] = await database.db.execute<Record<string, number>>(sql`
    with e as (${expectedRows(targetType, channel)}),
    d as (select e.*, case when reason is null and ${channel} <> 'letter'
            and row_number() over (partition by case when reason is null then address end order by target_id) > 1
            then 'duplicateAddress' else reason end as final from e)
    select count(*)::int as selected, count(*) filter (where final is null)::int as recipients,
      count(*) filter (where final = 'banned')::int as banned,
      count(*) filter (where final = 'noAddress')::int as "noAddress",
      count(*) filter (where final = 'invalidAddress')::int as "invalidAddress",
      count(*) filter (where final = 'duplicateAddress')::int as "duplicateAddress"
    from d`);
  return row!;
}

describe('selection by channel', () => {
  for (const targetType of TARGET_TYPES) {
    for (const channel of ['letter', 'email', 'sms'] as Channel[]) {
      it(`${targetType} × ${channel}: counts by reason match the test's own SQL`, async () => {
        const counts = await countRecipients(database.db, { userId: USER, targetType, channel });
        const want = await expectedCounts(targetType, channel);
        expect(counts.selected).toBe(N);
        expect(counts.considered).toBe(N);
        expect({ recipients: counts.recipients, ...counts.leftOut }).toEqual({
          recipients: want.recipients,
          banned: want.banned,
          noAddress: want.noAddress,
          invalidAddress: want.invalidAddress,
          duplicateAddress: want.duplicateAddress,
        });
        // Every row is counted once.
        const total = counts.recipients + LEFT_OUT_REASONS.reduce((s, r) => s + counts.leftOut[r], 0);
        expect(total).toBe(N);
      });
    }
  }

  it('the register has some of every reason for customers, so the counts above mean something', async () => {
    for (const channel of ['email', 'sms'] as Channel[]) {
      const c = await countRecipients(database.db, { userId: USER, targetType: 'person', channel });
      for (const reason of LEFT_OUT_REASONS)
        expect(c.leftOut[reason], `${channel} ${reason}`).toBeGreaterThan(0);
      expect(c.recipients).toBeGreaterThan(0);
    }
    const letter = await countRecipients(database.db, {
      userId: USER,
      targetType: 'person',
      channel: 'letter',
    });
    expect(letter.leftOut.banned).toBeGreaterThan(0);
    expect(letter.leftOut.noAddress).toBeGreaterThan(0);
    expect(letter.leftOut.duplicateAddress).toBe(0);
  });

  it('without the ban (a label run that is not marketing) the banned ones count by their address', async () => {
    const c = await countRecipients(database.db, {
      userId: USER,
      targetType: 'person',
      channel: 'letter',
      respectBan: false,
    });
    const [want] = await database.db.execute<{ n: number }>(sql`
      select count(*)::int as n from (${attributes}) a where a.street is not null and btrim(a.postal_code) <> ''`);
    expect(c.leftOut.banned).toBe(0);
    expect(c.recipients).toBe(want!.n);
  });

  it('`only` looks at one target of the selection', async () => {
    const one = ids.get('person')![0]!;
    const c = await countRecipients(database.db, {
      userId: USER,
      targetType: 'person',
      channel: 'letter',
      only: one,
    });
    expect(c.selected).toBe(N);
    expect(c.considered).toBe(1);
    expect(c.recipients).toBe(1);
  });
});

describe('recipient rows', () => {
  it('SMS rows carry the number in E.164, the one kept of duplicates being the lowest target id', async () => {
    const q = { userId: USER, targetType: 'person' as const, channel: 'sms' as const };
    const rows = await recipientRows(database.db, q);
    const want = await database.db.execute<{ target_id: number; address: string }>(sql`
      with e as (${expectedRows('person', 'sms')})
      select target_id, address from (
        select e.*, row_number() over (partition by case when reason is null then address end order by target_id) as n
        from e) x
      where reason is null and n = 1 order by target_id`);
    expect(rows.map((r) => [r.targetId, r.address])).toEqual(want.map((w) => [w.target_id, w.address]));
    expect(rows.every((r) => r.reason === null && r.customerId === r.targetId)).toBe(true);
    expect(rows.filter((r) => r.address === '+358401112233')).toHaveLength(1);
  });

  it('left-out rows say why; e-mail addresses are trimmed and lower-cased', async () => {
    const q = { userId: USER, targetType: 'person' as const, channel: 'email' as const };
    const out = await recipientRows(database.db, q, { which: 'leftOut' });
    const dup = out.filter((r) => r.reason === 'duplicateAddress');
    expect(dup.length).toBeGreaterThan(0);
    expect(new Set(dup.map((r) => r.address))).toEqual(new Set(['yhteinen@example.fi']));
    expect(out.find((r) => r.reason === 'invalidAddress')?.address).toBe('ei-osoite');
    expect(out.filter((r) => r.reason === 'noAddress').every((r) => r.address === null)).toBe(true);
  });

  it('contact persons go on their organisation with the contact person set; names and language come along', async () => {
    const q = { userId: USER, targetType: 'contact_person' as const, channel: 'email' as const };
    const [first] = await recipientRows(database.db, q, { limit: 1 });
    const [cp] = await database.db.execute<{ customer_id: number; first_name: string }>(sql`
      select customer_id, first_name from contact_persons where id = ${first!.targetId}`);
    expect(first).toMatchObject({
      kind: 'contact_person',
      contactPersonId: first!.targetId,
      customerId: cp!.customer_id,
      firstName: cp!.first_name,
      lastName: 'Henkilö',
      language: 'fi',
    });
    expect(first!.organisation).toMatch(/Oy$/);
  });

  it('keyset pages and the cursor give the same rows as one query', async () => {
    const q = { userId: USER, targetType: 'organisation' as const, channel: 'email' as const };
    const all = await recipientRows(database.db, q);
    const paged: number[] = [];
    let after: number | null = null;
    for (;;) {
      const page = await recipientRows(database.db, q, { after, limit: 7 });
      if (!page.length) break;
      paged.push(...page.map((r) => r.targetId));
      after = page.at(-1)!.targetId;
    }
    const streamed: number[] = [];
    for await (const batch of streamRecipients(database.db, q, { batch: 10 }))
      streamed.push(...batch.map((r) => r.targetId));
    expect(paged).toEqual(all.map((r) => r.targetId));
    expect(streamed).toEqual(paged);
  });

  it('staff have e-mail only: no postal address, no mobile', async () => {
    const letter = await countRecipients(database.db, {
      userId: USER,
      targetType: 'staff',
      channel: 'letter',
    });
    const sms = await countRecipients(database.db, { userId: USER, targetType: 'staff', channel: 'sms' });
    expect(letter.leftOut.noAddress).toBe(N);
    expect(sms.leftOut.noAddress).toBe(N);
  });
});

describe('selected targets', () => {
  it('the subquery holds the list; contact targets put contact persons on their organisation', async () => {
    const [n] = await database.db.execute<{ n: number }>(sql`
      select count(*)::int as n from (${selectedTargets(USER, 'contact_person')}) s`);
    expect(n!.n).toBe(N + 1);
    const targets = await database.db.execute<{ customer_id: number; contact_person_id: number }>(sql`
      select * from (${selectedContactTargets(USER, 'contact_person')}) t`);
    expect(targets).toHaveLength(N);
    const persons = await database.db.execute<{ customer_id: number; contact_person_id: number }>(sql`
      select * from (${selectedContactTargets(USER, 'person')}) t`);
    expect(persons.map((p) => p.customer_id).sort((a, b) => a - b)).toEqual(ids.get('person'));
    expect(persons.every((p) => p.contact_person_id === null)).toBe(true);
    const staff = await database.db.execute(sql`select * from (${selectedContactTargets(USER, 'staff')}) t`);
    expect(staff).toHaveLength(0);
  });
});

describe('mobile numbers', () => {
  it('Finnish numbers get +358; landlines and nonsense are not mobile numbers', () => {
    expect(mobileE164('040 123 4567')).toBe('+358401234567');
    expect(mobileE164('+358 50 1234567')).toBe('+358501234567');
    expect(mobileE164('+46 70 123 45 67')).toBe('+46701234567');
    expect(mobileE164('09 123 4567')).toBeNull();
    expect(mobileE164('12')).toBeNull();
  });
});

describe('e-mail rule', () => {
  it('the SQL check agrees with the form validation (zod z.email()) address by address', async () => {
    const samples = [
      'matti.meikalainen@example.fi',
      'a+b@sub.example.com',
      "o'brien@example.ie",
      'x@y.z',
      'no-at-sign.example.fi',
      'two@@example.fi',
      '.dot@example.fi',
      'dot.@example.fi',
      'a..b@example.fi',
      'user@-host.fi',
      'user@host',
      'user@host.f1',
      'äiti@example.fi',
      'user name@example.fi',
      'user@exa_mple.fi',
    ];
    const rows = await database.db.execute<{ s: string; ok: boolean }>(sql`
      select s, s ~ ${EMAIL_PATTERN} as ok from unnest(${`{${samples.map((x) => `"${x}"`).join(',')}}`}::text[]) s`);
    const form = z.email();
    for (const r of rows) expect(r.ok, r.s).toBe(form.safeParse(r.s).success);
    expect(rows.filter((r) => r.ok).length).toBeGreaterThan(2);
    expect(rows.filter((r) => !r.ok).length).toBeGreaterThan(5);
  });
});
