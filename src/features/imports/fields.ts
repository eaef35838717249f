import type { MessageKey } from '../../i18n/fi.js';
import { STATIC_FIELDS } from '../customers/fields.js';
import { normalizeHeader } from './parse.js';

/*
 * The Kanta fields a file's columns can be mapped to, per import target, with the header
 * names (Finnish and English) that pre-select them when no mapping is remembered. Customer
 * fields come from the field catalogue (customers/fields.ts); sales-document fields are
 * the sales ingest's own.
 */

export type ImportTarget = 'customers' | 'sales_documents';
export const IMPORT_TARGETS: ImportTarget[] = ['customers', 'sales_documents'];

export type FieldDef = { key: string; label: MessageKey; names: string[] };

/** Column index (as text) → field key, plus `_defaultKind` (a kind code) for customers. */
export type Mapping = Record<string, string>;
export const DEFAULT_KIND = '_defaultKind';

/**
 * Customer columns: the field catalogue's importable fields (those with import aliases),
 * keyed by their catalogue code, in catalogue order.
 */
export const CUSTOMER_FIELDS: FieldDef[] = STATIC_FIELDS.filter((f) => f.importAliases.length > 0).map(
  (f) => ({
    key: f.code,
    label: f.importLabel ?? f.labelKey!,
    names: [...f.importAliases],
  }),
);

export const SALES_FIELDS: FieldDef[] = [
  {
    key: 'externalId',
    label: 'imports.sales.externalId',
    names: [
      'externalid',
      'external id',
      'ulkoinen tunnus',
      'ulkoinen tunniste',
      'ulkoinen id',
      'tunniste',
      'id',
    ],
  },
  {
    key: 'kind',
    label: 'imports.sales.kind',
    names: ['kind', 'document kind', 'type', 'laji', 'tyyppi', 'asiakirjalaji'],
  },
  {
    key: 'number',
    label: 'imports.sales.number',
    names: [
      'number',
      'document number',
      'numero',
      'asiakirjanumero',
      'laskunumero',
      'varausnumero',
      'tilausnumero',
    ],
  },
  {
    key: 'date',
    label: 'imports.sales.date',
    names: ['date', 'päivämäärä', 'pvm', 'päiväys', 'varauspäivä', 'laskupäivä', 'tilauspäivä'],
  },
  {
    key: 'travelStart',
    label: 'imports.sales.travelStart',
    names: ['travel start', 'travelstart', 'departure', 'matka alkaa', 'lähtöpäivä', 'lähtö', 'matkan alku'],
  },
  {
    key: 'travelEnd',
    label: 'imports.sales.travelEnd',
    names: ['travel end', 'travelend', 'return', 'matka päättyy', 'paluupäivä', 'paluu', 'matkan loppu'],
  },
  {
    key: 'destinationType',
    label: 'imports.sales.destinationType',
    names: ['destination type', 'destinationtype', 'kohdetyyppi'],
  },
  { key: 'destination', label: 'imports.sales.destination', names: ['destination', 'kohde', 'matkakohde'] },
  {
    key: 'amount',
    label: 'imports.sales.amount',
    names: ['amount', 'sum', 'total', 'summa', 'määrä', 'hinta', 'yhteensä'],
  },
  {
    key: 'amountCents',
    label: 'imports.sales.amountCents',
    names: ['amountcents', 'amount cents', 'senttiä', 'summa sentteinä'],
  },
  { key: 'dueDate', label: 'imports.sales.dueDate', names: ['due date', 'duedate', 'eräpäivä'] },
  {
    key: 'paidDate',
    label: 'imports.sales.paidDate',
    names: ['paid date', 'paiddate', 'paid', 'maksupäivä', 'maksettu'],
  },
  {
    key: 'customerId',
    label: 'imports.sales.customerId',
    names: ['customerid', 'customer id', 'asiakas id', 'asiakkaan id'],
  },
  {
    key: 'customerNumber',
    label: 'imports.sales.customerNumber',
    names: ['customer number', 'customernumber', 'customer', 'asiakasnumero', 'asiakasnro', 'asiakas'],
  },
  {
    key: 'customerExternalId',
    label: 'imports.sales.customerExternalId',
    names: [
      'customer external id',
      'customerexternalid',
      'asiakkaan ulkoinen tunnus',
      'asiakkaan ulkoinen tunniste',
    ],
  },
];

export function fieldsOf(target: ImportTarget): FieldDef[] {
  return target === 'customers' ? CUSTOMER_FIELDS : SALES_FIELDS;
}

export function fieldDef(target: ImportTarget, key: string): FieldDef | undefined {
  return fieldsOf(target).find((f) => f.key === key);
}

/** Columns → fields by header name; each field taken once, by the first column that names it. */
export function guessMapping(target: ImportTarget, header: string[]): Mapping {
  const byName = new Map<string, string>();
  for (const f of fieldsOf(target)) {
    for (const n of [f.key, ...f.names]) {
      const k = normalizeHeader(n);
      if (!byName.has(k)) byName.set(k, f.key);
    }
  }
  const taken = new Set<string>();
  const mapping: Mapping = {};
  header.forEach((h, i) => {
    const key = byName.get(normalizeHeader(h));
    if (key && !taken.has(key)) {
      mapping[String(i)] = key;
      taken.add(key);
    }
  });
  return mapping;
}

/** A remembered mapping fitted to this header: only columns that exist and fields that exist. */
export function fitMapping(target: ImportTarget, header: string[], saved: Mapping): Mapping {
  const keys = new Set(fieldsOf(target).map((f) => f.key));
  const out: Mapping = {};
  for (const [col, key] of Object.entries(saved)) {
    if (col === DEFAULT_KIND) out[col] = key;
    else if (/^\d+$/.test(col) && Number(col) < header.length && keys.has(key)) out[col] = key;
  }
  return out;
}

/**
 * Problems of a mapping the user chose: a field chosen for two columns (reported at the
 * later column, `col:<i>`) and fields every row needs but no column gives (`_`).
 */
export function mappingProblems(target: ImportTarget, mapping: Mapping): Record<string, MessageKey> {
  const problems: Record<string, MessageKey> = {};
  const seen = new Set<string>();
  const cols = Object.keys(mapping)
    .filter((c) => /^\d+$/.test(c))
    .sort((a, b) => Number(a) - Number(b));
  for (const c of cols) {
    const key = mapping[c]!;
    if (seen.has(key)) problems[`col:${c}`] = 'imports.mapping.twice';
    seen.add(key);
  }
  if (target === 'sales_documents') {
    const missing =
      !seen.has('externalId') ||
      !seen.has('kind') ||
      !seen.has('date') ||
      !(seen.has('amount') || seen.has('amountCents')) ||
      !(seen.has('customerId') || seen.has('customerNumber') || seen.has('customerExternalId'));
    if (missing) problems._ = 'imports.mapping.salesRequired';
    else if (seen.has('amount') && seen.has('amountCents')) problems._ = 'imports.mapping.oneAmount';
  } else if (!['externalId', 'number', 'name', 'firstName', 'lastName'].some((k) => seen.has(k))) {
    problems._ = 'imports.mapping.customersRequired';
  }
  return problems;
}
