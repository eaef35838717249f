import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { importMappings, importRuns, users } from '../../db/schema/index.js';
import type { MessageKey } from '../../i18n/fi.js';
import type { ImportTarget, Mapping } from './fields.js';
import type { FileFormat } from './parse.js';

/*
 * Import runs (one uploaded file through mapping, dry run and import) and the column
 * mappings remembered per header layout.
 */

export type RunStatus = 'uploaded' | 'checking' | 'checked' | 'importing' | 'done' | 'failed';

/**
 * A refused row's problem: the row as the user sees it, the column (its header text; null
 * when no column is mapped to the field, e.g. a required field) and the field, and why.
 */
export type RowError = {
  row: number;
  column: string | null;
  field: string;
  reason: MessageKey;
  params?: Record<string, string | number>;
};

export type Counts = { created: number; updated: number; unchanged: number; refused: number };

export type CheckReport = Counts & {
  /** Every refused row's problems, in row order (at most MAX_ERRORS). */
  errors: RowError[];
  errorsCut: boolean;
  /** Problems of the whole file that block the import (e.g. a number series too short). */
  problems: { key: MessageKey; params?: Record<string, string | number> }[];
  /** The mapping the dry run used. */
  mapping: Mapping;
};

export type RunReport = {
  file: { format: FileFormat; header: string[]; samples: string[][] };
  check?: CheckReport;
  result?: Counts & { onlyGoodRows: boolean };
  error?: { key: MessageKey; params?: Record<string, string | number>; phase: 'check' | 'import' };
};

/** A run without its file bytes and without the full error list (see runErrors). */
export type RunSummary = {
  id: number;
  target: ImportTarget;
  userId: number;
  userName: string | null;
  fileName: string;
  fileBytes: number;
  mapping: Mapping | null;
  status: RunStatus;
  onlyGoodRows: boolean;
  totalRows: number;
  processedRows: number;
  report: RunReport;
  errorCount: number;
  createdAt: Date;
  finishedAt: Date | null;
};

export async function insertRun(
  db: Db,
  run: {
    target: ImportTarget;
    userId: number;
    fileName: string;
    file: Buffer;
    totalRows: number;
    report: RunReport;
  },
): Promise<number> {
  const [row] = await db
    .insert(importRuns)
    .values({
      target: run.target,
      userId: run.userId,
      fileName: run.fileName,
      file: run.file,
      totalRows: run.totalRows,
      report: run.report,
    })
    .returning({ id: importRuns.id });
  return row!.id;
}

/** One run for its page: the report without the error list, which is paged separately. */
export async function getRun(db: Db, id: number): Promise<RunSummary | undefined> {
  const [row] = await db.execute<RunSummary>(sql`
    select r.id, r.target, r.user_id as "userId", u.display_name as "userName", r.file_name as "fileName",
      octet_length(r.file) as "fileBytes", r.mapping, r.status, r.only_good_rows as "onlyGoodRows",
      r.total_rows as "totalRows", r.processed_rows as "processedRows",
      case when r.report ? 'check' then jsonb_set(r.report, '{check,errors}', '[]'::jsonb) else r.report end as report,
      coalesce(jsonb_array_length(r.report->'check'->'errors'), 0) as "errorCount",
      r.created_at as "createdAt", r.finished_at as "finishedAt"
    from import_runs r left join users u on u.id = r.user_id
    where r.id = ${id}`);
  if (!row) return undefined;
  return {
    ...row,
    createdAt: new Date(row.createdAt),
    finishedAt: row.finishedAt ? new Date(row.finishedAt) : null,
  };
}

/** The file bytes of a run. */
export async function runFile(db: Db, id: number): Promise<Buffer> {
  const [row] = await db.select({ file: importRuns.file }).from(importRuns).where(eq(importRuns.id, id));
  if (!row) throw new Error(`import run ${id} not found`);
  return row.file;
}

