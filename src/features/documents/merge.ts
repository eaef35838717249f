import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import type { MessageKey } from '../../i18n/fi.js';
import { DomainError } from '../../lib/errors.js';
import { formatDate } from '../../lib/format.js';

/**
 * The merge fields (yhdistelykentät) templates may use, written {nimi} in both Word and
 * HTML templates. The set is fixed: a template using anything else is refused when saved.
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

const KNOWN = new Set<string>(MERGE_FIELDS);

/** The description key of each field, for the admin screen's list. */
export const mergeFieldHelp = (field: MergeField) => `documents.field.${field}` as MessageKey;

/** What the values are made of: the customer, the staff member, and the optional entry / person. */
export type MergeSource = {
  customer: {
    type: 'person' | 'organisation';
    name: string;
    firstName: string | null;
    lastName: string | null;
    businessId: string | null;
    streetAddress: string | null;
    postalCode: string | null;
    city: string | null;
    country: string;
    number: number;
    email: string | null;
    phone: string | null;
    mobile: string | null;
  };
  companyName: string | null;
  staffName: string;
  contactPerson: { firstName: string; lastName: string } | null;
  entryText: string | null;
  /** Today as YYYY-MM-DD (Helsinki). */
  today: string;
};

function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(['fi'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Every merge field's value for one customer. Empty strings for what the customer lacks. */
export function mergeValues(src: MergeSource): MergeValues {
  const c = src.customer;
  const person = c.type === 'person';
  const fullName = person ? [c.firstName, c.lastName].filter(Boolean).join(' ') || c.name : c.name;
  const postLine = [c.postalCode, c.city].filter(Boolean).join(' ');
  const address = [c.streetAddress ?? '', postLine, c.country !== 'FI' ? countryName(c.country) : '']
    .filter((l) => l !== '')
    .join('\n');
  return {
    nimi: fullName,
    etunimi: person ? (c.firstName ?? '') : '',
    sukunimi: person ? (c.lastName ?? '') : '',
    yritys: person ? (src.companyName ?? '') : c.name,
    ytunnus: c.businessId ?? '',
    katuosoite: c.streetAddress ?? '',
    postinumero: c.postalCode ?? '',
    postitoimipaikka: c.city ?? '',
    maa: countryName(c.country),
    osoite: address,
    asiakasnumero: String(c.number),
    sahkoposti: c.email ?? '',
    puhelin: c.mobile ?? c.phone ?? '',
    yhteyshenkilo: src.contactPerson ? `${src.contactPerson.firstName} ${src.contactPerson.lastName}` : '',
    kontakti: src.entryText ?? '',
    pvm: formatDate(src.today, 'fi'),
    kasittelija: src.staffName,
  };
}

/** Example values for previews and the admin screen. */
export const EXAMPLE_VALUES: MergeValues = mergeValues({
  customer: {
    type: 'person',
    name: 'Meikäläinen Matti',
    firstName: 'Matti',
    lastName: 'Meikäläinen',
    businessId: null,
    streetAddress: 'Hämeenkatu 1 A 2',
    postalCode: '33100',
    city: 'TAMPERE',
    country: 'FI',
    number: 100123,
    email: 'matti.meikalainen@example.fi',
    phone: null,
    mobile: '+358 40 123 4567',
  },
  companyName: 'Esimerkki Oy',
  staffName: 'Kaisa Käsittelijä',
  contactPerson: { firstName: 'Pirjo', lastName: 'Pääkkönen' },
  entryText: 'Soitettu, lähetetään tarjous.',
  today: '2026-02-01',
});

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
