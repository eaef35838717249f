import { type SQL, sql } from 'drizzle-orm';

/**
 * An int[] parameter, '{1,2,NULL}' (drizzle would spread a JS array into a value list).
 * The one way to pass a list of ids to `= any(…)` or `unnest(…)`.
 */
export function intArray(ids: Iterable<number | null>): SQL {
  const items: string[] = [];
  for (const id of ids) {
    if (id !== null && !Number.isSafeInteger(id)) throw new Error('intArray: not integers');
    items.push(id === null ? 'NULL' : String(id));
  }
  return sql`${`{${items.join(',')}}`}::int[]`;
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