/** A page of a run's refused-row problems, after the `after`-th (1-based positions). */
export async function runErrors(db: Db, id: number, after = 0, limit = 100) {
  const rows = await db.execute<RowError & { pos: number }>(sql`
    select e.pos::int as pos, (e.value->>'row')::int as row, e.value->>'column' as column, e.value->>'field' as field,
      e.value->>'reason' as reason, e.value->'params' as params
    from import_runs r, jsonb_array_elements(r.report->'check'->'errors') with ordinality as e(value, pos)
    where r.id = ${id} and e.pos > ${after}
    order by e.pos
    limit ${limit + 1}`);
  const page = rows.slice(0, limit);
  return { rows: page, next: rows.length > limit ? page[page.length - 1]!.pos : null };
}

/** The latest runs, newest first, in pages (keyset on id). */
export async function listRuns(db: Db, before?: number, limit = 20) {
  const rows = await db
    .select({
      id: importRuns.id,
      target: importRuns.target,
      fileName: importRuns.fileName,
      status: importRuns.status,
      totalRows: importRuns.totalRows,
      createdAt: importRuns.createdAt,
      userName: users.displayName,
      result: sql<Counts | null>`${importRuns.report}->'result'`,
    })
    .from(importRuns)
    .leftJoin(users, eq(users.id, importRuns.userId))
    .where(before ? lt(importRuns.id, before) : undefined)
    .orderBy(desc(importRuns.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return { rows: page, next: rows.length > limit ? page[page.length - 1]!.id : null };
}

/** Moves a run from one of `from` to `to`; false when it was in none of them (someone else moved it). */
export async function claimRun(
  db: Db,
  id: number,
  from: RunStatus[],
  to: RunStatus,
  set: { mapping?: Mapping; onlyGoodRows?: boolean } = {},
): Promise<boolean> {
  const rows = await db.execute(sql`
    update import_runs set status = ${to}, processed_rows = 0, finished_at = null,
      mapping = coalesce(${set.mapping ? JSON.stringify(set.mapping) : null}::jsonb, mapping),
      only_good_rows = coalesce(${set.onlyGoodRows ?? null}::boolean, only_good_rows),
      report = report - 'error' - (case when ${to} = 'checking' then array['check', 'result'] else array['result'] end)::text[]
    where id = ${id} and status in ${from}
    returning id`);
  return rows.length === 1;
}

/** Progress of a running check or import: written outside the import's transaction, so it shows at once. */
export async function setProgress(db: Db, id: number, processedRows: number): Promise<void> {
  await db.update(importRuns).set({ processedRows }).where(eq(importRuns.id, id));
}

/** Ends a phase: its status and the report part it produced. */
export async function finishRun(
  db: Db,
  id: number,
  status: RunStatus,
  part: Partial<Pick<RunReport, 'check' | 'result' | 'error'>>,
  processedRows?: number,
): Promise<void> {
  await db.execute(sql`
    update import_runs set status = ${status}, report = report || ${JSON.stringify(part)}::jsonb,
      processed_rows = coalesce(${processedRows ?? null}::int, processed_rows),
      finished_at = case when ${status} in ('done', 'failed') then now() else finished_at end
    where id = ${id}`);
}

/** The mapping remembered for this target and header layout. */
export async function rememberedMapping(db: Db, target: ImportTarget, headerKey: string) {
  const [row] = await db
    .select({ mapping: importMappings.mapping })
    .from(importMappings)
    .where(and(eq(importMappings.target, target), eq(importMappings.headerKey, headerKey)));
  return row?.mapping;
}

export async function rememberMapping(db: Db, target: ImportTarget, headerKey: string, mapping: Mapping) {
  await db
    .insert(importMappings)
    .values({ target, headerKey, mapping })
    .onConflictDoUpdate({
      target: [importMappings.target, importMappings.headerKey],
      set: { mapping, updatedAt: sql`now()` },
    });
}
