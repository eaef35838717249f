import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { demoStaff } from '../../src/features/demo/finnish-data.js';
import { generateDemoData } from '../../src/features/demo/generate.js';
import { acknowledgeAlarm, activeAlarmCount } from '../../src/features/interactions/alarms.js';
import { createTestDatabase } from '../helpers/db.js';

const COUNT = 600;
let d: Database;

beforeAll(async () => {
  process.env.KANTA_PASSWORD = 'demo password for tests';
  d = await createTestDatabase();
  await generateDemoData(d.db, { customers: COUNT, seed: 5, log: () => {} });
});
afterAll(() => d?.close());

/** Active alarms of a user counted the plain way, without the watermark. */
async function plainCount(userId: number): Promise<number> {
  const [row] = await d.sql<{ n: number }[]>`
    select count(*)::int as n from alarms a
    where a.due_date <= (now() at time zone 'Europe/Helsinki')::date
      and ((a.audience <> 'all' and a.user_id = ${userId} and a.acknowledged_at is null)
        or (a.audience = 'all' and not exists (
          select 1 from alarm_acknowledgements k where k.alarm_id = a.id and k.user_id = ${userId})))`;
  return row!.n;
}

const staffIds = async () =>
  (
    await d.sql<
      { id: number }[]
    >`select id from users where username in ${d.sql(demoStaff.map((s) => s.username))} order by id`
  ).map((r) => r.id);

describe('the demo contact log', () => {
  it('has the contact types and about two entries per customer by the demo staff over three years', async () => {
    const types = await d.sql<
      { code: string; name: string }[]
    >`select code, name from contact_types order by code`;
    expect(types).toEqual([
      { code: 'KI', name: 'Kirje' },
      { code: 'LS', name: 'Lähetetty sähköposti' },
      { code: 'ME', name: 'Messutarjous' },
      { code: 'PU', name: 'Puhelu' },
      { code: 'SMS', name: 'Tekstiviesti' },
      { code: 'TA', name: 'Tapaaminen' },
      { code: 'TR', name: 'Osoitetarra' },
    ]);
    const [s] = await d.sql<
      {
        n: number;
        by_staff: number;
        types: number;
        oldest: number;
        newest: number;
        out_of_order: number;
        with_person: number;
      }[]
    >`
      select count(*)::int as n,
        count(*) filter (where created_by in (select id from users where username in ${d.sql(demoStaff.map((x) => x.username))}))::int as by_staff,
        count(distinct type_id)::int as types,
        (current_date - min(created_at)::date)::int as oldest,
        (current_date - max(created_at)::date)::int as newest,
        (select count(*) from (select created_at < lag(created_at) over (order by id) as back from interactions) x where back)::int as out_of_order,
        count(contact_person_id)::int as with_person
      from interactions`;
    expect(s!.n).toBeGreaterThan(COUNT * 1.6);
    expect(s!.n).toBeLessThan(COUNT * 2.4);
    expect(s!.by_staff).toBe(s!.n);
    expect(s!.types).toBe(7);
    expect(s!.oldest).toBeGreaterThan(900);
    expect(s!.oldest).toBeLessThanOrEqual(1096);
    expect(s!.newest).toBeGreaterThanOrEqual(1);
    // Running numbers follow the dates, so "newest first" is both.
    expect(s!.out_of_order).toBe(0);
    expect(s!.with_person).toBeGreaterThan(0);
  });

  it('puts alarms on one entry in twenty, old "everyone" alarms acknowledged by all', async () => {
    const [a] = await d.sql<{ n: number; entries: number; all: number; old_open: number }[]>`
      select count(*)::int as n, (select count(*) from interactions)::int as entries,
        count(*) filter (where audience = 'all')::int as all,
        (select count(*) from alarms x cross join users u
          where x.audience = 'all' and u.active and x.due_date < current_date - 30
            and not exists (select 1 from alarm_acknowledgements k where k.alarm_id = x.id and k.user_id = u.id))::int as old_open
      from alarms`;
    expect(a!.n).toBeGreaterThan(a!.entries * 0.03);
    expect(a!.n).toBeLessThan(a!.entries * 0.07);
    expect(a!.all).toBeGreaterThan(0);
    expect(a!.old_open).toBe(0);
  });

  it("counts each user's active alarms through the watermark exactly as the plain query does", async () => {
    const ids = await staffIds();
    expect(ids).toHaveLength(demoStaff.length);
    for (const id of ids) expect(await activeAlarmCount(d.db, id)).toBe(await plainCount(id));
    // Acknowledging every active alarm of one user moves their watermark on and empties their bar.
    const [first] = ids;
    const open = await d.sql<{ id: string }[]>`
      select a.id from alarms a where a.due_date <= current_date and (
        (a.audience <> 'all' and a.user_id = ${first!} and a.acknowledged_at is null)
        or (a.audience = 'all' and not exists (select 1 from alarm_acknowledgements k where k.alarm_id = a.id and k.user_id = ${first!})))`;
    for (const row of open) await acknowledgeAlarm(d.db, Number(row.id), first!);
    expect(await activeAlarmCount(d.db, first!)).toBe(0);
    expect(await plainCount(first!)).toBe(0);
    for (const id of ids.slice(1)) expect(await activeAlarmCount(d.db, id)).toBe(await plainCount(id));
  });

  it('appends to the log when more customers are generated', async () => {
    const [before] = await d.sql<{ n: number }[]>`select count(*)::int as n from interactions`;
    await generateDemoData(d.db, { customers: 100, seed: 5, log: () => {} });
    const [after] = await d.sql<{ n: number; types: number }[]>`
      select count(*)::int as n, (select count(*) from contact_types)::int as types from interactions`;
    expect(after!.n).toBeGreaterThan(before!.n);
    expect(after!.types).toBe(7);
    for (const id of await staffIds()) expect(await activeAlarmCount(d.db, id)).toBe(await plainCount(id));
  });
});
