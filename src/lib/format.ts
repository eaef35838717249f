import type { Language } from '../i18n/index.js';

const locales: Record<Language, string> = { fi: 'fi-FI', en: 'en-GB' };
export const TIME_ZONE = 'Europe/Helsinki';

/** A `date` column value (YYYY-MM-DD) or a Date, shown as 1.2.2026 (fi) or 01/02/2026 (en). */
export function formatDate(value: string | Date | null | undefined, language: Language = 'fi'): string {
  if (!value) return '';
  if (typeof value === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
    if (!m) return value;
    const [, y, mo, d] = m;
    return language === 'fi' ? `${Number(d)}.${Number(mo)}.${y}` : `${d}/${mo}/${y}`;
  }
  return new Intl.DateTimeFormat(locales[language], { timeZone: TIME_ZONE, dateStyle: 'short' }).format(
    value,
  );
}

export function formatDateTime(value: Date | string | null | undefined, language: Language = 'fi'): string {
  if (!value) return '';
  const d = typeof value === 'string' ? new Date(value) : value;
  return new Intl.DateTimeFormat(locales[language], {
    timeZone: TIME_ZONE,
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
}

/** Integer cents as 1 234,50 € (fi) or €1,234.50 (en). */
export function formatMoney(cents: number | bigint | null | undefined, language: Language = 'fi'): string {
  if (cents === null || cents === undefined) return '';
  return new Intl.NumberFormat(locales[language], { style: 'currency', currency: 'EUR' }).format(
    Number(cents) / 100,
  );
}

export function formatNumber(n: number | bigint, language: Language = 'fi'): string {
  return new Intl.NumberFormat(locales[language]).format(n);
}

/**
 * Parses a date typed by a person: 1.2.2026, 01.02.2026 or ISO 2026-02-01.
 * Returns ISO YYYY-MM-DD, or null when the date does not exist (31.2.).
 */
export function parseDate(input: string): string | null {
  const s = input.trim();
  let y: number;
  let m: number;
  let d: number;
  const fin = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (fin) [d, m, y] = [Number(fin[1]), Number(fin[2]), Number(fin[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
