import type { FastifyInstance } from 'fastify';
import type postgres from 'postgres';
import { sampleCustomers } from './search-queries.js';
import { ms, percentile, type Row, timed } from './stats.js';

const partial = { 'hx-request': 'true', 'hx-request-type': 'partial' };

/**
 * Times one tab of the customer card for 200 sampled customers, as a full page and as the
 * htmx partial (20 warm-up rounds first). `also` is timed per customer beside it when given.
 */
export async function benchCardTab(
  ctx: { sql: postgres.Sql; app: FastifyInstance; cookies: Record<string, string>; log: (m: string) => void },
  tab: { name: string; path: string; seed: number; also?: (id: number) => Promise<unknown> },
): Promise<{ row: Row; note: string; ids: number[]; also: number[] }> {
  const { sql, app, cookies, log } = ctx;
  const ids = (await sampleCustomers(sql, 200, tab.seed)).map((c) => c.id);
  log(`bench: card ${tab.name} tab, ${ids.length} customers`);
  const get = async (id: number, headers?: Record<string, string>) => {
    const url = `/customers/${id}${tab.path}`;
    const res = await app.inject({ method: 'GET', url, cookies, headers });
    if (res.statusCode !== 200 || (!headers && !res.body.includes('<html'))) {
      throw new Error(`${url} answered ${res.statusCode}`);
    }
  };
  for (const id of ids.slice(0, 20)) {
    await get(id);
    await get(id, partial);
  }
  const full: number[] = [];
  const fragment: number[] = [];
  const also: number[] = [];
  for (const id of ids) {
    full.push((await timed(() => get(id))).ms);
    fragment.push((await timed(() => get(id, partial))).ms);
    if (tab.also) also.push((await timed(() => tab.also!(id))).ms);
  }
  const p95 = percentile(full, 95);
  return {
    ids,
    also,
    row: {
      figure: `card ${tab.name} tab p95, GET /customers/:id${tab.path} full page (${ids.length} customers)`,
      target: '≤ 20 ms',
      result: `${ms(p95)} (p50 ${ms(percentile(full, 50))})`,
      pass: p95 <= 20,
    },
    note: `card ${tab.name} tab as an htmx partial: p95 ${ms(percentile(fragment, 95))} (p50 ${ms(percentile(fragment, 50))})`,
  };
}
