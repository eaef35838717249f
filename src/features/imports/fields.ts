import type { MessageKey } from '../../i18n/fi.js';
import { normalizeHeader } from './parse.js';

/*
 * The Kanta fields a file's columns can be mapped to, per import target, with the header
 * names (Finnish and English) that pre-select them when no mapping is remembered.
 */

export type ImportTarget = 'customers' | 'sales_documents';
export const IMPORT_TARGETS: ImportTarget[] = ['customers', 'sales_documents'];

export type FieldDef = { key: string; label: MessageKey; names: string[] };

/** Column index (as text) → field key, plus `_defaultKind` (a kind code) for customers. */
export type Mapping = Record<string, string>;
export const DEFAULT_KIND = '_defaultKind';

export const CUSTOMER_FIELDS: FieldDef[] = [
  {
    key: 'externalId',
    label: 'imports.customers.externalId',
    names: ['externalid', 'external id', 'ulkoinen tunnus', 'ulkoinen tunniste', 'ulkoinen id', 'ext id'],
  },
  {
    key: 'number',
    label: 'imports.customers.number',
    names: [
      'number',
      'customer number',
      'customerno',
      'asiakasnumero',
      'asiakasnro',
      'asiakas nro',
      'numero',
      'nro',
    ],
  },
  { key: 'kind', label: 'imports.customers.kind', names: ['kind', 'customer kind', 'asiakaslaji', 'laji'] },
  {
    key: 'type',
    label: 'imports.customers.type',
    names: ['type', 'customer type', 'tyyppi', 'asiakastyyppi'],
  },
  {
    key: 'name',
    label: 'imports.customers.name',
    names: [
      'name',
      'organisation',
      'organization',
      'company',
      'company name',
      'nimi',
      'yritys',
      'organisaatio',
      'yrityksen nimi',
    ],
  },
  {
    key: 'firstName',
    label: 'imports.customers.firstName',
    names: ['first name', 'firstname', 'given name', 'etunimi', 'etunimet'],
  },
  {
    key: 'lastName',
    label: 'imports.customers.lastName',
    names: ['last name', 'lastname', 'surname', 'family name', 'sukunimi'],
  },
  {
    key: 'businessId',
    label: 'imports.customers.businessId',
    names: ['business id', 'businessid', 'y-tunnus', 'ytunnus', 'y tunnus'],
  },
  {
    key: 'streetAddress',
    label: 'imports.customers.streetAddress',
    names: ['street address', 'streetaddress', 'address', 'street', 'katuosoite', 'lähiosoite', 'osoite'],
  },
  {
    key: 'postalCode',
    label: 'imports.customers.postalCode',
    names: ['postal code', 'postalcode', 'postcode', 'zip', 'zip code', 'postinumero', 'postinro'],
  },
  {
    key: 'city',
    label: 'imports.customers.city',
    names: ['city', 'town', 'postitoimipaikka', 'toimipaikka', 'kaupunki', 'paikkakunta', 'postitoimipaikka'],
  },
  {
    key: 'country',
    label: 'imports.customers.country',
    names: ['country', 'country code', 'maa', 'maakoodi'],
  },
  {
    key: 'phone',
    label: 'imports.customers.phone',
    names: ['phone', 'telephone', 'tel', 'puhelin', 'puhelinnumero'],
  },
  {
    key: 'mobile',
    label: 'imports.customers.mobile',
    names: ['mobile', 'mobile phone', 'cell', 'matkapuhelin', 'gsm', 'kännykkä', 'mobiili'],
  },
  {
    key: 'email',
    label: 'imports.customers.email',
    names: ['email', 'e-mail', 'email address', 'sähköposti', 'sposti'],
  },
  { key: 'language', label: 'imports.customers.language', names: ['language', 'kieli', 'asiointikieli'] },
  {
    key: 'relationshipStart',
    label: 'imports.customers.relationshipStart',
    names: [
      'relationship start',
      'customer since',
      'asiakkuuden alku',
      'asiakkuus alkanut',
      'asiakkuuden alkupäivä',
      'asiakas alkaen',
    ],
  },
  {
    key: 'notes',
    label: 'imports.customers.notes',
    names: ['notes', 'note', 'muistiinpanot', 'lisätiedot', 'huomautukset'],
  },
  {
    key: 'group',
    label: 'imports.customers.group',
    names: ['group', 'customer group', 'asiakasryhmä', 'ryhmä'],
  },
  {
    key: 'accountManager',
    label: 'imports.customers.accountManager',
    names: ['account manager', 'vastuuvirkailija', 'vastuumyyjä', 'asiakasvastaava', 'myyjä'],
  },
];

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
