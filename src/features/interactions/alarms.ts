import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { DomainError } from '../../lib/errors.js';
import type { AlarmAudience } from './schemas.js';

/*
 * Alarms (hälytykset, R-CARD-4). An alarm is active for a user from its due date on (a
 * Helsinki calendar day) until that user acknowledges it:
 *   - 'self' and 'user' alarms belong to one user (`user_id`) and carry `acknowledged_at`;
 *   - 'all' alarms are acknowledged per user in `alarm_acknowledgements`.
 * Years of "everyone" alarms pile up acknowledged; `alarm_watermarks` keeps, per user, a
 * date before which every "everyone" alarm is acknowledged by that user, so the bar only
 * reads the "everyone" alarms from there on (index-only, on alarms_all_due_idx).
 */

/** Advisory lock serialising watermark moves: shared by alarm writers, exclusive while a watermark moves on. */
const WATERMARK_LOCK = 540_001;

const today = sql`(now() at time zone 'Europe/Helsinki')::date`;

/** The bar counts at most this many (and then says "1 000+"). */
export const ALARM_COUNT_CAP = 1000;

/**
 * An "everyone" alarm is (again) due on `dueDate`: watermarks past that day move back to it, so
 * no user skips it. Call inside the transaction that writes the alarm.
 */
export async function lowerAllWatermarks(tx: Db, dueDate: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${WATERMARK_LOCK})`);
  await tx.execute(
    sql`update alarm_watermarks set all_clear_before = ${dueDate}::date where all_clear_before > ${dueDate}::date`,
  );
}

/**
 * Moves the user's watermark on to the due date of their first unacknowledged "everyone" alarm
 * ('infinity' when there is none). Call inside the transaction that acknowledged one.
 */
export async function advanceWatermark(tx: Db, userId: number): Promise<void> {
  // Exclusive: waits for alarm writers still in flight, so the next statement sees their alarms.
  await tx.execute(sql`select pg_advisory_xact_lock(${WATERMARK_LOCK})`);
  await tx.execute(sql`
    insert into alarm_watermarks (user_id, all_clear_before)
    values (${userId}, coalesce((
      select a.due_date from alarms a
      where a.audience = 'all'
        and a.due_date >= coalesce((select w.all_clear_before from alarm_watermarks w where w.user_id = ${userId}), '-infinity'::date)
        and not exists (select 1 from alarm_acknowledgements k where k.user_id = ${userId} and k.alarm_id = a.id)
      order by a.due_date, a.id limit 1), 'infinity'::date))
    on conflict (user_id) do update set all_clear_before = excluded.all_clear_before`);
}

/** The alarms active for the user (due today or earlier, unacknowledged by them), as ids. */
function activeIds(userId: number) {
  return sql`
    (select a.id, a.due_date from alarms a
      where a.user_id = ${userId} and a.acknowledged_at is null and a.audience <> 'all' and a.due_date <= ${today})
    union all
    (select a.id, a.due_date from alarms a
      where a.audience = 'all' and a.due_date <= ${today}
        and a.due_date >= coalesce((select w.all_clear_before from alarm_watermarks w where w.user_id = ${userId}), '-infinity'::date)
        and not exists (select 1 from alarm_acknowledgements k where k.user_id = ${userId} and k.alarm_id = a.id))`;
}

/** How many alarms are active for the user, counting at most ALARM_COUNT_CAP. */
export async function activeAlarmCount(db: Db, userId: number): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`
    select (
      (select count(*) from (select 1 from alarms a
        where a.user_id = ${userId} and a.acknowledged_at is null and a.audience <> 'all' and a.due_date <= ${today}
        limit ${ALARM_COUNT_CAP}) p)
      + (select count(*) from (select 1 from alarms a
        where a.audience = 'all' and a.due_date <= ${today}
          and a.due_date >= coalesce((select w.all_clear_before from alarm_watermarks w where w.user_id = ${userId}), '-infinity'::date)
          and not exists (select 1 from alarm_acknowledgements k where k.user_id = ${userId} and k.alarm_id = a.id)
        limit ${ALARM_COUNT_CAP}) q)
    )::int as n`);
  return Math.min(row?.n ?? 0, ALARM_COUNT_CAP);
}

/**
 * The figure of the bar at the top of every full page: null for no user, and null rather
 * than a broken page when the count cannot be read.
 */
export async function alarmBarCount(db: Db, userId: number | null | undefined): Promise<number | null> {
  if (!userId) return null;
  try {
    return await activeAlarmCount(db, userId);
  } catch {
    return null;
  }
}

export type ActiveAlarm = {
  id: number;
  dueDate: string;
  message: string;
  audience: AlarmAudience;
  customerId: number;
  customerName: string;
  customerNumber: number;
  interactionId: number;
  typeCode: string;
  createdByName: string | null;
};

/** One page of the user's active alarms, latest due first (keyset on due date and id). */
export async function listActiveAlarms(
  db: Db,
  userId: number,
  options: { after?: { dueDate: string; id: number } | null; limit?: number } = {},
): Promise<{ rows: ActiveAlarm[]; next: { dueDate: string; id: number } | null }> {
  const limit = options.limit ?? 50;
  const after = options.after
    ? sql`where (v.due_date, v.id) < (${options.after.dueDate}::date, ${options.after.id})`
    : sql``;
  const rows = await db.execute<ActiveAlarm>(sql`
    select a.id, a.due_date::text as "dueDate", a.message, a.audience, a.customer_id as "customerId",
      c.name as "customerName", c.number as "customerNumber", a.interaction_id as "interactionId",
      t.code as "typeCode", u.display_name as "createdByName"
    from (select * from (${activeIds(userId)}) v ${after} order by v.due_date desc, v.id desc limit ${limit + 1}) v
    join alarms a on a.id = v.id
    join customers c on c.id = a.customer_id
    join interactions i on i.id = a.interaction_id
    join contact_types t on t.id = i.type_id
    left join users u on u.id = a.created_by
    order by a.due_date desc, a.id desc`);
  const list = [...rows].map((r) => ({ ...r, id: Number(r.id), interactionId: Number(r.interactionId) }));
  const more = list.length > limit;
  if (more) list.pop();
  const last = list[list.length - 1];
  return { rows: list, next: more && last ? { dueDate: last.dueDate, id: last.id } : null };
}

/**
 * The user acknowledges an alarm they can see: their own ('self' or aimed at them) for good,
 * an "everyone" alarm for themselves only. 404 for an alarm that is not theirs to see.
 */
export async function acknowledgeAlarm(db: Db, alarmId: number, userId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const [alarm] = await tx.execute<{ audience: AlarmAudience; user_id: number | null }>(
      sql`select audience, user_id from alarms where id = ${alarmId}`,
    );
    if (!alarm) throw new DomainError('error.notFound', 404);
    if (alarm.audience === 'all') {
      await tx.execute(sql`
        insert into alarm_acknowledgements (alarm_id, user_id) values (${alarmId}, ${userId})
        on conflict do nothing`);
      await advanceWatermark(tx, userId);
    } else if (alarm.user_id === userId) {
      await tx.execute(
        sql`update alarms set acknowledged_at = now() where id = ${alarmId} and acknowledged_at is null`,
      );
    } else {
      throw new DomainError('error.notFound', 404);
    }
  });
}
