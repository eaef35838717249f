import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { parse as csvParse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { fileTypeFromBuffer } from 'file-type';
import { DomainError } from '../../lib/errors.js';
import { parseDate } from '../../lib/format.js';
import { PG_INT_MAX } from '../../lib/ids.js';

/*
 * Reading an uploaded import file: its type sniffed from the bytes (CSV text or an XLSX
 * zip), CSV in UTF-8 (with or without BOM) or Windows-1252 with comma, semicolon or tab,
 * streamed row by row (csv-parse, exceljs's streaming reader) in chunks, so a big file
 * never becomes one big string or one array of all its rows.
 */

/** One cell as the file gives it: CSV cells are text, XLSX cells may be numbers or dates. */
export type Cell = string | number | Date | boolean | null;

/** A data row: its number as the user sees it (header = row 1 in a CSV, the sheet's row in XLSX). */
export type SheetRow = { rowNo: number; cells: Cell[] };

export type FileFormat =
  | { kind: 'csv'; encoding: 'utf-8' | 'windows-1252'; delimiter: string }
  | { kind: 'xlsx' };

/** Rows validated and written together: one set of statements per chunk. */
export const CHUNK_ROWS = 1000;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Characters that never appear in a text file (besides tab, CR, LF, form feed). */
function looksBinary(head: Buffer): boolean {
  let control = 0;
  for (const b of head) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control > head.length / 100;
}

/** The first line of the text, for sniffing the delimiter: the one that splits it most, outside quotes. */
function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [';', 0],
    [',', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  let max = 0;
  for (const [d, n] of counts) {
    if (n > max) {
      best = d;
      max = n;
    }
  }
  return best;
}

/**
 * What the file is, from its bytes alone (never its name or the browser's type).
 * Throws a DomainError with a message for the user when it is empty or neither CSV nor XLSX.
 */
export async function sniffFormat(file: Buffer): Promise<FileFormat> {
  if (isBlank(file)) throw new DomainError('imports.error.empty', 400);
  const head = file.subarray(0, Math.min(file.length, 64 * 1024));
  const detected = await fileTypeFromBuffer(file);
  if (detected?.ext === 'xlsx') return { kind: 'xlsx' };
  // Any other recognised type (zip, docx, xls, pdf, images …) is not an import file.
  if (detected || head.subarray(0, 4).equals(ZIP_MAGIC) || looksBinary(head)) {
    throw new DomainError('imports.error.notCsvOrXlsx', 400);
  }
  const encoding = isUtf8(file) ? 'utf-8' : 'windows-1252';
  const text = new TextDecoder(encoding).decode(head);
  return { kind: 'csv', encoding, delimiter: sniffDelimiter(text) };
}

/** Nothing but whitespace (and perhaps a UTF-8 byte order mark). */
function isBlank(file: Buffer): boolean {
  const start = file[0] === 0xef && file[1] === 0xbb && file[2] === 0xbf ? 3 : 0;
  for (let i = start; i < file.length; i++) {
    const b = file[i];
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  }
  return true;
}

/**
 * The text of a CSV in small pieces (TextDecoder in stream mode keeps split characters
 * whole). Small, because the parser turns a whole piece into records at once and those
 * wait in its buffer until read: a few dozen rows, not thousands.
 */
const PIECE_BYTES = 8192;
function* decodedChunks(file: Buffer, encoding: string): Generator<string> {
  const decoder = new TextDecoder(encoding);
  for (let i = 0; i < file.length; i += PIECE_BYTES) {
    const piece = decoder.decode(file.subarray(i, i + PIECE_BYTES), { stream: true });
    if (piece) yield piece;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

const isEmptyRow = (cells: Cell[]) =>
  cells.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''));

async function* csvRows(
  file: Buffer,
  format: Extract<FileFormat, { kind: 'csv' }>,
): AsyncGenerator<SheetRow> {
  const parser = csvParse({
    delimiter: format.delimiter,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: false,
    record_delimiter: ['\r\n', '\n', '\r'],
  });
  const source = Readable.from(decodedChunks(file, format.encoding));
  source.pipe(parser);
  source.on('error', (e) => parser.destroy(e));
  let rowNo = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNo++;
      yield { rowNo, cells: record };
    }
  } catch (e) {
    if (
      e &&
      typeof e === 'object' &&
      'code' in e &&
      String((e as { code: string }).code).startsWith('CSV_')
    ) {
      throw new DomainError('imports.error.badCsv', 400, { row: rowNo + 1 });
    }
    throw e;
  }
}

