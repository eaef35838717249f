/**
 * Issue 6 speed: address labels (R-WS-5) for 10 000 recipients through POST /crm/labels/pdf
 * with a warm browser (target ≤ 6 s), against Chromium printing the same HTML directly
 * (page.setContent + page.pdf, target ratio ≤ 1.2).
 *
 * It puts 10 000 person customers of its own (complete addresses, external id
 * `bench-labels-…`) on the bench user's selected list, keeps aside whatever that list held,
 * and puts everything back afterwards.
 */
import type { LightMyRequestResponse } from 'fastify';
import puppeteer from 'puppeteer';
import { userForSession } from '../../src/features/auth/queries.js';
import { layoutByCode } from '../../src/features/labels/layouts.js';
import { labelHtml } from '../../src/features/labels/service.js';
import { SESSION_COOKIE } from '../../src/plugins/auth.js';
import { type BenchContext, ms, percentile, type Row, timed } from './stats.js';

const RECIPIENTS = Number(process.env.BENCH_LABELS ?? 10_000);
const RUNS = 5;
const LAYOUT = '3x8';
const TAG = 'bench-labels-';

const FIRST = ['Aino', 'Eero', 'Helmi', 'Juhani', 'Kaisa', 'Lauri', 'Maija', 'Olli', 'Ritva', 'Ville'];
const LAST = ['Virtanen', 'Korhonen', 'Mäkinen', 'Nieminen', 'Hämäläinen', 'Laine', 'Heikkinen', 'Koskinen'];
const STREETS = ['Hämeenkatu', 'Aleksanterinkatu', 'Kauppakatu', 'Rantatie', 'Koulukatu', 'Puistotie'];
const CITIES = [
  ['00', 'Helsinki'],
  ['02', 'Espoo'],
  ['20', 'Turku'],
  ['33', 'Tampere'],
  ['40', 'Jyväskylä'],
  ['90', 'Oulu'],
];

function keep(res: LightMyRequestResponse, jar: Record<string, string>) {
  for (const c of res.cookies as { name: string; value: string }[]) jar[c.name] = c.value;
}

