import { sql } from 'drizzle-orm';
import type { MessageKey } from '../../i18n/fi.js';
import { recordSalesDocuments, type SalesDocumentInput, VALUE_FIELDS } from '../sales/ingest.js';
import { resolveSalesDocuments } from '../sales/resolve.js';
import { type ParsedSalesDocument, validateSalesDocument } from '../sales/schemas.js';
import type { FieldProblem, Importer, Pass } from './engine.js';
import {
  type Cell,
  cellText,
  type Parsed,
  parseDateCell,
  parseIntegerCell,
  parseMoneyCell,
  type SheetRow,
} from './parse.js';

/*
 * Sales documents from a file (R-SALES-2): Finnish numbers and dates are turned into the
 * API's form, validated with the API's schema (validateSalesDocument), the customer and
 * destination type looked up for the chunk at once (resolveSalesDocuments), and written
 * through the same service as the API (recordSalesDocuments, upsert by externalId), one
 * chunk of rows per call, all inside the import's transaction.
 */

/** Kind words in files → the API's kind names. */
const KINDS: Record<string, string> = {
  booking: 'booking',
  varaus: 'booking',
  salesorder: 'salesOrder',
  sales_order: 'salesOrder',
  'sales order': 'salesOrder',
  myyntitilaus: 'salesOrder',
  tilaus: 'salesOrder',
  invoice: 'invoice',
  lasku: 'invoice',
  hyvityslasku: 'invoice',
  'credit invoice': 'invoice',
};

const DATE_FIELDS = ['date', 'travelStart', 'travelEnd', 'dueDate', 'paidDate'] as const;
const TEXT_FIELDS = ['externalId', 'number', 'destinationType', 'destination', 'customerExternalId'] as const;
const CUSTOMER_FIELDS = ['customerNumber', 'customerExternalId', 'customerId'] as const;

/** An amount in cents written as a whole number (the amountCents column): sign allowed. */
function parseCents(c: Cell | undefined): Parsed<number> {
  if (typeof c === 'string' && /^\s*[-−]/.test(c)) {
    const p = parseIntegerCell(c.replace(/^\s*[-−]/, ''));
    return p.ok && p.value !== null ? { ok: true, value: -p.value } : p;
  }
  if (typeof c === 'number' && Number.isSafeInteger(c)) return { ok: true, value: c };
  return parseIntegerCell(c);
}

type Stored = {
  externalId: string;
  customerId: number;
  kind: string;
  number: string | null;
  date: string;
  travelStart: string | null;
  travelEnd: string | null;
  destinationTypeId: number | null;
  destination: string | null;
  amountCents: number;
  dueDate: string | null;
  paidDate: string | null;
};
/** The values a re-import compares: those a document's input sets. */
const COMPARED = VALUE_FIELDS;

function copyParsed(v: ParsedSalesDocument): ParsedSalesDocument {
  return {
    externalId: v.externalId,
    kind: v.kind,
    number: v.number,
    date: v.date,
    travelStart: v.travelStart,
    travelEnd: v.travelEnd,
    destinationType: v.destinationType,
    destination: v.destination,
    amountCents: v.amountCents,
    dueDate: v.dueDate,
    paidDate: v.paidDate,
    customerId: v.customerId,
    customerNumber: v.customerNumber,
    customerExternalId: v.customerExternalId,
  };
}

