import type { Recipient } from './recipients.js';
import type { LayoutGeometry } from './schemas.js';

/*
 * The printable HTML of a label run: one document, one absolutely positioned box per
 * label, in millimetres, with the page size from the layout (`@page`), for the shared
 * Chromium printer. Text that does not fit is clipped to its label.
 */

/** The office's own country: addresses elsewhere get a country line. */
export const HOME_COUNTRY = 'FI';

/** Country names as Finnish post wants them on the last line (upper case). */
const COUNTRY_NAMES: Record<string, string> = {
  SE: 'RUOTSI',
  NO: 'NORJA',
  DK: 'TANSKA',
  IS: 'ISLANTI',
  EE: 'VIRO',
  LV: 'LATVIA',
  LT: 'LIETTUA',
  RU: 'VENÄJÄ',
  DE: 'SAKSA',
  GB: 'ISO-BRITANNIA',
  IE: 'IRLANTI',
  FR: 'RANSKA',
  ES: 'ESPANJA',
  PT: 'PORTUGALI',
  IT: 'ITALIA',
  NL: 'ALANKOMAAT',
  BE: 'BELGIA',
  LU: 'LUXEMBURG',
  CH: 'SVEITSI',
  AT: 'ITÄVALTA',
  PL: 'PUOLA',
  CZ: 'TŠEKKI',
  HU: 'UNKARI',
  GR: 'KREIKKA',
  CY: 'KYPROS',
  TR: 'TURKKI',
  US: 'YHDYSVALLAT',
  CA: 'KANADA',
  AU: 'AUSTRALIA',
  JP: 'JAPANI',
  CN: 'KIINA',
  TH: 'THAIMAA',
};

let displayNames: Intl.DisplayNames | null | undefined;

/** The country line of an ISO 3166 alpha-2 code: a Finnish name in upper case, or the code itself. */
export function countryLine(code: string): string {
  const c = code.trim().toUpperCase();
  const known = COUNTRY_NAMES[c];
  if (known) return known;
  if (displayNames === undefined) {
    try {
      displayNames = new Intl.DisplayNames(['fi'], { type: 'region', fallback: 'none' });
    } catch {
      displayNames = null;
    }
  }
  try {
    // ZZ is CLDR's "unknown region": the code says more than "TUNTEMATON ALUE".
    const name = /^[A-Z]{2}$/.test(c) && c !== 'ZZ' ? displayNames?.of(c) : undefined;
    if (name && name.toUpperCase() !== c) return name.toLocaleUpperCase('fi');
  } catch {
    // not a region code Intl knows
  }
  return c;
}

const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/**
 * The lines of one label. Person: first and last name; organisation: name and an optional
 * attention line; contact person: name and organisation. Then street (one line per line
 * of the stored address), postal code and city, and the country when it is not Finland.
 */
export function labelLines(r: Recipient, attention: string | null): string[] {
  const lines: string[] = [];
  const personName = clean(`${r.firstName ?? ''} ${r.lastName ?? ''}`) || clean(r.name);
  if (r.kind === 'organisation') {
    lines.push(clean(r.name));
    if (attention) lines.push(clean(attention));
  } else if (r.kind === 'contact_person') {
    lines.push(personName, clean(r.organisation));
  } else {
    lines.push(personName);
  }
  for (const part of (r.street ?? '').split(/\r?\n/)) if (clean(part)) lines.push(clean(part));
  lines.push(clean(`${clean(r.postalCode)} ${clean(r.city)}`));
  const country = clean(r.country).toUpperCase() || HOME_COUNTRY;
  if (country !== HOME_COUNTRY) lines.push(countryLine(country));
  return lines.filter((l) => l !== '');
}

/** Lines a label is sized for (name, attention or organisation, street, postal code and city, country). */
const MAX_LINES = 5;
const LINE_HEIGHT = 1.2;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Millimetres for CSS, without float noise (0.1 + 0.2). */
const mm = (n: number) => `${Math.round(n * 1000) / 1000}mm`;

/**
 * The whole document. `cells` lists the labels in sheet order, `null` for a label left
 * blank (skipped on the first sheet). Each sheet is one page of the layout's size.
 *
 * Built for Chromium's printer at 10 000 labels: one element per label (lines split by
 * <br>, no element per line), and CSS containment on sheets and labels, so each page's
 * paint only visits its own sheet. Without it printing grows with pages × labels.
 */
export function labelDocument(
  layout: LayoutGeometry,
  cells: (string[] | null)[],
  title = 'Osoitetarrat',
): string {
  const perSheet = layout.columns * layout.rows;
  // Five lines must fit a label: the font follows the label height, 2.2 … 3.5 mm (≈ 6–10 pt).
  const padY = Math.min(2.5, layout.labelHeightMm * 0.08);
  const padX = Math.min(5, layout.labelWidthMm * 0.07);
  const fontMm = Math.max(2.2, Math.min(3.5, (layout.labelHeightMm - 2 * padY) / (MAX_LINES * LINE_HEIGHT)));
  const lineMm = fontMm * LINE_HEIGHT;
  const css = [
    `@page{size:${mm(layout.pageWidthMm)} ${mm(layout.pageHeightMm)};margin:0}`,
    'html,body{margin:0;padding:0}',
    `body{font-family:"DejaVu Sans","Liberation Sans",Arial,Helvetica,sans-serif;font-size:${mm(fontMm)};line-height:${LINE_HEIGHT};color:#000}`,
    `.s{position:relative;width:${mm(layout.pageWidthMm)};height:${mm(layout.pageHeightMm)};contain:strict;break-after:page}`,
    '.s:last-child{break-after:auto}',
    `.l{position:absolute;box-sizing:border-box;width:${mm(layout.labelWidthMm)};height:${mm(layout.labelHeightMm)};` +
      `padding:0 ${mm(padX)};white-space:nowrap;overflow:clip;overflow-clip-margin:content-box;contain:strict}`,
  ];
  // Cell positions, and the top padding that centres n lines in a label.
  for (let i = 0; i < perSheet; i++) {
    const col = i % layout.columns;
    const row = Math.floor(i / layout.columns);
    const left = layout.marginLeftMm + col * layout.pitchXMm;
    const top = layout.marginTopMm + row * layout.pitchYMm;
    css.push(`.p${i}{left:${mm(left)};top:${mm(top)}}`);
  }
  for (let n = 1; n <= MAX_LINES + 2; n++)
    css.push(`.n${n}{padding-top:${mm(Math.max(padY, (layout.labelHeightMm - n * lineMm) / 2))}}`);

  const out: string[] = [
    `<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${css.join('\n')}</style></head><body>`,
  ];
  for (let start = 0; start < cells.length; start += perSheet) {
    out.push('<div class="s">');
    const end = Math.min(cells.length, start + perSheet);
    for (let i = start; i < end; i++) {
      const lines = cells[i];
      if (!lines) continue;
      const n = Math.min(lines.length, MAX_LINES + 2);
      out.push(`<div class="l p${i - start} n${n}">${lines.map(escapeHtml).join('<br>')}</div>`);
    }
    out.push('</div>');
  }
  out.push('</body></html>');
  return out.join('');
}