export async function benchLabels({ db, sql, app, cookies, log }: BenchContext) {
  const rows: Row[] = [];
  const notes: string[] = [];
  const user = await userForSession(db, cookies[SESSION_COOKIE] ?? '', app.config.sessionHours);
  if (!user) throw new Error('labels bench: the bench cookies are not logged in');
  const layout = await layoutByCode(db, LAYOUT);
  if (!layout) throw new Error(`labels bench: no layout ${LAYOUT}`);
  const jar = { ...cookies };

  // ------------------------------------------------------------------ data
  log(`bench: labels, ${RECIPIENTS} person customers on the bench user's selected list`);
  await sql`delete from customers where external_id like ${`${TAG}%`}
    and not exists (select 1 from interactions i where i.customer_id = customers.id)`;
  const kept = await sql<{ id: number }[]>`
    delete from selected_list where user_id = ${user.id} and target_type = 'person' returning target_id as id`;
  try {
    const [{ inserted }] = (await sql`
      with base as (select coalesce(max(number), 0) as n from customers),
      added as (
        insert into customers (number, kind_id, type, name, first_name, last_name, street_address,
          postal_code, city, country, external_id)
        select base.n + g, (select id from customer_kinds where code = 'ASIAKAS'), 'person',
          (${LAST}::text[])[1 + g % ${LAST.length}] || ' ' || (${FIRST}::text[])[1 + g % ${FIRST.length}],
          (${FIRST}::text[])[1 + g % ${FIRST.length}], (${LAST}::text[])[1 + g % ${LAST.length}],
          (${STREETS}::text[])[1 + g % ${STREETS.length}] || ' ' || (1 + g % 97) || ' A ' || (1 + g % 19),
          (${CITIES.map((c) => c[0]!)}::text[])[1 + g % ${CITIES.length}] || lpad((g % 1000)::text, 3, '0'),
          (${CITIES.map((c) => c[1]!)}::text[])[1 + g % ${CITIES.length}], 'FI', ${TAG} || g
        from base, generate_series(1, ${RECIPIENTS}) g
        returning id
      ),
      listed as (
        insert into selected_list (user_id, target_type, target_id)
        select ${user.id}, 'person', id from added returning 1
      )
      select count(*)::int as inserted from listed`) as unknown as [{ inserted: number }];
    notes.push(
      `labels: ${inserted} bench customers put on the selected list (${kept.length} rows kept aside)`,
    );

    // ------------------------------------------------------------------ through the app
    const page = await app.inject({ method: 'GET', url: '/crm/labels?targetType=person', cookies: jar });
    keep(page, jar);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const form = new URLSearchParams({
      _csrf: csrf,
      targetType: 'person',
      layout: LAYOUT,
      skip: '0',
      marketing: 'on',
    }).toString();
    const post = (url: string, headers: Record<string, string> = {}) =>
      app.inject({
        method: 'POST',
        url,
        cookies: jar,
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        payload: form,
      });

    const previews: number[] = [];
    for (let i = 0; i < 6; i++) {
      const p = await timed(() =>
        post('/crm/labels/preview', { 'hx-request': 'true', 'hx-request-type': 'partial' }),
      );
      if (p.value.statusCode !== 200) throw new Error(`preview answered ${p.value.statusCode}`);
      if (i > 0) previews.push(p.ms);
    }

    const print = async () => {
      const res = await post('/crm/labels/pdf');
      if (res.statusCode !== 200 || res.headers['content-type'] !== 'application/pdf')
        throw new Error(`/crm/labels/pdf answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
      return res.rawPayload;
    };
    // ------------------------------------------------------------------ the same HTML, Chromium directly
    const run = {
      targetType: 'person' as const,
      layout,
      skip: 0,
      marketing: true,
      fillWith: null,
      attention: null,
      log: null,
    };
    const built = await timed(() => labelHtml(db, user.id, run));
    const html = built.value.html;
    const browser = await puppeteer.launch({
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
    });
    let pdfBytes = 0;
    // As the shared printer does: a fresh page, no JavaScript, setContent, pdf.
    const printDirect = async () => {
      const tab = await browser.newPage();
      try {
        await tab.setJavaScriptEnabled(false);
        await tab.setContent(html, { waitUntil: 'load' });
        const pdf = await tab.pdf({ preferCSSPageSize: true, printBackground: true });
        pdfBytes = pdf.length;
      } finally {
        await tab.close();
      }
    };

    const viaApp: number[] = [];
    const direct: number[] = [];
    let first: { ms: number };
    try {
      log('bench: labels, warm-up prints (launch both Chromiums)');
      first = await timed(print);
      await printDirect();
      // Interleaved, so that the machine's load drifts over both alike.
      for (let i = 0; i < RUNS; i++) {
        viaApp.push((await timed(print)).ms);
        direct.push((await timed(printDirect)).ms);
      }
    } finally {
      await browser.close();
    }

    const appMedian = percentile(viaApp, 50);
    const directMedian = percentile(direct, 50);
    const sheets = Math.ceil(RECIPIENTS / (layout.columns * layout.rows));
    rows.push({
      figure: `labels PDF, ${RECIPIENTS} recipients (${sheets} sheets ${LAYOUT}), POST /crm/labels/pdf, warm browser, median of ${RUNS}`,
      target: '≤ 6 s',
      result: `${(appMedian / 1000).toFixed(2)} s (max ${(Math.max(...viaApp) / 1000).toFixed(2)} s)`,
      pass: RECIPIENTS >= 10_000 ? appMedian <= 6000 : null,
    });
    rows.push({
      figure: 'labels PDF: the same HTML printed by Chromium directly (setContent + pdf), median',
      target: '–',
      result: `${(directMedian / 1000).toFixed(2)} s`,
      pass: null,
    });
    rows.push({
      figure: 'labels PDF: app / direct Chromium',
      target: '≤ 1.2',
      result: (appMedian / directMedian).toFixed(2),
      pass: appMedian / directMedian <= 1.2,
    });
    rows.push({
      figure: `labels preview (counts), POST /crm/labels/preview, ${RECIPIENTS} recipients, p50`,
      target: '–',
      result: ms(percentile(previews, 50)),
      pass: null,
    });
    notes.push(
      `labels: first print with a cold Chromium ${(first.ms / 1000).toFixed(2)} s; recipients query + HTML ` +
        `${ms(built.ms)}; HTML ${(html.length / 1024 / 1024).toFixed(1)} MB, PDF ${(pdfBytes / 1024 / 1024).toFixed(1)} MB; ` +
        `app runs ${viaApp.map((v) => (v / 1000).toFixed(2)).join(' / ')} s, direct ${direct
          .map((v) => (v / 1000).toFixed(2))
          .join(' / ')} s`,
    );
  } finally {
    // ------------------------------------------------------------------ clean up
    await sql`delete from selected_list where user_id = ${user.id} and target_type = 'person'`;
    if (kept.length) {
      await sql`insert into selected_list (user_id, target_type, target_id)
        select ${user.id}, 'person', unnest(${kept.map((k) => k.id)}::int[]) on conflict do nothing`;
    }
    await sql`delete from customers where external_id like ${`${TAG}%`}`;
  }
  return { rows, notes };
}
