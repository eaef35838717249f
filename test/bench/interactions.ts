/**
 * Issue 5 speed: the alarm bar's count for the demo staff, the card's Kontaktit tab, and a
 * batch of 10 000 contact entries written in one statement (then undone and removed, so the
 * bench database is as it was), on the demo contact log (about 2 entries per customer and
 * 100 000 alarms for 1 000 000 customers).
 */
import { sql as dsql } from 'drizzle-orm';
import { ensureDemoContactLog } from '../../src/features/demo/contact-log.js';
import { demoStaff } from '../../src/features/demo/finnish-data.js';
import { activeAlarmCount } from '../../src/features/interactions/alarms.js';
import {
  contactTypeByCode,
  undoInteractionBatch,
  writeInteractionBatch,
} from '../../src/features/interactions/batch.js';
import { benchCardTab } from './card-tab.js';
import { type BenchContext, ms, percentile, type Row, timed } from './stats.js';

const ROUNDS = 50;
const BATCH = 10_000;

export async function benchInteractions({ db, sql, app, cookies, log }: BenchContext) {
  const rows: Row[] = [];
  const notes: string[] = [];

  // ------------------------------------------------------------------ data
  const added = await timed(() => ensureDemoContactLog(db, { seed: 1, log }));
  if (added.value > 0) {
    rows.push({
      figure: `demo contact log added to the existing customers (${added.value} entries, alarms)`,
      target: '–',
      result: `${(added.ms / 1000).toFixed(1)} s`,
      pass: null,
    });
  } else {
    notes.push('demo contact log was already there: none added this run');
  }
  const [volume] = await sql<{ entries: number; alarms: number; all: number; acks: number }[]>`
    select (select count(*) from interactions)::int as entries, (select count(*) from alarms)::int as alarms,
      (select count(*) from alarms where audience = 'all')::int as all,
      (select count(*) from alarm_acknowledgements)::int as acks`;
  notes.push(
    `contact log: ${volume!.entries} entries, ${volume!.alarms} alarms (${volume!.all} for everyone, ` +
      `${volume!.acks} acknowledgements of those)`,
  );

  // ------------------------------------------------------------------ the alarm bar
  const staff = await sql<{ id: number; username: string }[]>`
    select id, username from users where username in ${sql(demoStaff.map((s) => s.username))} order by id`;
  if (staff.length) {
    log(`bench: alarm bar count, ${staff.length} demo staff users × ${ROUNDS}`);
    for (const u of staff) await activeAlarmCount(db, u.id);
    const times: number[] = [];
    const counts: string[] = [];
    for (const u of staff) {
      let n = 0;
      for (let i = 0; i < ROUNDS; i++) {
        const r = await timed(() => activeAlarmCount(db, u.id));
        times.push(r.ms);
        n = r.value;
      }
      counts.push(`${u.username} ${n}`);
    }
    const p95 = percentile(times, 95);
    rows.push({
      figure: `alarm bar count p95, activeAlarmCount() for the demo staff (${times.length} queries)`,
      target: '≤ 5 ms',
      result: `${ms(p95)} (p50 ${ms(percentile(times, 50))})`,
      pass: p95 <= 5,
    });
    notes.push(`active alarms of the demo staff: ${counts.join(', ')}`);
  } else {
    notes.push('no demo staff users: alarm bar count not measured');
  }

  // ------------------------------------------------------------------ the card's Kontaktit tab
  const contactTab = await benchCardTab(
    { sql, app, cookies, log },
    { name: 'Kontaktit', path: '/interactions', seed: 17 },
  );
  rows.push(contactTab.row);
  notes.push(contactTab.note);

  // ------------------------------------------------------------------ a batch of 10 000 entries
  const type = (await contactTypeByCode(db, 'TR')) ?? (await contactTypeByCode(db, 'LS'));
  const [{ n: customers }] = (await sql`select count(*)::int as n from customers`) as unknown as [
    { n: number },
  ];
  if (type && customers > 0) {
    const per = Math.ceil(BATCH / Math.min(customers, BATCH));
    log(`bench: a batch of ${BATCH} contact entries`);
    const [{ top }] =
      (await sql`select coalesce(max(id), 0)::bigint::float8 as top from audit_log`) as unknown as [
        { top: number },
      ];
    const recipients = dsql`
      select c.id as customer_id, null::int as contact_person_id
      from (select id from customers order by id limit ${BATCH}) c cross join generate_series(1, ${per}) g
      limit ${BATCH}`;
    const written = await timed(() =>
      writeInteractionBatch(db, {
        source: 'bench',
        userId: null,
        typeId: type.id,
        text: 'Bench batch',
        recipients,
      }),
    );
    const { batchId, count } = written.value;
    const staffId = staff[0]?.id;
    const undone = staffId
      ? await timed(() => undoInteractionBatch(db, batchId, staffId))
      : await timed(async () => {
          await sql`delete from interactions where batch_id = ${batchId}`;
          return count;
        });
    // Leave no trace: the batch row and the audit lines of the batch and its entries go too.
    await sql`delete from audit_log where id > ${top} and entity in ('interaction', 'interaction_batch')`;
    await sql`delete from interaction_batches where id = ${batchId}`;
    rows.push({
      figure: `writeInteractionBatch(), ${count} entries in one statement`,
      target: '≤ 1 s',
      result: `${ms(written.ms)}`,
      pass: count === BATCH && written.ms <= 1000,
    });
    notes.push(`undoInteractionBatch() of those ${undone.value} entries: ${ms(undone.ms)}`);
  } else {
    notes.push('no contact type or no customers: batch not measured');
  }
  return { rows, notes };
}
