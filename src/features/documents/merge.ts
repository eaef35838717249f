import Docxtemplater from 'docxtemplater';
import { sql } from 'drizzle-orm';
import PizZip from 'pizzip';
import type { Db } from '../../db/client.js';
import type { MessageKey } from '../../i18n/fi.js';
import { DomainError } from '../../lib/errors.js';
import { formatDate } from '../../lib/format.js';
import { type Field, fieldRows, STATIC_CATALOGUE } from '../customers/fields.js';

/**
 * The merge fields (yhdistelykentät) templates may use, written {nimi} in both Word and
 * HTML templates. The set is fixed: a template using anything else is refused when saved.
 * The customer's fields are the field catalogue's (customers/fields.ts, by merge name);
 * the last four come from the document being made.
 */
export const MERGE_FIELDS = [
  'nimi',
  'etunimi',
  'sukunimi',
  'yritys',
  'ytunnus',
  'katuosoite',
  'postinumero',
  'postitoimipaikka',
  'maa',
  'osoite',
  'asiakasnumero',
  'sahkoposti',
  'puhelin',
  'yhteyshenkilo',
  'kontakti',
  'pvm',
  'kasittelija',
] as const;

export type MergeField = (typeof MERGE_FIELDS)[number];
export type MergeValues = Record<MergeField, string>;

/** The fields of the document rather than of the customer. */
const DOCUMENT_FIELDS = ['yhteyshenkilo', 'kontakti', 'pvm', 'kasittelija'] as const;
type DocumentField = (typeof DOCUMENT_FIELDS)[number];

/** The catalogue fields behind the customer's merge fields. */
const CUSTOMER_MERGE_FIELDS: Field[] = MERGE_FIELDS.filter(
  (name): name is Exclude<MergeField, DocumentField> =>
    !(DOCUMENT_FIELDS as readonly string[]).includes(name),
).map((name) => {
  const field = STATIC_CATALOGUE.byMergeName(name);
  if (!field) throw new Error(`merge field {${name}} is not in the field catalogue`);
  return field;
});

const KNOWN = new Set<string>(MERGE_FIELDS);

/** The description key of each field, for the admin screen's list. */
export const mergeFieldHelp = (field: MergeField) => `documents.field.${field}` as MessageKey;

/** What the values are made of: the customer, the staff member, and the optional entry / person. */
export type MergeSource = {
  customer: { id: number; type: 'person' | 'organisation' };
  staffName: string;
  contactPerson: { firstName: string; lastName: string } | null;
  entryText: string | null;
  /** Today as YYYY-MM-DD (Helsinki). */
  today: string;
};

/**
 * Every merge field's value for one customer: the catalogue's fields read in one query
 * and formatted in Finnish, and the document's own. Empty strings for what the customer lacks.
 */
export async function mergeValues(db: Db, src: MergeSource): Promise<MergeValues> {
  const [row] = await fieldRows(db, {
    targetType: src.customer.type,
    fields: CUSTOMER_MERGE_FIELDS,
    targets: sql`select ${src.customer.id}::int as target_id`,
    today: src.today,
  });
  const values = Object.fromEntries(
    CUSTOMER_MERGE_FIELDS.map((f) => [f.mergeName, row ? f.format(row[f.code], 'fi') : '']),
  );
  return {
    ...(values as Omit<MergeValues, DocumentField>),
    yhteyshenkilo: src.contactPerson ? `${src.contactPerson.firstName} ${src.contactPerson.lastName}` : '',
    kontakti: src.entryText ?? '',
    pvm: formatDate(src.today, 'fi'),
    kasittelija: src.staffName,
  };
}