/** An XLSX cell's value as a plain Cell: rich text joined, formulas as their result, links as their text. */
function xlsxCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('');
    if ('result' in o) return xlsxCell(o.result);
    if ('formula' in o || 'sharedFormula' in o) return null;
    if (typeof o.text === 'string') return o.text;
    if (typeof o.error === 'string') return o.error;
  }
  return String(v);
}

async function* xlsxRows(file: Buffer): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'emit',
  });
  try {
    for await (const sheet of reader) {
      // Only the first worksheet is imported.
      for await (const row of sheet) {
        const values = row.values as unknown[];
        const cells: Cell[] = [];
        for (let i = 1; i < values.length; i++) cells.push(xlsxCell(values[i]));
        yield { rowNo: row.number, cells };
      }
      return;
    }
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw new DomainError('imports.error.badXlsx', 400);
  }
}

/** Every row of the file, blank ones included, in file order. */
export function allRows(file: Buffer, format: FileFormat): AsyncGenerator<SheetRow> {
  return format.kind === 'csv' ? csvRows(file, format) : xlsxRows(file);
}

/**
 * The data rows after the header (the first non-blank row), one by one, blank rows
 * skipped; `onHeader` gets the header's texts first. Readers should turn each row into
 * what they keep at once: a row held while thousands more are read outlives the young
 * heap and costs memory until the next full collection.
 */
export async function* dataRows(
  file: Buffer,
  format: FileFormat,
  onHeader?: (header: string[]) => void,
): AsyncGenerator<SheetRow> {
  let seenHeader = false;
  for await (const row of allRows(file, format)) {
    if (isEmptyRow(row.cells)) continue;
    if (!seenHeader) {
      seenHeader = true;
      onHeader?.(row.cells.map((c) => cellText(c) ?? ''));
      continue;
    }
    yield row;
  }
  if (!seenHeader) throw new DomainError('imports.error.empty', 400);
}

/** What the upload screen needs: the header, a few sample rows and the count of data rows. */
export async function describeFile(file: Buffer, format: FileFormat) {
  let header: string[] = [];
  const samples: string[][] = [];
  let rows = 0;
  for await (const r of dataRows(file, format, (h) => {
    header = h;
  })) {
    if (samples.length < 3) samples.push(r.cells.map((c) => displayCell(c)));
    rows++;
  }
  if (header.every((h) => h.trim() === '')) throw new DomainError('imports.error.empty', 400);
  if (rows === 0) throw new DomainError('imports.error.headerOnly', 400);
  return { header, samples, rows };
}

// ----------------------------------------------------------------------------- cell values

/** A cell as text, trimmed; null when blank. Numbers keep their digits (1234.5, not 1 234,5). */
export function cellText(c: Cell | undefined): string | null {
  if (c === null || c === undefined) return null;
  if (c instanceof Date) return isoOfDate(c);
  const s = String(c).trim();
  return s === '' ? null : s;
}

function displayCell(c: Cell): string {
  return cellText(c) ?? '';
}

/** A Date from an XLSX cell: Excel dates have no zone, exceljs gives them as UTC midnight. */
function isoOfDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Excel's day numbers (1 = 1.1.1900, with its 1900 leap-year bug) → ISO date. */
function excelSerialDate(n: number): string | null {
  if (!Number.isFinite(n) || n < 1 || n > 2958465) return null;
  const ms = Date.UTC(1899, 11, 30) + Math.floor(n) * 86400000;
  return new Date(ms).toISOString().slice(0, 10);
}

export type Parsed<T> = { ok: true; value: T | null } | { ok: false };

