import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

/** From this many new rows (and at least as many as already exist) indexes are rebuilt instead of updated. */
export const REBUILD_FROM = 50_000;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * For a bulk load into big tables: drops their secondary indexes and foreign keys (and, unless
 * `keepKeys`, the primary keys and unique indexes of the tables still empty, with the foreign keys of
 * other tables that point at those) and returns what puts them back. Rebuilding an index in one sort
 * and validating a foreign key in one join is much faster than millions of row-by-row updates and
 * checks; inside the transaction nobody sees the tables without them. `empty` names the tables that
 * were empty: those take plain inserts, the others inserts in key order.
 */
export async function suspendIndexes(tx: Db, tables: string[], options: { keepKeys?: boolean } = {}) {
  const empty: string[] = [];
  if (!options.keepKeys) {
    for (const t of tables) {
      const [row] = await tx.execute<{ used: boolean }>(
        sql`select exists (select 1 from ${sql.identifier(t)}) as used`,
      );
      if (!row!.used) empty.push(t);
    }
  }
  const all = sql`${`{${tables.join(',')}}`}::text[]::regclass[]`;
  const unused = sql`${`{${empty.join(',')}}`}::text[]::regclass[]`;
  const foreignKeys = [
    ...(await tx.execute<{ tbl: string; name: string; def: string }>(sql`
      select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def
      from pg_constraint where contype = 'f' and (conrelid = any(${all}) or confrelid = any(${unused}))`)),
  ];
  const keys = [
    ...(await tx.execute<{ tbl: string; name: string; def: string }>(sql`
      select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def
      from pg_constraint where contype in ('p', 'u') and conrelid = any(${unused})`)),
  ];
  const indexes = [
    ...(await tx.execute<{ name: string; def: string }>(sql`
      select i.relname as name, pg_get_indexdef(i.oid) as def
      from pg_index x join pg_class i on i.oid = x.indexrelid
      where x.indrelid = any(${all}) and (not x.indisunique or x.indrelid = any(${unused}))
        and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)`)),
  ];
  for (const fk of foreignKeys)
    await tx.execute(sql.raw(`alter table ${fk.tbl} drop constraint ${quote(fk.name)}`));
  for (const k of keys) await tx.execute(sql.raw(`alter table ${k.tbl} drop constraint ${quote(k.name)}`));
  for (const ix of indexes) await tx.execute(sql.raw(`drop index ${quote(ix.name)}`));
  return {
    empty,
    dropped: `${keys.length} keys, ${indexes.length} indexes and ${foreignKeys.length} foreign keys`,
    /** Puts everything back; says what it did. */
    restore: async () => {
      for (const k of keys)
        await tx.execute(sql.raw(`alter table ${k.tbl} add constraint ${quote(k.name)} ${k.def}`));
      for (const ix of indexes) await tx.execute(sql.raw(ix.def));
      for (const fk of foreignKeys)
        await tx.execute(sql.raw(`alter table ${fk.tbl} add constraint ${quote(fk.name)} ${fk.def}`));
      return `rebuilt ${keys.length} keys and ${indexes.length} indexes, checked ${foreignKeys.length} foreign keys`;
    },
  };
}

/**
 * After a load's commit: statistics and visibility maps, so index-only scans stay index-only.
 * Inside a caller's transaction VACUUM cannot run; then only ANALYZE.
 */
export async function vacuumTables(db: Db, tables: readonly string[]): Promise<void> {
  const list = sql.join(
    tables.map((t) => sql.identifier(t)),
    sql`, `,
  );
  try {
    await db.execute(sql`vacuum (analyze) ${list}`);
  } catch {
    await db.execute(sql`analyze ${list}`);
  }
}
