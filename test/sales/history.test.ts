import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { helsinkiToday, purchaseHistory } from '../../src/features/sales/queries.js';
import { createTestDatabase } from '../helpers/db.js';
import { doc, person, record } from './helpers.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const fig = (count: number, amountCents: number) => ({ count, amountCents });

describe('purchase history figures', () => {
  it('takes today from the server clock in Europe/Helsinki', () => {
    // 31.12.2025 23:59:59 and 1.1.2026 00:00:00 in Helsinki (UTC+2 in winter).
    expect(helsinkiToday(new Date('2025-12-31T21:59:59Z'))).toBe('2025-12-31');
    expect(helsinkiToday(new Date('2025-12-31T22:00:00Z'))).toBe('2026-01-01');
    // Summer time (UTC+3): 30.6. 23:30 UTC is already 1.7. in Helsinki.
    expect(helsinkiToday(new Date('2026-06-30T21:30:00Z'))).toBe('2026-07-01');
  });

  it('splits the years at 31.12./1.1.', async () => {
    const db = database.db;
    const c = await person(db, 'Vuosi');
    const booking = (date: string, amountCents: number) => doc(c, { kind: 'booking', date, amountCents });
    await record(db, [
      booking('2023-06-01', 1_000),
      booking('2024-12-31', 2_000),
      booking('2025-01-01', 4_000),
      booking('2025-12-31', 8_000),
      booking('2026-01-01', 16_000),
    ]);

    const onNewYearsEve = await purchaseHistory(db, c, '2025-12-31');
    expect(onNewYearsEve.year).toBe(2025);
    expect(onNewYearsEve.thisYear).toEqual(fig(2, 12_000));
    expect(onNewYearsEve.lastYear).toEqual(fig(1, 2_000));
    expect(onNewYearsEve.earlier).toEqual(fig(1, 1_000));
    // A document dated after the current year counts in the total only.
    expect(onNewYearsEve.total).toEqual(fig(5, 31_000));

    const onNewYearsDay = await purchaseHistory(db, c, '2026-01-01');
    expect(onNewYearsDay.year).toBe(2026);
    expect(onNewYearsDay.thisYear).toEqual(fig(1, 16_000));
    expect(onNewYearsDay.lastYear).toEqual(fig(2, 12_000));
    expect(onNewYearsDay.earlier).toEqual(fig(2, 3_000));
    expect(onNewYearsDay.total).toEqual(fig(5, 31_000));
  });

  it('lets credit invoices reduce the sums', async () => {
    const db = database.db;
    const c = await person(db, 'Hyvitys');
    await record(db, [
      doc(c, { kind: 'invoice', date: '2026-02-01', amountCents: 150_000 }),
      doc(c, { kind: 'invoice', date: '2026-03-01', amountCents: -40_000 }),
      doc(c, { kind: 'invoice', date: '2025-03-01', amountCents: 10_000 }),
      doc(c, { kind: 'invoice', date: '2025-04-01', amountCents: -10_000 }),
    ]);
    const h = await purchaseHistory(db, c, '2026-05-01');
    expect(h.byKind.invoice.thisYear).toEqual(fig(2, 110_000));
    expect(h.byKind.invoice.lastYear).toEqual(fig(2, 0));
    expect(h.byKind.invoice.total).toEqual(fig(4, 110_000));
  });

  it('counts as overdue only unpaid documents due before today', async () => {
    const db = database.db;
    const c = await person(db, 'Erääntynyt');
    const inv = (amountCents: number, dueDate: string | null, paidDate: string | null) =>
      doc(c, { kind: 'invoice', date: '2026-01-10', amountCents, dueDate, paidDate });
    await record(db, [
      inv(1_00, '2026-03-01', null), // overdue
      inv(20_00, '2026-03-14', null), // overdue: due yesterday
      inv(300_00, '2026-03-01', '2026-03-10'), // paid
      inv(4_000_00, '2026-03-15', null), // due today: not yet overdue
      inv(50_000_00, '2026-04-01', null), // not due yet
      inv(600_000_00, null, null), // no due date
    ]);
    const h = await purchaseHistory(db, c, '2026-03-15');
    expect(h.overdueCents).toBe(21_00);
    expect(h.overdueCount).toBe(2);
    expect((await purchaseHistory(db, c, '2026-03-16')).overdueCents).toBe(4_021_00);
  });

  it('uses bookings as the purchases and keeps every kind in its own row', async () => {
    const db = database.db;
    const c = await person(db, 'Laji');
    await record(db, [
      doc(c, { kind: 'booking', date: '2026-01-05', amountCents: 200_000 }),
      doc(c, { kind: 'sales_order', date: '2026-01-06', amountCents: 200_000 }),
      doc(c, { kind: 'invoice', date: '2026-01-07', amountCents: 200_000 }),
    ]);
    const h = await purchaseHistory(db, c, '2026-02-01');
    expect(h.thisYear).toEqual(fig(1, 200_000));
    expect(h.byKind.booking.thisYear).toEqual(fig(1, 200_000));
    expect(h.byKind.sales_order.thisYear).toEqual(fig(1, 200_000));
    expect(h.byKind.invoice.thisYear).toEqual(fig(1, 200_000));
  });
});
