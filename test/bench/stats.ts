/** Small helpers for timing and the result table. */
import type { FastifyInstance } from 'fastify';
import type postgres from 'postgres';
import type { Db } from '../../src/db/client.js';

/** What run.ts gives every bench module. */
export type BenchContext = {
  db: Db;
  sql: postgres.Sql;
  /** The app in this process, logged in as the bench user through `cookies`. */
  app: FastifyInstance;
  cookies: Record<string, string>;
  log: (message: string) => void;
  /** The database URL, for modules that measure a separate server process. */
  url?: string;
};

export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(Math.max(rank, 0), sorted.length - 1)]!;
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

export type Row = { figure: string; target: string; result: string; pass: boolean | null };

export const ms = (v: number) => `${v.toFixed(1)} ms`;

export function markdownTable(rows: Row[]): string {
  const lines = [
    '| Figure | Target | Result | Pass |',
    '| --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.figure} | ${r.target} | ${r.result} | ${r.pass === null ? '–' : r.pass ? 'PASS' : 'FAIL'} |`,
    ),
  ];
  return lines.join('\n');
}