/** Example values for previews and the admin screen. */
export const EXAMPLE_VALUES: MergeValues = {
  nimi: 'Matti Meikäläinen',
  etunimi: 'Matti',
  sukunimi: 'Meikäläinen',
  yritys: 'Esimerkki Oy',
  ytunnus: '',
  katuosoite: 'Hämeenkatu 1 A 2',
  postinumero: '33100',
  postitoimipaikka: 'TAMPERE',
  maa: 'Suomi',
  osoite: 'Hämeenkatu 1 A 2\n33100 TAMPERE',
  asiakasnumero: '100123',
  sahkoposti: 'matti.meikalainen@example.fi',
  puhelin: '+358 40 123 4567',
  yhteyshenkilo: 'Pirjo Pääkkönen',
  kontakti: 'Soitettu, lähetetään tarjous.',
  pvm: formatDate('2026-02-01', 'fi'),
  kasittelija: 'Kaisa Käsittelijä',
};

function refuseUnknown(tags: Iterable<string>): string[] {
  const used = new Set<string>();
  for (const tag of tags) {
    if (!KNOWN.has(tag)) {
      throw new DomainError('documents.templates.unknownField', 422, { field: `{${tag}}` });
    }
    used.add(tag);
  }
  return MERGE_FIELDS.filter((f) => used.has(f));
}

// ------------------------------------------------------------------ HTML templates

/** A merge tag in HTML: {word}. CSS blocks such as `p { margin: 0 }` never match. */
const HTML_TAG = /\{\s*([\p{L}\p{N}_-]+)\s*\}/gu;

/** Checks an HTML template; returns the merge fields it uses or refuses the first unknown one. */
export function checkHtmlTemplate(html: string): string[] {
  return refuseUnknown([...html.matchAll(HTML_TAG)].map((m) => m[1]!));
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The template with every field replaced by its HTML-escaped value (line breaks become
 * <br>), wrapped in a whole A4 document. The document may load nothing from outside.
 */
export function renderHtmlTemplate(html: string, values: MergeValues): string {
  const body = html.replace(HTML_TAG, (_m, tag: string) =>
    KNOWN.has(tag) ? escapeHtml(values[tag as MergeField]).replace(/\n/g, '<br>') : '',
  );
  return `<!doctype html>
<html lang="fi">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:">
<style>@page { size: A4; margin: 20mm; } body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 11pt; line-height: 1.4; }</style>
</head>
<body>
${body}
</body>
</html>`;
}

// ------------------------------------------------------------------ Word templates

function openDocx(bytes: Buffer): PizZip {
  let zip: PizZip;
  try {
    zip = new PizZip(bytes);
  } catch {
    throw new DomainError('documents.templates.notDocx', 422);
  }
  if (!zip.file('word/document.xml') || !zip.file('[Content_Types].xml')) {
    throw new DomainError('documents.templates.notDocx', 422);
  }
  return zip;
}

type TemplateErrorDetail = { properties?: { explanation?: string; xtag?: string; id?: string } };

function compileDocx(bytes: Buffer, get: (tag: string) => string): Docxtemplater {
  try {
    return new Docxtemplater(openDocx(bytes), {
      paragraphLoop: true,
      linebreaks: true,
      errorLogging: false,
      parser: (tag: string) => ({ get: () => get(tag.trim()) }),
    });
  } catch (e) {
    if (e instanceof DomainError) throw e;
    const errors = (e as { properties?: { errors?: TemplateErrorDetail[] } }).properties?.errors ?? [];
    const first = errors[0]?.properties;
    const detail = first?.xtag ? `{${first.xtag}` : (first?.explanation ?? '');
    throw new DomainError('documents.templates.syntax', 422, { detail });
  }
}

/** Checks an uploaded .docx template; returns the merge fields it uses or refuses the first unknown one. */
export function checkDocxTemplate(bytes: Buffer): string[] {
  const seen: string[] = [];
  const doc = compileDocx(bytes, (tag) => {
    seen.push(tag);
    return '';
  });
  try {
    doc.render({});
  } catch {
    throw new DomainError('documents.templates.syntax', 422, { detail: '' });
  }
  return refuseUnknown(seen);
}

/** The .docx template filled in with `values`. */
export function renderDocxTemplate(bytes: Buffer, values: MergeValues): Buffer {
  const doc = compileDocx(bytes, (tag) => (KNOWN.has(tag) ? values[tag as MergeField] : ''));
  doc.render({});
  return doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}
