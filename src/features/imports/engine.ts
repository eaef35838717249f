import type { Db } from '../../db/client.js';
import type { MessageKey } from '../../i18n/fi.js';
import { DomainError } from '../../lib/errors.js';
import type { ImportTarget, Mapping } from './fields.js';
import type { Cell, SheetRow } from './parse.js';
import type { CheckReport, Counts, RowError } from './queries.js';

/*
 * What the customer and sales-document importers share: the mapped cells of a row, and
 * the bookkeeping of a pass over the file (counts, refused rows with their problems).
 * A pass is either the dry run ('check', reads only) or the import ('import', inside
 * the import's one transaction).
 */

export type Phase = 'check' | 'import';

/** At most this many problems are kept for the report; the counts stay exact. */
export const MAX_ERRORS = 100_000;

/** A problem of one field of a row, before it is tied to the file's column. */
export type FieldProblem = { field: string; reason: MessageKey; params?: Record<string, string | number> };

export class Pass {
  readonly counts: Counts = { created: 0, updated: 0, unchanged: 0, refused: 0 };
  readonly errors: RowError[] = [];
  errorsCut = false;
  readonly problems: CheckReport['problems'] = [];
  /** Field key → column index. */
  readonly columns = new Map<string, number>();

  constructor(
    readonly db: Db,
    readonly phase: Phase,
    readonly target: ImportTarget,
    readonly header: string[],
    readonly mapping: Mapping,
    readonly userId: number,
    readonly runId: number,
    /** Import only: skip refused rows instead of stopping. */
    readonly onlyGoodRows: boolean,
  ) {
    for (const [col, key] of Object.entries(mapping)) {
      if (/^\d+$/.test(col)) this.columns.set(key, Number(col));
    }
  }

  has(field: string): boolean {
    return this.columns.has(field);
  }

  /** The row's cell for a field; undefined when no column is mapped to it. */
  cell(row: SheetRow, field: string): Cell | undefined {
    const col = this.columns.get(field);
    if (col === undefined) return undefined;
    return row.cells[col] ?? null;
  }

  /**
   * Records a refused row. In the import without "only good rows" the first refused row
   * ends the import: the transaction rolls back and nothing is written.
   */
  refuse(rowNo: number, problems: FieldProblem[]): void {
    this.counts.refused++;
    // In the file's column order; problems of fields without a column last.
    const order = (f: string) => this.columns.get(f) ?? Number.MAX_SAFE_INTEGER;
    const sorted = [...problems].sort((a, b) => order(a.field) - order(b.field));
    for (const p of sorted) {
      if (this.errors.length >= MAX_ERRORS) {
        this.errorsCut = true;
        break;
      }
      const col = this.columns.get(p.field);
      this.errors.push({
        row: rowNo,
        column: col === undefined ? null : this.header[col] || `#${col + 1}`,
        field: p.field,
        reason: p.reason,
        ...(p.params ? { params: p.params } : {}),
      });
    }
    if (this.phase === 'import' && !this.onlyGoodRows) {
      throw new DomainError('imports.error.refusedDuringImport', 400, { row: rowNo });
    }
  }

  report(): CheckReport {
    return {
      ...this.counts,
      errors: this.errors,
      errorsCut: this.errorsCut,
      problems: this.problems,
      mapping: this.mapping,
    };
  }
}

/**
 * A target's importer: takes the file's rows one by one (`row`, synchronous: it keeps
 * only what it needs of the cells), writes or checks them a chunk at a time (`flush`),
 * and finishes once.
 */
export interface Importer {
  row(row: SheetRow): void;
  flush(): Promise<void>;
  finish(): Promise<void>;
}
