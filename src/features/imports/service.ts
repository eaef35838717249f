import type { Db } from '../../db/client.js';
import type { MessageKey } from '../../i18n/fi.js';
import { DomainError, InputError } from '../../lib/errors.js';
import { customerImporter } from './customers.js';
import { type Importer, Pass, type Phase } from './engine.js';
import {
  DEFAULT_KIND,
  fitMapping,
  guessMapping,
  type ImportTarget,
  type Mapping,
  mappingProblems,
} from './fields.js';
import { CHUNK_ROWS, dataRows, describeFile, headerKey, sniffFormat } from './parse.js';
import {
  claimRun,
  finishRun,
  getRun,
  insertRun,
  type RunSummary,
  rememberedMapping,
  rememberMapping,
  runFile,
  setProgress,
} from './queries.js';
import { salesImporter } from './sales.js';

/*
 * An import run from upload to result (R-SALES-2):
 *
 *   upload   → the file's type sniffed, its rows counted, stored in import_runs ('uploaded');
 *   mapping  → remembered for the header layout, then the dry run ('checking' → 'checked'):
 *              counts of rows to create, update and refuse, every refused row's problems;
 *   import   → ('importing' → 'done' | 'failed') in ONE transaction; progress is written from
 *              another connection so the progress bar moves while the transaction runs.
 *
 * The routes start the dry run and the import without waiting for them; the bench and
 * the tests call these same functions and wait.
 */

/** Files above this are refused before anything is stored. */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

/** Stores an uploaded file as a new run; a file that is empty, only a header or not CSV/XLSX is refused. */
export async function createRun(
  db: Db,
  upload: { target: ImportTarget; userId: number; fileName: string; file: Buffer },
): Promise<number> {
  if (upload.file.length > MAX_IMPORT_BYTES) {
    throw new DomainError('imports.error.tooLarge', 413, { max: MAX_IMPORT_BYTES / 1024 / 1024 });
  }
  const format = await sniffFormat(upload.file);
  const { header, samples, rows } = await describeFile(upload.file, format);
  return insertRun(db, {
    ...upload,
    fileName: upload.fileName.slice(0, 200) || 'file',
    totalRows: rows,
    report: { file: { format, header, samples } },
  });
}

/** The mapping the screen offers: the run's own, else the one remembered for this layout, else by header names. */
export async function offeredMapping(
  db: Db,
  run: RunSummary,
): Promise<{ mapping: Mapping; remembered: boolean }> {
  const header = run.report.file.header;
  if (run.mapping) return { mapping: fitMapping(run.target, header, run.mapping), remembered: false };
  const saved = await rememberedMapping(db, run.target, headerKey(header));
  if (saved) return { mapping: fitMapping(run.target, header, saved), remembered: true };
  return { mapping: guessMapping(run.target, header), remembered: false };
}

/** The mapping from the screen's form: `col<i>` selects and `defaultKind`. */
export function mappingFromForm(
  target: ImportTarget,
  header: string[],
  body: Record<string, unknown>,
): Mapping {
  const mapping: Mapping = {};
  header.forEach((_, i) => {
    const v = body[`col${i}`];
    if (typeof v === 'string' && v !== '') mapping[String(i)] = v;
  });
  const kind = body.defaultKind;
  if (target === 'customers' && typeof kind === 'string' && kind !== '') mapping[DEFAULT_KIND] = kind;
  return fitMapping(target, header, mapping);
}

/**
 * Saves the mapping (and remembers it for the next file with this header), then moves
 * the run to 'checking'. The caller runs checkRun. InputError `col:<i>` / `_` when the
 * mapping cannot work.
 */
export async function saveMapping(db: Db, runId: number, mapping: Mapping): Promise<void> {
  const run = await getRun(db, runId);
  if (!run) throw new DomainError('error.notFound', 404);
  const problems = mappingProblems(run.target, mapping);
  if (Object.keys(problems).length) throw new InputError(problems);
  if (!(await claimRun(db, runId, ['uploaded', 'checked', 'failed'], 'checking', { mapping }))) {
    throw new DomainError('imports.error.busy', 409);
  }
  await rememberMapping(db, run.target, headerKey(run.report.file.header), mapping);
}

