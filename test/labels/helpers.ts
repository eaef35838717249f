import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';

const run = promisify(execFile);

/*
 * Helpers of the label tests: customers and selections made with set-based SQL, and a PDF
 * read back with poppler (`pdftotext -bbox`, `pdfinfo`) and mapped onto label cells.
 */

export type PersonSpec = {
  first: string;
  last: string;
  street?: string | null;
  postalCode?: string | null;
  city?: string | null;
  country?: string;
  noMarketing?: boolean;
};

let nextNumber = 900_000;

/** Inserts person customers (kind ASIAKAS) in one statement; ids in the order given. */
export async function addPersons(db: Db, people: PersonSpec[]): Promise<number[]> {
  if (!people.length) return [];
  const first = nextNumber;
  nextNumber += people.length;
  const rows = await db.execute<{ id: number }>(sql`
    insert into customers (number, kind_id, type, name, first_name, last_name, street_address, postal_code,
      city, country, no_marketing)
    select ${first}::int + p.ord - 1, (select id from customer_kinds where code = 'ASIAKAS'), 'person',
      p.last || ' ' || p.first, p.first, p.last, p.street, p.postal, p.city, p.country, p.banned
    from jsonb_to_recordset(${JSON.stringify(
      people.map((p, i) => ({
        ord: i + 1,
        first: p.first,
        last: p.last,
        street: p.street === undefined ? `Testikatu ${i + 1}` : p.street,
        postal: p.postalCode === undefined ? '33100' : p.postalCode,
        city: p.city === undefined ? 'Tampere' : p.city,
        country: p.country ?? 'FI',
        banned: p.noMarketing ?? false,
      })),
    )}::jsonb) as p(ord int, first text, last text, street text, postal text, city text, country text, banned boolean)
    order by p.ord
    returning id`);
  return rows.map((r) => r.id);
}

/** An organisation customer with an address. */
export async function addOrganisation(
  db: Db,
  name: string,
  address = { street: 'Teollisuustie 5', postalCode: '33100', city: 'Tampere', country: 'FI' },
): Promise<number> {
  const number = nextNumber++;
  const [row] = await db.execute<{ id: number }>(sql`
    insert into customers (number, kind_id, type, name, street_address, postal_code, city, country)
    values (${number}, (select id from customer_kinds where code = 'ASIAKAS'), 'organisation', ${name},
      ${address.street}, ${address.postalCode}, ${address.city}, ${address.country})
    returning id`);
  return row!.id;
}

export async function addContactPerson(
  db: Db,
  customerId: number,
  first: string,
  last: string,
  noMarketing = false,
): Promise<number> {
  const [row] = await db.execute<{ id: number }>(sql`
    insert into contact_persons (customer_id, first_name, last_name, no_marketing)
    values (${customerId}, ${first}, ${last}, ${noMarketing}) returning id`);
  return row!.id;
}

/** Puts rows on a user's selected list (what the workspace's "move to selected" does). */
export async function select(db: Db, userId: number, targetType: string, ids: number[]): Promise<void> {
  await db.execute(sql`
    insert into selected_list (user_id, target_type, target_id)
    select ${userId}, ${targetType}::workspace_target, unnest(${`{${ids.join(',')}}`}::int[])
    on conflict do nothing`);
}

export async function clearSelection(db: Db, userId: number): Promise<void> {
  await db.execute(sql`delete from selected_list where user_id = ${userId}`);
}

/** A contact type for the log option. */
export async function contactType(db: Db, code = 'TR', name = 'Osoitetarra'): Promise<number> {
  const [row] = await db.execute<{ id: number }>(sql`
    insert into contact_types (code, name) values (${code}, ${name})
    on conflict (code) do update set name = excluded.name returning id`);
  return row!.id;
}

// ------------------------------------------------------------------ reading a PDF back

export type Word = { page: number; text: string; x: number; y: number; xMax: number; yMax: number };
export type PdfText = { pages: number; width: number; height: number; words: Word[] };

const PT_TO_MM = 25.4 / 72;

/** Every word of a PDF with its box in millimetres from the page's top-left corner. */
export async function readPdf(pdf: Buffer): Promise<PdfText> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kanta-labels-'));
  try {
    const file = path.join(dir, 'labels.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run('pdftotext', ['-bbox', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
    const words: Word[] = [];
    let page = 0;
    let width = 0;
    let height = 0;
    const re =
      /<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
    for (const m of stdout.matchAll(re)) {
      if (m[1]) {
        page++;
        width = Number(m[1]) * PT_TO_MM;
        height = Number(m[2]) * PT_TO_MM;
        continue;
      }
      words.push({
        page,
        text: decode(m[7]!),
        x: Number(m[3]) * PT_TO_MM,
        y: Number(m[4]) * PT_TO_MM,
        xMax: Number(m[5]) * PT_TO_MM,
        yMax: Number(m[6]) * PT_TO_MM,
      });
    }
    return { pages: page, width, height, words };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

export type Geometry = {
  marginTopMm: number;
  marginLeftMm: number;
  labelWidthMm: number;
  labelHeightMm: number;
  pitchXMm: number;
  pitchYMm: number;
  columns: number;
  rows: number;
};

/**
 * The label cell a word lies in, counted over the whole run (page 1 cell 0 = 0), or null
 * when its centre is outside every label (between labels or off the grid).
 */
export function cellOf(word: Word, g: Geometry): number | null {
  const cx = (word.x + word.xMax) / 2;
  const cy = (word.y + word.yMax) / 2;
  const col = Math.floor((cx - g.marginLeftMm) / g.pitchXMm);
  const row = Math.floor((cy - g.marginTopMm) / g.pitchYMm);
  if (col < 0 || col >= g.columns || row < 0 || row >= g.rows) return null;
  if (cx - g.marginLeftMm - col * g.pitchXMm > g.labelWidthMm) return null;
  if (cy - g.marginTopMm - row * g.pitchYMm > g.labelHeightMm) return null;
  return (word.page - 1) * g.columns * g.rows + row * g.columns + col;
}

/** The text of each cell (words joined in reading order), by cell number. */
export function cellTexts(pdf: PdfText, g: Geometry): Map<number, string> {
  const byCell = new Map<number, Word[]>();
  for (const w of pdf.words) {
    const cell = cellOf(w, g);
    if (cell === null) throw new Error(`word "${w.text}" on page ${w.page} lies outside every label`);
    byCell.set(cell, [...(byCell.get(cell) ?? []), w]);
  }
  const out = new Map<number, string>();
  for (const [cell, words] of byCell) {
    words.sort((a, b) => Math.round(a.y - b.y) || a.x - b.x);
    out.set(cell, words.map((w) => w.text).join(' '));
  }
  return out;
}

export const layout3x8: Geometry = {
  marginTopMm: 0.5,
  marginLeftMm: 0,
  labelWidthMm: 70,
  labelHeightMm: 37,
  pitchXMm: 70,
  pitchYMm: 37,
  columns: 3,
  rows: 8,
};

export const layout3x7: Geometry = {
  ...layout3x8,
  marginTopMm: 0.45,
  labelHeightMm: 42.3,
  pitchYMm: 42.3,
  rows: 7,
};