/** A date: a real Excel date, an Excel day number, 1.2.2026, 01.02.2026 or 2026-02-01 (a time after it is ignored). */
export function parseDateCell(c: Cell | undefined): Parsed<string> {
  if (c === null || c === undefined) return { ok: true, value: null };
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? { ok: false } : { ok: true, value: isoOfDate(c) };
  if (typeof c === 'number') {
    const v = excelSerialDate(c);
    return v ? { ok: true, value: v } : { ok: false };
  }
  const s = String(c).trim();
  if (s === '') return { ok: true, value: null };
  const withoutTime = s
    .replace(/^(\d{4}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/, '$1')
    .replace(/^(\d{1,2}\.\d{1,2}\.\d{4})\s+\d{1,2}[:.]\d{2}([:.]\d{2})?$/, '$1');
  const iso = parseDate(withoutTime);
  return iso ? { ok: true, value: iso } : { ok: false };
}

/**
 * Euros as integer cents: 1 234,50 (spaces or non-breaking spaces between thousands),
 * 1234.50, -12,5, 1.234,50, 1 234,50 €; a number cell as it is. At most two decimals.
 */
export function parseMoneyCell(c: Cell | undefined): Parsed<number> {
  if (c === null || c === undefined) return { ok: true, value: null };
  if (typeof c === 'number') {
    if (!Number.isFinite(c)) return { ok: false };
    const cents = Math.round(c * 100);
    return Math.abs(cents - c * 100) < 1e-6 * Math.max(1, Math.abs(c * 100))
      ? { ok: true, value: cents }
      : { ok: false };
  }
  if (typeof c !== 'string') return { ok: false };
  let s = c.trim();
  if (s === '') return { ok: true, value: null };
  s = s.replace(/\s*(€|eur|euroa?)$/i, '').replace(/^€\s*/, '');
  s = s.replace(/[\s\u00a0\u202f']/g, '');
  let negative = false;
  if (/^[-−]/.test(s)) {
    negative = true;
    s = s.slice(1);
  } else if (/-$/.test(s)) {
    // Some accounting exports write credits as 12,50-
    negative = true;
    s = s.slice(0, -1);
  }
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  let intPart: string;
  let decPart = '';
  if (lastComma >= 0 && lastDot >= 0) {
    // Both: the later one separates decimals, the other thousands.
    const dec = lastComma > lastDot ? ',' : '.';
    const thousands = dec === ',' ? '.' : ',';
    const [i, d = ''] = s.split(dec);
    if (s.split(dec).length > 2) return { ok: false };
    if (!/^\d{1,3}(\.\d{3})*$/.test(i!.replaceAll(thousands, '.'))) return { ok: false };
    intPart = i!.replaceAll(thousands, '');
    decPart = d;
  } else if (lastComma >= 0 || lastDot >= 0) {
    const sep = lastComma >= 0 ? ',' : '.';
    const parts = s.split(sep);
    if (parts.length !== 2) return { ok: false };
    [intPart, decPart] = [parts[0]!, parts[1]!];
  } else {
    intPart = s;
  }
  if (!/^\d+$/.test(intPart) || !/^\d{0,2}$/.test(decPart)) return { ok: false };
  if (intPart.length > 13) return { ok: false };
  const cents = Number(intPart) * 100 + Number(decPart.padEnd(2, '0') || '0');
  return { ok: true, value: negative ? -cents : cents };
}

/** A whole number (customer numbers, ids): digits, spaces allowed between them; a whole number cell. */
export function parseIntegerCell(c: Cell | undefined): Parsed<number> {
  if (c === null || c === undefined) return { ok: true, value: null };
  if (typeof c === 'number') return Number.isSafeInteger(c) ? { ok: true, value: c } : { ok: false };
  if (typeof c !== 'string') return { ok: false };
  const s = c.replace(/[\s\u00a0\u202f]/g, '');
  if (s === '') return { ok: true, value: null };
  if (!/^\d{1,10}$/.test(s)) return { ok: false };
  const n = Number(s);
  return n <= PG_INT_MAX ? { ok: true, value: n } : { ok: false };
}

/** Header text reduced for matching: lower case, letters and digits only (ä, ö, å kept). */
export function normalizeHeader(h: string): string {
  return h.toLowerCase().replace(/[^a-z0-9äöå]/g, '');
}

/** The layout key of a header row, under which its mapping is remembered. */
export function headerKey(header: string[]): string {
  return header.map((h) => h.trim().toLowerCase()).join('|');
}
