import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contactTypeByCode,
  undoInteractionBatch,
  writeInteractionBatch,
} from '../../src/features/interactions/batch.js';
import { type Agent, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { defaultTypes, organisation, person } from './helpers.js';

let t: TestApp;
let staff: Agent;
let customers: number[];
let org: { id: number; contactPersonId: number };

beforeAll(async () => {
  t = await createTestApp();
  staff = await loginAs(t.app, 'staff');
  await defaultTypes(t.app.db);
  customers = [];
  for (const name of ['Eka', 'Toka', 'Kolmas']) customers.push(await person(t.app.db, name));
  org = await organisation(t.app.db, 'Erä Oy');
  customers.push(org.id);
});
afterAll(() => t.close());

const counts = async () => {
  const [row] = await t.database.sql<{ entries: number; batches: number; audit: number }[]>`
    select (select count(*) from interactions)::int as entries, (select count(*) from interaction_batches)::int as batches,
      (select count(*) from audit_log)::int as audit`;
  return row!;
};

describe('writing contact entries in batches', () => {
  it('finds a contact type by its code', async () => {
    expect(await contactTypeByCode(t.app.db, 'TR')).toMatchObject({ code: 'TR', name: 'Osoitetarra' });
    expect(await contactTypeByCode(t.app.db, 'sms')).toMatchObject({ code: 'SMS' });
    expect(await contactTypeByCode(t.app.db, 'XX')).toBeNull();
  });

  it('writes 10 000 entries in one transaction, as one recorded batch', async () => {
    const tr = (await contactTypeByCode(t.app.db, 'TR'))!;
    const ids = sql.raw(`array[${customers.join(',')}]`);
    const recipients = sql`
      select c as customer_id, case when c = ${org.id} then ${org.contactPersonId}::int end as contact_person_id
      from unnest(${ids}) c cross join generate_series(1, 2500)`;
    const { batchId, count } = await writeInteractionBatch(t.app.db, {
      source: 'labels',
      userId: staff.userId,
      typeId: tr.id,
      text: 'Joulukortti 2026',
      recipients,
    });
    expect(count).toBe(10_000);
    const [row] = await t.database.sql<
      { n: number; xmins: number; same: boolean; texts: number; persons: number }[]
    >`
      select count(*)::int as n, count(distinct i.xmin::text)::int as xmins,
        bool_and(i.xmin::text = b.xmin::text) as same,
        count(*) filter (where i.text = 'Joulukortti 2026' and i.type_id = ${tr.id} and i.created_by = ${staff.userId})::int as texts,
        count(*) filter (where i.contact_person_id = ${org.contactPersonId})::int as persons
      from interactions i join interaction_batches b on b.id = i.batch_id where b.id = ${batchId}`;
    // One transaction id wrote the batch row and every entry.
    expect(row).toEqual({ n: 10_000, xmins: 1, same: true, texts: 10_000, persons: 2500 });
    const [batch] = await t.database
      .sql`select source, entry_count, created_by, undone_at from interaction_batches where id = ${batchId}`;
    expect(batch).toEqual({
      source: 'labels',
      entry_count: 10_000,
      created_by: staff.userId,
      undone_at: null,
    });
    const [audit] = await t.database.sql`
      select action, user_id, changes from audit_log where entity = 'interaction_batch' and entity_id = ${batchId}`;
    expect(audit).toMatchObject({ action: 'create', user_id: staff.userId });
    // Each customer's history has a line for its entry, written in the same statement.
    const history = await t.database.sql<{ customer_id: number; n: number }[]>`
      select customer_id, count(*)::int as n from audit_log
      where entity = 'interaction' and action = 'create' and changes->'batchId'->>1 = ${String(batchId)}
      group by customer_id order by customer_id`;
    expect(history).toEqual(customers.map((c) => ({ customer_id: c, n: 2500 })));

    // The staff view lists it; undoing removes every entry in one go and is recorded.
    const page = await staff.get('/interactions/batches');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`id="batch-${batchId}"`);
    expect(page.body).toMatch(/<td class="num">10\s000<\/td>/);
    const undo = await staff.post(`/interactions/batches/${batchId}/undo`, {});
    expect(undo.statusCode).toBe(303);
    const [left] = await t.database.sql<
      { n: number }[]
    >`select count(*)::int as n from interactions where batch_id = ${batchId}`;
    expect(left!.n).toBe(0);
    const [undone] = await t.database
      .sql`select undone_by, undone_at is not null as undone from interaction_batches where id = ${batchId}`;
    expect(undone).toEqual({ undone_by: staff.userId, undone: true });
    expect(await undoInteractionBatch(t.app.db, batchId, staff.userId)).toBe(0);
    const [undoAudit] = await t.database.sql`
      select changes from audit_log where entity = 'interaction_batch' and entity_id = ${batchId} and action = 'delete'`;
    expect(undoAudit!.changes).toEqual({ source: ['labels', null], count: [10_000, null] });
    const [removed] = await t.database.sql<{ n: number }[]>`
      select count(*)::int as n from audit_log
      where entity = 'interaction' and action = 'delete' and changes->'batchId'->>0 = ${String(batchId)}`;
    expect(removed!.n).toBe(10_000);
    expect((await staff.get('/interactions/batches')).body).toContain('Peruttu');
  });

  it('leaves nothing behind when a recipient fails half-way', async () => {
    const tr = (await contactTypeByCode(t.app.db, 'TR'))!;
    const before = await counts();
    // 5 000 good recipients, then one customer that does not exist.
    const recipients = sql`
      select customer_id, null::int as contact_person_id from (
        select ${customers[0]!}::int as customer_id, g from generate_series(1, 5000) g
        union all select 2147483000, 5001) r order by g`;
    await expect(
      writeInteractionBatch(t.app.db, {
        source: 'labels',
        userId: staff.userId,
        typeId: tr.id,
        text: 'Ei mene',
        recipients,
      }),
    ).rejects.toThrow();
    expect(await counts()).toEqual(before);
  });
});
