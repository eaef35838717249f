import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { writeAudit } from '../audit/queries.js';

/** Keys in app_settings (R-REG-10). */
export const STARTDATE_INVOICE = 'STARTDATE_INVOICE';
export const STARTDATE_SALESORDER = 'STARTDATE_SALESORDER';

export type SalesSettings = { startDateInvoice: boolean; startDateSalesOrder: boolean };

/** Both switches; a missing key means off. */
export async function readSalesSettings(db: Db): Promise<SalesSettings> {
  const rows = await db.execute<{ key: string; on: boolean }>(sql`
    select key, value = 'true'::jsonb as on from app_settings
    where key in (${STARTDATE_INVOICE}, ${STARTDATE_SALESORDER})`);
  const on = (key: string) => rows.some((r) => r.key === key && r.on);
  return { startDateInvoice: on(STARTDATE_INVOICE), startDateSalesOrder: on(STARTDATE_SALESORDER) };
}

/** Saves both switches (one upsert) and audits what changed. */
export async function saveSalesSettings(db: Db, settings: SalesSettings, userId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await readSalesSettings(tx);
    const changes: Record<string, [unknown, unknown]> = {};
    if (before.startDateInvoice !== settings.startDateInvoice) {
      changes[STARTDATE_INVOICE] = [before.startDateInvoice, settings.startDateInvoice];
    }
    if (before.startDateSalesOrder !== settings.startDateSalesOrder) {
      changes[STARTDATE_SALESORDER] = [before.startDateSalesOrder, settings.startDateSalesOrder];
    }
    if (Object.keys(changes).length === 0) return;
    await tx.execute(sql`
      insert into app_settings (key, value, updated_at, updated_by)
      values (${STARTDATE_INVOICE}, ${JSON.stringify(settings.startDateInvoice)}::jsonb, now(), ${userId}::int),
             (${STARTDATE_SALESORDER}, ${JSON.stringify(settings.startDateSalesOrder)}::jsonb, now(), ${userId}::int)
      on conflict (key) do update set value = excluded.value, updated_at = now(), updated_by = excluded.updated_by`);
    await writeAudit(tx, { userId, entity: 'app_settings', action: 'update', changes });
  });
}
