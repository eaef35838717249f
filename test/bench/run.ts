/**
 * `npm run bench`: performance figures on a big register.
 *
 *   BENCH_DATABASE_URL  a PostgreSQL to use; default: an embedded one in ./data/bench
 *   BENCH_PG_PORT       port of the embedded one (default 54339)
 *   BENCH_CUSTOMERS     customers the register must hold (default 1 000 000); demo data fills up to it
 *   BENCH_API_CREATES   customers created through the API (default 2 000)
 *
 * Prints a markdown table (figure, target, result, pass/fail) on stdout; progress on stderr.
 */
import { loadavg } from 'node:os';
import path from 'node:path';
import { sql as dsql, eq } from 'drizzle-orm';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { connect, startEmbeddedPostgres } from '../../src/db/client.js';
import { runMigrations } from '../../src/db/migrate.js';
import { users } from '../../src/db/schema/index.js';
import { createApiToken, createUser } from '../../src/features/auth/queries.js';
import { quickSearch } from '../../src/features/customers/search.js';
import { generateDemoData } from '../../src/features/demo/generate.js';
import { createThroughApi } from './api-create.js';
import { login, startServerProcess } from './app-client.js';
import { benchClassification } from './classification.js';
import { benchImports } from './imports.js';
import { benchInteractions } from './interactions.js';
import { benchLabels } from './labels.js';
import { benchSales } from './sales.js';
import { buildQueries, sampleCustomers } from './search-queries.js';
import { benchSelection } from './selection.js';
import { markdownTable, ms, percentile, type Row, timed } from './stats.js';
import { benchWorkspace } from './workspace.js';

const log = (m: string) => process.stderr.write(`${m}\n`);
const env = process.env;
const wanted = Number(env.BENCH_CUSTOMERS ?? 1_000_000);
const apiCreates = Number(env.BENCH_API_CREATES ?? 2000);
const BENCH_USER = 'bench.user';
const BENCH_PASSWORD = 'bench password 2026';

let url = env.BENCH_DATABASE_URL;
let stopEmbedded: (() => Promise<void>) | undefined;
if (!url) {
  const dir = path.resolve('data/bench');
  log(`bench: embedded PostgreSQL in ${dir}`);
  const pg = await startEmbeddedPostgres(dir, Number(env.BENCH_PG_PORT ?? 54339));
  url = pg.url;
  stopEmbedded = pg.stop;
}
await runMigrations(url);
const { db, sql } = connect(url);
const rows: Row[] = [];
const notes: string[] = [];