export async function salesImporter(pass: Pass): Promise<Importer> {
  const db = pass.db;
  const seenExternal = new Map<string, number>();

  /** The row as the API's JSON body, and the problems of cells that could not be read. */
  function convert(row: SheetRow) {
    const body: Record<string, unknown> = {};
    const problems: FieldProblem[] = [];
    for (const f of TEXT_FIELDS) if (pass.has(f)) body[f] = cellText(pass.cell(row, f));
    if (pass.has('kind')) {
      const v = cellText(pass.cell(row, 'kind'));
      body.kind =
        v === null ? undefined : (KINDS[v.toLowerCase()] ?? KINDS[v.toLowerCase().replace(/\s+/g, '')] ?? v);
    }
    for (const f of DATE_FIELDS) {
      if (!pass.has(f)) continue;
      const d = parseDateCell(pass.cell(row, f));
      if (d.ok) body[f] = d.value;
      else problems.push({ field: f, reason: 'imports.error.date' });
    }
    for (const f of ['customerNumber', 'customerId'] as const) {
      if (!pass.has(f)) continue;
      const n = parseIntegerCell(pass.cell(row, f));
      if (n.ok) body[f] = n.value;
      else problems.push({ field: f, reason: 'imports.error.integer' });
    }
    if (pass.has('amount')) {
      const m = parseMoneyCell(pass.cell(row, 'amount'));
      if (m.ok) body.amountCents = m.value ?? undefined;
      else problems.push({ field: 'amount', reason: 'imports.error.money' });
    } else if (pass.has('amountCents')) {
      const m = parseCents(pass.cell(row, 'amountCents'));
      if (m.ok) body.amountCents = m.value ?? undefined;
      else problems.push({ field: 'amountCents', reason: 'imports.error.integer' });
    }
    return { body, problems };
  }

  /** The file's column for a problem the API schema reports under its own field name. */
  function fieldOf(apiField: string, row: SheetRow): string {
    if (apiField === 'amountCents') return pass.has('amount') ? 'amount' : 'amountCents';
    if (apiField === 'customer') {
      return (
        CUSTOMER_FIELDS.find((f) => pass.has(f) && cellText(pass.cell(row, f)) !== null) ??
        CUSTOMER_FIELDS.find((f) => pass.has(f)) ??
        'customerNumber'
      );
    }
    return apiField;
  }

  /** Dry run: which of these documents exist, and do their values differ? */
  async function classify(docs: SalesDocumentInput[]) {
    const stored = await db.execute<Stored>(sql`
      select external_id as "externalId", customer_id as "customerId", kind::text as kind, number,
        date::text as date, travel_start::text as "travelStart", travel_end::text as "travelEnd",
        destination_type_id as "destinationTypeId", destination, amount_cents::float8 as "amountCents",
        due_date::text as "dueDate", paid_date::text as "paidDate"
      from sales_documents
      where external_id in (select jsonb_array_elements_text(${JSON.stringify(docs.map((d) => d.externalId))}::jsonb))`);
    const byExternal = new Map(stored.map((s) => [s.externalId, s]));
    for (const d of docs) {
      const old = byExternal.get(d.externalId!);
      if (!old) pass.counts.created++;
      else if (COMPARED.some((f) => (old[f] ?? null) !== (d[f] ?? null))) pass.counts.updated++;
      else pass.counts.unchanged++;
    }
  }

  // The rows of the current chunk, kept compact: the parsed document or the problems.
  type Item = {
    rowNo: number;
    problems: FieldProblem[] | null;
    customerField: string;
    parsed: ParsedSalesDocument | null;
  };
  let items: Item[] = [];

  return {
    row(row) {
      const { body, problems } = convert(row);
      const item: Item = {
        rowNo: row.rowNo,
        problems: null,
        customerField: fieldOf('customer', row),
        parsed: null,
      };
      items.push(item);
      const checked = validateSalesDocument(body, { externalIdRequired: true });
      if (!checked.ok) {
        const done = new Set(problems.map((p) => p.field));
        for (const [apiField, reason] of Object.entries(checked.errors)) {
          const field = fieldOf(apiField, row);
          if (done.has(field)) continue;
          done.add(field);
          problems.push({ field, reason });
        }
        item.problems = problems;
        return;
      }
      const ext = checked.value.externalId!;
      const first = seenExternal.get(ext);
      if (first !== undefined) {
        problems.push({ field: 'externalId', reason: 'imports.error.twiceInFile', params: { row: first } });
      } else seenExternal.set(ext, row.rowNo);
      if (problems.length) item.problems = problems;
      // A copy made here: keeping the schema's own output objects until the chunk is written
      // makes V8 allocate all of the schema's objects in the old heap (pretenuring).
      else item.parsed = copyParsed(checked.value);
    },

    async flush() {
      const chunk = items;
      items = [];
      // Customers and destination types for the whole chunk at once.
      const valid = chunk.filter((i) => i.parsed);
      const { docs, problems } = await resolveSalesDocuments(
        db,
        valid.map((v) => v.parsed!),
      );
      const docOf = new Map<Item, SalesDocumentInput>();
      let next = 0;
      valid.forEach((item, i) => {
        const found = problems.get(i);
        if (!found) {
          docOf.set(item, docs[next++]!);
          return;
        }
        item.problems = Object.entries(found).map(([apiField, reason]) => ({
          field: apiField === 'customer' ? item.customerField : apiField,
          reason: reason as MessageKey,
        }));
      });
      const good: SalesDocumentInput[] = [];
      for (const item of chunk) {
        const doc = docOf.get(item);
        if (doc) good.push(doc);
        else pass.refuse(item.rowNo, item.problems ?? []);
      }
      if (good.length === 0) return;
      if (pass.phase === 'check') {
        await classify(good);
        return;
      }
      const result = await recordSalesDocuments(db, good, { userId: pass.userId, source: 'import' });
      pass.counts.created += result.created;
      pass.counts.updated += result.updated;
      pass.counts.unchanged += result.unchanged;
    },

    async finish() {},
  };
}
