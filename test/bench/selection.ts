/**
 * The shared seams of the workspace actions at 100 000 selected (issue 11): the
 * selection's counts per channel (letter, e-mail, SMS — SMS once with its numbers new to
 * libphonenumber and once warm), its recipient rows streamed through a cursor, and the
 * field catalogue's row query for 12 columns streamed the same way.
 *
 * It puts the first BENCH_SELECTION (default 100 000) person customers on the bench
 * user's selected list, keeps aside whatever that list held, and puts it back afterwards.
 */

import { streamQuery } from '../../src/db/cursor.js';
import { userForSession } from '../../src/features/auth/queries.js';
import { fieldCatalogue, fieldRowsQuery, pickFields } from '../../src/features/customers/fields.js';
import {
  type Channel,
  countRecipients,
  selectedTargets,
  streamRecipients,
} from '../../src/features/workspace/selection.js';
import { SESSION_COOKIE } from '../../src/plugins/auth.js';
import { type BenchContext, ms, type Row, timed } from './stats.js';

const SELECTED = Number(process.env.BENCH_SELECTION ?? 100_000);
const COLUMNS = [
  'number',
  'fullName',
  'streetAddress',
  'postalCode',
  'city',
  'email',
  'mobile',
  'kindName',
  'groupPath',
  'accountManagerName',
  'purchasesThisYearCents',
  'lastContact',
];

export async function benchSelection({ db, sql, app, cookies, log }: BenchContext) {
  const rows: Row[] = [];
  const notes: string[] = [];
  const user = await userForSession(db, cookies[SESSION_COOKIE] ?? '', app.config.sessionHours);
  if (!user) throw new Error('selection bench: the bench cookies are not logged in');
  const userId = user.id;

  log(`bench: selection, ${SELECTED} person customers on the bench user's selected list`);
  const kept = await sql<{ id: number }[]>`
    delete from selected_list where user_id = ${userId} and target_type = 'person' returning target_id as id`;
  try {
    const [{ n }] = (await sql`
      with listed as (
        insert into selected_list (user_id, target_type, target_id)
        select ${userId}, 'person', id from customers where type = 'person' order by id limit ${SELECTED}
        returning 1)
      select count(*)::int as n from listed`) as unknown as [{ n: number }];
    await sql`vacuum analyze selected_list`;
    notes.push(`selection: ${n} persons on the selected list (${kept.length} rows kept aside)`);

    const target = SELECTED >= 100_000 ? 1000 : null;
    const count = async (channel: Channel, label: string) => {
      const run = await timed(() => countRecipients(db, { userId, targetType: 'person', channel }));
      const c = run.value;
      rows.push({
        figure: `selection counts by reason, ${label} (${n} selected: ${c.recipients} get it; left out ${Object.entries(
          c.leftOut,
        )
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')})`,
        target: target ? `≤ ${target} ms` : '–',
        result: ms(run.ms),
        pass: target ? run.ms <= target : null,
      });
      return run.ms;
    };
    await count('letter', 'letter');
    await count('email', 'e-mail');
    const cold = await count('sms', 'SMS, numbers new to libphonenumber');
    const warm = await count('sms', 'SMS, numbers classified before');
    notes.push(`selection: SMS counts ${ms(cold)} cold, ${ms(warm)} warm (classification in the process)`);

    const streamed = await timed(async () => {
      let got = 0;
      for await (const batch of streamRecipients(
        db,
        { userId, targetType: 'person', channel: 'email' },
        { batch: 2000 },
      ))
        got += batch.length;
      return got;
    });
    rows.push({
      figure: `selection e-mail recipient rows through a cursor (${streamed.value} rows)`,
      target: target ? '≤ 2000 ms' : '–',
      result: ms(streamed.ms),
      pass: target ? streamed.ms <= 2000 : null,
    });

    const fields = pickFields(await fieldCatalogue(db), 'person', COLUMNS);
    const query = fieldRowsQuery({
      targetType: 'person',
      fields,
      targets: selectedTargets(userId, 'person'),
    });
    const fieldRows = await timed(async () => {
      let got = 0;
      for await (const batch of streamQuery(db, query, 2000)) got += batch.length;
      return got;
    });
    rows.push({
      figure: `field catalogue rows, ${COLUMNS.length} columns through a cursor (${fieldRows.value} rows)`,
      target: target ? '≤ 2000 ms' : '–',
      result: ms(fieldRows.ms),
      pass: target ? fieldRows.ms <= 2000 : null,
    });
  } finally {
    await sql`delete from selected_list where user_id = ${userId} and target_type = 'person'`;
    if (kept.length)
      await sql`insert into selected_list (user_id, target_type, target_id)
        select ${userId}, 'person', unnest(${kept.map((k) => k.id)}::int[]) on conflict do nothing`;
  }
  return { rows, notes };
}
