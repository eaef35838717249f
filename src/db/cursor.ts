import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type postgres from 'postgres';
import type { Db } from './client.js';

/*
 * Streaming reads (DESIGN: "postgres.js cursors"): a drizzle `sql` query run as a
 * postgres.js cursor on the connection (or transaction) of `db`, `batch` rows at a
 * time, so an export of 100 000 rows never holds them all. Values come back as
 * `db.execute` gives them (dates as text). Stopping the loop early (break, a thrown
 * error, a client gone) closes the cursor.
 */

const dialect = new PgDialect({ casing: 'snake_case' });

/** The postgres.js client behind a drizzle database or transaction. */
function clientOf(db: Db): postgres.Sql {
  return (db._.session as unknown as { client: postgres.Sql }).client;
}

export async function* streamQuery<T>(db: Db, query: SQL, batch = 1000): AsyncGenerator<T[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  const cursor = clientOf(db)
    .unsafe(text, params as postgres.ParameterOrJSON<never>[])
    .cursor(batch);
  for await (const rows of cursor) yield rows as unknown as T[];
}