try {
  // ------------------------------------------------------------------ data
  const [{ n: before }] = (await sql`select count(*)::int as n from customers`) as unknown as [{ n: number }];
  if (before < wanted) {
    log(`bench: ${before} customers, loading ${wanted - before} demo customers`);
    const load = await timed(() => generateDemoData(db, { customers: wanted - before, seed: 1, log }));
    rows.push({
      figure: `demo data load (${wanted - before} customers with sales history and contact log)`,
      // Customers with classification, ~5 documents each (issue 4: 5M in ≤ 5 min) and ~2 contact entries each.
      target: '≤ 300 s for 1 000 000 customers, 5 000 000 sales documents',
      result: `${(load.ms / 1000).toFixed(1)} s`,
      pass: wanted - before >= 1_000_000 ? load.ms <= 300_000 : null,
    });
  } else {
    notes.push(`register already held ${before} customers: no load this run`);
  }
  const [{ n: total }] = (await sql`select count(*)::int as n from customers`) as unknown as [{ n: number }];

  // ------------------------------------------------------------------ app
  const config = loadConfig({ LOG_LEVEL: 'silent', SESSION_SECRET: 'b'.repeat(40) } as NodeJS.ProcessEnv, {
    databaseUrl: url,
  });
  const app = await buildApp(config, { database: { db, sql, url, close: async () => {} } });
  await app.ready();
  let [user] = await db.select({ id: users.id }).from(users).where(eq(users.username, BENCH_USER));
  if (!user) {
    user = await createUser(db, {
      username: BENCH_USER,
      displayName: 'Bench User',
      password: BENCH_PASSWORD,
      role: 'staff',
    });
  }
  const cookies = await login(app, BENCH_USER, BENCH_PASSWORD);
  const partial = { 'hx-request': 'true', 'hx-request-type': 'partial' };

  // ------------------------------------------------------------------ quick search
  const queries = await buildQueries(sql);
  log(`bench: quick search, ${queries.length} queries`);
  const route = async (q: string) => {
    const res = await app.inject({
      method: 'GET',
      url: `/customers/quick?q=${encodeURIComponent(q)}`,
      cookies,
      headers: partial,
    });
    if (res.statusCode !== 200) throw new Error(`/customers/quick?q=${q} answered ${res.statusCode}`);
  };
  for (const { q } of queries) {
    await quickSearch(db, q, 10);
    await route(q);
  }
  const direct: number[] = [];
  const viaApp: number[] = [];
  const perQuery: { kind: string; q: string; ms: number }[] = [];
  for (const { kind, q } of queries) {
    direct.push((await timed(() => quickSearch(db, q, 10))).ms);
    const t = (await timed(() => route(q))).ms;
    viaApp.push(t);
    perQuery.push({ kind, q, ms: t });
  }
  const appP95 = percentile(viaApp, 95);
  const directP95 = percentile(direct, 95);
  rows.push({
    figure: `quick search p95, GET /customers/quick (${queries.length} queries)`,
    target: '≤ 30 ms',
    result: `${ms(appP95)} (p50 ${ms(percentile(viaApp, 50))})`,
    pass: appP95 <= 30,
  });
  rows.push({
    figure: 'quick search p95, quickSearch() SQL directly',
    target: '–',
    result: `${ms(directP95)} (p50 ${ms(percentile(direct, 50))})`,
    pass: null,
  });
  rows.push({
    figure: 'quick search: app p95 / direct SQL p95',
    target: '≤ 1.5',
    result: (appP95 / directP95).toFixed(2),
    pass: appP95 / directP95 <= 1.5,
  });
  const byKind = new Map<string, number[]>();
  for (const p of perQuery) byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), p.ms]);
  notes.push(
    `quick search p95 by query kind: ${[...byKind].map(([k, v]) => `${k} ${ms(percentile(v, 95))}`).join(', ')}`,
  );
  notes.push(
    `slowest quick searches: ${perQuery
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 6)
      .map((p) => `"${p.q}" (${p.kind}) ${ms(p.ms)}`)
      .join(', ')}`,
  );

  // ------------------------------------------------------------------ customer card
  const cards = await sampleCustomers(sql, 200, 7);
  log(`bench: customer card, ${cards.length} customers`);
  const card = async (id: number) => {
    const res = await app.inject({ method: 'GET', url: `/customers/${id}`, cookies });
    if (res.statusCode !== 200 || !res.body.includes('<html')) {
      throw new Error(`/customers/${id} answered ${res.statusCode}`);
    }
  };
  for (const c of cards.slice(0, 20)) await card(c.id);
  const cardTimes: number[] = [];
  for (const c of cards) cardTimes.push((await timed(() => card(c.id))).ms);
  const cardP95 = percentile(cardTimes, 95);
  rows.push({
    figure: `customer card p95, GET /customers/:id full page (${cards.length} customers)`,
    target: '≤ 20 ms',
    result: `${ms(cardP95)} (p50 ${ms(percentile(cardTimes, 50))})`,
    pass: cardP95 <= 20,
  });

  // ------------------------------------------------------------------ classification (issue 3)
  const classification = await benchClassification({ db, sql, app, cookies, log });
  rows.push(...classification.rows);
  notes.push(...classification.notes);

  // ------------------------------------------------------------------ later issues, one module each
  for (const bench of [
    benchSales,
    benchInteractions,
    benchWorkspace,
    benchLabels,
    benchSelection,
    benchImports,
  ]) {
    try {
      const figures = await bench({ db, sql, app, cookies, log, url });
      rows.push(...figures.rows);
      notes.push(...figures.notes);
    } catch (err) {
      // One module's failure is a figure of its own; the others still run and the table is printed.
      rows.push({
        figure: `${bench.name} failed: ${(err as Error).message}`,
        target: '–',
        result: '–',
        pass: false,
      });
    }
  }

  await app.close();

  // ------------------------------------------------------------------ a server process of its own
  log('bench: idle memory and API creation against a separate server process');
  const server = await startServerProcess(url);
  try {
    await new Promise((r) => setTimeout(r, 2000));
    const rss = server.rssMb();
    rows.push({
      figure: 'app idle RSS after start (node src/server.ts, after /readyz)',
      target: '≤ 300 MB',
      result: `${rss.toFixed(0)} MB`,
      pass: rss <= 300,
    });

    const token = await createApiToken(db, user.id, 'bench');
    const clients = 8;
    log(`bench: creating ${apiCreates} customers through the API, ${clients} clients`);
    await createThroughApi(server.base, token, 50, clients, Date.now() % 100000);
    const api = await createThroughApi(server.base, token, apiCreates, clients, (Date.now() + 1) % 100000);
    rows.push({
      figure: `POST /api/v1/customers, ${clients} concurrent clients over HTTP (${apiCreates})`,
      target: '≥ 500 /s',
      result: `${api.perSecond.toFixed(0)} /s`,
      pass: api.perSecond >= 500 && Object.keys(api.failures).length === 0,
    });
    if (Object.keys(api.failures).length)
      notes.push(`API answers other than 201: ${JSON.stringify(api.failures)}`);
  } finally {
    await server.stop();
  }

  const [{ size }] = (await db.execute<{ size: string }>(
    dsql`select pg_size_pretty(pg_database_size(current_database())) as size`,
  )) as unknown as [{ size: string }];
  process.stdout.write(
    `\n## Kanta bench — ${total} customers (database ${size}), load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}\n\n${markdownTable(rows)}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`,
  );
} finally {
  await sql.end({ timeout: 5 });
  await stopEmbedded?.();
}
