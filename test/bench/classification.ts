import {
  countCustomersWithProperty,
  countCustomersWithTrackingValue,
  customersWithProperty,
  customersWithTrackingValue,
} from '../../src/features/classification/queries.js';
import { ensureDemoClassification } from '../../src/features/demo/classification.js';
import { profileFieldDefs } from '../../src/features/demo/classification-data.js';
import {
  countCustomersWithProfileValue,
  customersWithProfileValue,
} from '../../src/features/profiles/queries.js';
import { benchCardTab } from './card-tab.js';
import { prng } from './search-queries.js';
import { type BenchContext, ms, percentile, type Row, timed } from './stats.js';

const VALUES = 50;
const FIRST = 1000;

/** `n` picks from `items`: a seeded shuffle, repeated when there are fewer items than picks. */
function pickVaried<T>(items: T[], n: number, seed: number): T[] {
  const rnd = prng(seed);
  const out: T[] = [];
  while (out.length < n && items.length) {
    const round = [...items];
    for (let i = round.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [round[i], round[j]] = [round[j]!, round[i]!];
    }
    out.push(...round.slice(0, n - out.length));
  }
  return out;
}

type Selection = {
  name: string;
  label: (i: number) => string;
  ids: (i: number) => Promise<number[]>;
  count: (i: number) => Promise<number>;
};

async function measure(selection: Selection, n: number) {
  // One warm-up pass, as the card and quick-search figures have.
  for (let i = 0; i < n; i++) {
    await selection.ids(i);
    await selection.count(i);
  }
  const idTimes: number[] = [];
  const countTimes: number[] = [];
  const counts: { label: string; n: number; ms: number }[] = [];
  let short = 0;
  for (let i = 0; i < n; i++) {
    const ids = await timed(() => selection.ids(i));
    idTimes.push(ids.ms);
    const count = await timed(() => selection.count(i));
    countTimes.push(count.ms);
    counts.push({ label: selection.label(i), n: count.value, ms: count.ms });
    if (ids.value.length !== Math.min(FIRST, count.value)) short++;
  }
  return { idTimes, countTimes, counts, short };
}

export async function benchClassification({ db, sql, app, cookies, log }: BenchContext) {
  const rows: Row[] = [];
  const notes: string[] = [];

  // ------------------------------------------------------------------ data
  const added = await timed(() => ensureDemoClassification(db, { seed: 1, log }));
  if (added.value > 0) {
    rows.push({
      figure: `demo classification added to ${added.value} existing customers (profiles, tracking, properties, bans …)`,
      target: '–',
      result: `${(added.ms / 1000).toFixed(1)} s`,
      pass: null,
    });
  } else {
    notes.push('demo classification data was already there: none added this run');
  }
  const [volume] = await sql<{ values: number; texts: number; tracking: number; properties: number }[]>`
    select (select count(*) from customer_profile_values)::int as values,
      (select count(*) from customer_profile_texts)::int as texts,
      (select count(*) from customer_tracking)::int as tracking,
      (select count(*) from customer_properties)::int as properties`;
  notes.push(
    `classification rows: ${volume!.values} profile values, ${volume!.texts} profile texts/dates, ` +
      `${volume!.tracking} tracking values, ${volume!.properties} properties`,
  );

  // ------------------------------------------------------------------ what to ask for
  const choiceFields = profileFieldDefs.filter((f) => f.type === 'single' || f.type === 'multi');
  const profilePairs = await sql<{ field: string; value: string }[]>`
    select f.code as field, v.code as value from profile_values v join profile_fields f on f.id = v.field_id
    where f.code = any(${choiceFields.map((f) => f.code)}) order by f.code, v.code`;
  const trackingPairs = await sql<{ dimension: string; value: string }[]>`
    select d.code as dimension, v.code as value from tracking_values v
    join tracking_dimensions d on d.id = v.dimension_id order by d.code, v.code`;
  const propertyCodes = await sql<{ code: string }[]>`select code from properties order by code`;
  const profiles = pickVaried([...profilePairs], VALUES, 31);
  const tracking = pickVaried([...trackingPairs], VALUES, 32);
  const props = pickVaried([...propertyCodes], VALUES, 33);

  const selections: Selection[] = [
    {
      name: 'profile value (customersWithProfileValue)',
      label: (i) => `${profiles[i]!.field}=${profiles[i]!.value}`,
      ids: (i) => customersWithProfileValue(db, profiles[i]!.field, profiles[i]!.value, FIRST),
      count: (i) => countCustomersWithProfileValue(db, profiles[i]!.field, profiles[i]!.value),
    },
    {
      name: 'tracking value (customersWithTrackingValue)',
      label: (i) => `${tracking[i]!.dimension}=${tracking[i]!.value}`,
      ids: (i) => customersWithTrackingValue(db, tracking[i]!.dimension, tracking[i]!.value, FIRST),
      count: (i) => countCustomersWithTrackingValue(db, tracking[i]!.dimension, tracking[i]!.value),
    },
    {
      name: 'property (customersWithProperty)',
      label: (i) => props[i]!.code,
      ids: (i) => customersWithProperty(db, props[i]!.code, FIRST),
      count: (i) => countCustomersWithProperty(db, props[i]!.code),
    },
  ];
  for (const [k, selection] of selections.entries()) {
    const n = [profiles, tracking, props][k]!.length;
    log(`bench: ${selection.name}, ${n} values`);
    const m = await measure(selection, n);
    const idP95 = percentile(m.idTimes, 95);
    const countP95 = percentile(m.countTimes, 95);
    rows.push({
      figure: `${selection.name}: first ${FIRST} ids p95 (${n} values)`,
      target: '≤ 50 ms',
      result: `${ms(idP95)} (p50 ${ms(percentile(m.idTimes, 50))})`,
      pass: idP95 <= 50 && m.short === 0,
    });
    rows.push({
      figure: `${selection.name}: count all matches p95 (${n} values)`,
      target: '≤ 300 ms',
      result: `${ms(countP95)} (p50 ${ms(percentile(m.countTimes, 50))})`,
      pass: countP95 <= 300,
    });
    const biggest = [...new Map(m.counts.map((c) => [c.label, c])).values()]
      .sort((a, b) => b.n - a.n)
      .slice(0, 3);
    notes.push(
      `${selection.name}: matches ${Math.min(...m.counts.map((c) => c.n))}–${Math.max(...m.counts.map((c) => c.n))}; ` +
        `biggest ${biggest.map((c) => `${c.label} ${c.n} (${ms(c.ms)})`).join(', ')}` +
        (m.short ? `; ${m.short} id lists shorter than expected` : ''),
    );
  }

  // ------------------------------------------------------------------ the card's Profiilit tab
  const profileTab = await benchCardTab(
    { sql, app, cookies, log },
    { name: 'Profiilit', path: '/profile', seed: 13 },
  );
  rows.push(profileTab.row);
  notes.push(profileTab.note);
  return { rows, notes };
}