/** One pass over the file: every chunk through the target's importer, progress after each. */
async function runPass(
  db: Db,
  progressDb: Db,
  run: RunSummary,
  file: Buffer,
  phase: Phase,
  onlyGoodRows: boolean,
): Promise<Pass> {
  const p = new Pass(
    db,
    phase,
    run.target,
    run.report.file.header,
    run.mapping ?? {},
    run.userId,
    run.id,
    onlyGoodRows,
  );
  const importer: Importer = run.target === 'customers' ? await customerImporter(p) : await salesImporter(p);
  let processed = 0;
  let pending = 0;
  const flush = async () => {
    await importer.flush();
    processed += pending;
    pending = 0;
    await setProgress(progressDb, run.id, processed);
  };
  for await (const row of dataRows(file, run.report.file.format)) {
    importer.row(row);
    if (++pending >= CHUNK_ROWS) await flush();
  }
  if (pending) await flush();
  await importer.finish();
  return p;
}

function failure(e: unknown): { key: MessageKey; params?: Record<string, string | number> } {
  if (e instanceof DomainError)
    return { key: e.message as MessageKey, ...(e.params ? { params: e.params } : {}) };
  const code = postgresCode(e);
  if (code === '23505' || code === '40P01') return { key: 'imports.error.concurrent' };
  return { key: 'imports.error.unexpected' };
}

/** PostgreSQL's error code (drizzle wraps the driver's error in `cause`). */
function postgresCode(err: unknown): string | undefined {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

/** The dry run of a run in 'checking': reads only; the report says what the import would do. */
export async function checkRun(db: Db, runId: number, log?: (e: unknown) => void): Promise<void> {
  const run = await getRun(db, runId);
  if (run?.status !== 'checking') return;
  try {
    const file = await runFile(db, runId);
    const p = await runPass(db, db, run, file, 'check', false);
    await finishRun(db, runId, 'checked', { check: p.report() });
  } catch (e) {
    if (!(e instanceof DomainError)) log?.(e);
    await finishRun(db, runId, 'failed', { error: { ...failure(e), phase: 'check' } });
  }
}

/** Whether the checked run may be imported as asked: never with blocking problems, refused rows only with onlyGoodRows. */
export function importAllowed(run: RunSummary, onlyGoodRows: boolean): boolean {
  const check = run.report.check;
  if (run.status !== 'checked' || !check || check.problems.length) return false;
  const good = check.created + check.updated + check.unchanged;
  if (check.refused > 0) return onlyGoodRows && good > 0;
  return !onlyGoodRows;
}

/** Moves a checked run to 'importing'; the caller runs importRun. */
export async function startImport(db: Db, runId: number, onlyGoodRows: boolean): Promise<void> {
  const run = await getRun(db, runId);
  if (!run) throw new DomainError('error.notFound', 404);
  if (!importAllowed(run, onlyGoodRows)) throw new DomainError('imports.error.notAllowed', 409);
  if (!(await claimRun(db, runId, ['checked'], 'importing', { onlyGoodRows }))) {
    throw new DomainError('imports.error.busy', 409);
  }
}

/**
 * The import of a run in 'importing', in one transaction: everything or (on any error,
 * or a refused row when not onlyGoodRows) nothing. The run then says 'done' with the
 * counts, or 'failed' with the reason.
 */
export async function importRun(db: Db, runId: number, log?: (e: unknown) => void): Promise<void> {
  const run = await getRun(db, runId);
  if (run?.status !== 'importing') return;
  try {
    const file = await runFile(db, runId);
    const p = await db.transaction((tx) => runPass(tx, db, run, file, 'import', run.onlyGoodRows));
    await finishRun(
      db,
      runId,
      'done',
      { result: { ...p.counts, onlyGoodRows: run.onlyGoodRows } },
      run.totalRows,
    );
  } catch (e) {
    if (!(e instanceof DomainError)) log?.(e);
    await finishRun(db, runId, 'failed', { error: { ...failure(e), phase: 'import' } });
  }
}
