/** The largest value of a PostgreSQL integer column: every id and whole number is bounded by it. */
export const PG_INT_MAX = 2_147_483_647;

/** A database id (PostgreSQL integer) from text, or null: digits only, 1 … 2 147 483 647. */
export function parseId(raw: unknown): number | null {
  if (typeof raw !== 'string' || !/^\d{1,10}$/.test(raw)) return null;
  const id = Number(raw);
  return id > 0 && id <= PG_INT_MAX ? id : null;
}

/** The `:id` (or another) route parameter as an id; anything else answers 404. */
export function idParam(params: unknown, name = 'id'): number {
  const id = parseId((params as Record<string, unknown>)[name]);
  if (id === null) throw Object.assign(new Error('error.notFound'), { statusCode: 404 });
  return id;
}
