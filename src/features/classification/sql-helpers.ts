import { type SQL, sql } from 'drizzle-orm';

/** An int[] parameter (drizzle would spread a JS array into a value list). */
export function intArray(ids: readonly number[]): SQL {
  if (!ids.every((id) => Number.isSafeInteger(id))) throw new Error('intArray: not integers');
  return sql`${`{${ids.join(',')}}`}::int[]`;
}

/** Rows as one json parameter, to read with json_to_recordset (safe for any text). */
export function jsonRows(rows: readonly Record<string, unknown>[]): SQL {
  return sql`${JSON.stringify(rows)}::json`;
}

/** A unique constraint of PostgreSQL said no (drizzle wraps the driver's error in `cause`). */
export function isUniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
}

/** Lists show usage counts up to this; beyond it they say "10 000+" (a bounded index scan each). */
export const USAGE_CAP = 10_000;
