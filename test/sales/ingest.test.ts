import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { recordSalesDocuments } from '../../src/features/sales/ingest.js';
import { saveSalesSettings } from '../../src/features/sales/settings.js';
import { createTestDatabase } from '../helpers/db.js';
import { auditCount, destinationType, doc, field, person, record, yearRows } from './helpers.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('recordSalesDocuments', () => {
  it('keeps the yearly figures through inserts, updates and moves between years and customers', async () => {
    const db = database.db;
    const a = await person(db, 'Aino');
    const b = await person(db, 'Bertta');
    const gf = await destinationType(db, 'GFX', 'Golf');
    const first = await record(db, [
      doc(a, { externalId: 'Y-1', date: '2024-12-31', amountCents: 50_000 }),
      doc(a, { externalId: 'Y-2', date: '2025-01-01', amountCents: 20_000 }),
      doc(a, {
        externalId: 'Y-3',
        kind: 'booking',
        date: '2025-02-01',
        amountCents: 70_000,
        destinationTypeId: gf,
      }),
      doc(a, { date: '2025-03-01', amountCents: -5_000 }),
    ]);
    expect(first).toEqual({ created: 4, updated: 0, unchanged: 0 });
    expect(await yearRows(db, a)).toEqual([
      '2024 invoice 0: 1 50000',
      `2025 booking ${gf}: 1 70000`,
      '2025 invoice 0: 2 15000',
    ]);

    // Y-1 moves to 2025 and to customer b; Y-2 changes its amount; Y-3 is sent as it was.
    const second = await record(db, [
      doc(b, { externalId: 'Y-1', date: '2025-01-05', amountCents: 40_000 }),
      doc(a, { externalId: 'Y-2', date: '2025-01-01', amountCents: 25_000 }),
      doc(a, {
        externalId: 'Y-3',
        kind: 'booking',
        date: '2025-02-01',
        amountCents: 70_000,
        destinationTypeId: gf,
      }),
    ]);
    expect(second).toEqual({ created: 0, updated: 2, unchanged: 1 });
    expect(await yearRows(db, a)).toEqual([`2025 booking ${gf}: 1 70000`, '2025 invoice 0: 2 20000']);
    expect(await yearRows(db, b)).toEqual(['2025 invoice 0: 1 40000']);
    const [y1] = await db.execute<{ version: number }>(
      sql`select version from sales_documents where external_id = 'Y-1'`,
    );
    expect(y1!.version).toBe(2);
  });

  it('refuses an externalId twice in one call', async () => {
    const a = await person(database.db, 'Dupli');
    await expect(
      record(database.db, [doc(a, { externalId: 'D-1' }), doc(a, { externalId: 'D-1' })]),
    ).rejects.toThrow('sales.error.duplicateExternalId');
    expect(await yearRows(database.db, a)).toEqual([]);
  });

  it('sets the relationship start once, from the earliest switched-on document', async () => {
    const db = database.db;
    const admin = await db.execute<{ id: number }>(sql`
      insert into users (username, display_name, password_hash, role)
      values ('rs-admin', 'RS', 'x', 'admin') returning id`);
    await saveSalesSettings(db, { startDateInvoice: true, startDateSalesOrder: true }, admin[0]!.id);
    const c = await person(db, 'Alku');
    await record(db, [
      doc(c, { kind: 'booking', date: '2019-01-01' }),
      doc(c, { kind: 'invoice', date: '2021-05-05' }),
      doc(c, { kind: 'sales_order', date: '2020-03-03' }),
    ]);
    const start = async () =>
      (
        await db.execute<{ d: string }>(
          sql`select relationship_start::text as d from customers where id = ${c}`,
        )
      )[0]!.d;
    expect(await start()).toBe('2020-03-03');
    await record(db, [doc(c, { kind: 'invoice', date: '2010-01-01' })]);
    expect(await start()).toBe('2020-03-03');
    const [audit] = await db.execute<{ changes: unknown }>(sql`
      select changes from audit_log where entity = 'customer' and customer_id = ${c} and changes ? 'relationshipStart'`);
    expect(audit!.changes).toEqual({ relationshipStart: [null, '2020-03-03'] });
  });

  it('adds the AUTO value of a booking once', async () => {
    const db = database.db;
    const harr = await field(db, 'HARRX', 'Harrastukset', 'multi', [
      ['GO', 'Golf'],
      ['SK', 'Hiihto'],
    ]);
    const golf = await destinationType(db, 'GFA', 'Golf', harr.values.GO!);
    const c = await person(db, 'Auto');
    await record(db, [doc(c, { kind: 'booking', destinationTypeId: golf, externalId: 'A-1' })]);
    await record(db, [doc(c, { kind: 'booking', destinationTypeId: golf, externalId: 'A-2' })]);
    const values = await db.execute<{ value_id: number }>(
      sql`select value_id from customer_profile_values where customer_id = ${c}`,
    );
    expect(values.map((v) => v.value_id)).toEqual([harr.values.GO]);
    expect(await auditCount(db, 'profile', c)).toBe(1);
  });
  it('adds AUTO values to many more customers in one transaction than the lock table has slots for', async () => {
    const db = database.db;
    const [lockSlots] = await db.execute<{ slots: number }>(sql`
      select current_setting('max_locks_per_transaction')::int
        * (current_setting('max_connections')::int + current_setting('max_prepared_transactions')::int) as slots`);
    const slots = lockSlots!.slots;
    const harr = await field(db, 'HARRL', 'Harrastukset L', 'multi', [['GO', 'Golf']]);
    const golf = await destinationType(db, 'GFL', 'Golf', harr.values.GO!);
    const ids = (
      await db.execute<{ id: number }>(sql`
        insert into customers (number, kind_id, type, name, first_name, last_name)
        select 4000000 + g, k.id, 'person', 'Lukko ' || g, 'Lukko', g::text
        from generate_series(1, ${slots * 7}::int) g, customer_kinds k where k.code = 'ASIAKAS'
        returning id`)
    ).map((r) => r.id);
    // As the import does: one transaction, batches of 1 000.
    await db.transaction(async (tx) => {
      for (let i = 0; i < ids.length; i += 1000) {
        const batch = ids.slice(i, i + 1000);
        await recordSalesDocuments(
          tx,
          batch.map((c) => doc(c, { kind: 'booking', destinationTypeId: golf, externalId: `L-${c}` })),
          { userId: null, source: 'import' },
        );
      }
    });
    const [withGolf] = await db.execute<{ n: number }>(sql`
      select count(*)::int as n from customer_profile_values where value_id = ${harr.values.GO!}`);
    expect(withGolf!.n).toBe(ids.length);
  });

  it('adds an AUTO value to a single field only when the customer has none there', async () => {
    const db = database.db;
    const kohde = await field(db, 'KOHDE', 'Lempikohde', 'single', [
      ['GO', 'Golfmatkat'],
      ['SKI', 'Hiihtomatkat'],
    ]);
    const golf = await destinationType(db, 'GFS', 'Golf', kohde.values.GO!);
    const ski = await destinationType(db, 'SKS', 'Ski', kohde.values.SKI!);
    const c = await person(db, 'Yksi');
    // Both in one batch: the earlier booking wins, the field keeps one value.
    await record(db, [
      doc(c, { kind: 'booking', destinationTypeId: ski, date: '2025-02-01' }),
      doc(c, { kind: 'booking', destinationTypeId: golf, date: '2025-01-01' }),
    ]);
    const valuesOf = async () =>
      (
        await db.execute<{ value_id: number }>(
          sql`select value_id from customer_profile_values where customer_id = ${c} and field_id = ${kohde.id}`,
        )
      ).map((v) => v.value_id);
    expect(await valuesOf()).toEqual([kohde.values.GO]);
    await record(db, [doc(c, { kind: 'booking', destinationTypeId: ski, date: '2025-03-01' })]);
    expect(await valuesOf()).toEqual([kohde.values.GO]);
    const [audit] = await db.execute<{ changes: unknown }>(
      sql`select changes from audit_log where entity = 'profile' and customer_id = ${c}`,
    );
    expect(audit!.changes).toEqual({ Lempikohde: [null, 'Golfmatkat'] });
  });

  it('changes nothing when the same documents come again', async () => {
    const db = database.db;
    const c = await person(db, 'Sama');
    const docs = [
      doc(c, { externalId: 'S-1', kind: 'invoice', number: '1001', dueDate: '2025-07-01' }),
      doc(c, { externalId: 'S-2', kind: 'booking', travelStart: '2025-08-01', travelEnd: '2025-08-08' }),
    ];
    expect(await record(db, docs)).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const audits = await auditCount(db, 'sales_document', c);
    const before = await yearRows(db, c);
    expect(await record(db, docs)).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(await auditCount(db, 'sales_document', c)).toBe(audits);
    expect(await yearRows(db, c)).toEqual(before);
    const versions = await db.execute<{ version: number }>(
      sql`select version from sales_documents where customer_id = ${c}`,
    );
    expect(versions.map((v) => v.version)).toEqual([1, 1]);
  });
});
