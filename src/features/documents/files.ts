import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';

/** Content types of what templates make. */
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const PDF_TYPE = 'application/pdf';
export const TEXT_TYPE = 'text/plain';
export const BINARY_TYPE = 'application/octet-stream';

/** Longest stored file name, in characters (the extension is kept when cutting). */
export const MAX_NAME_LENGTH = 150;

// Characters Windows or a shell would choke on, and every control or format character
// (C0/C1 controls, bidi overrides such as U+202E that can disguise "exe.pdf").
const UNSAFE_CHARS = /[<>:"/\\|?*\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;

/**
 * A file name safe to store and to offer back: no folders, no control characters, no
 * characters that file systems refuse, at most MAX_NAME_LENGTH characters. Finnish and
 * other letters stay as they are (NFC). Never empty.
 */
export function safeFileName(input: string, fallback = 'tiedosto'): string {
  let name = input.normalize('NFC');
  name = name.split(/[/\\]/).pop() ?? '';
  name = name.replace(UNSAFE_CHARS, '_').replace(/\s+/g, ' ').trim();
  name = name.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  if (name === '' || /^_+$/.test(name)) name = fallback;
  const chars = [...name];
  if (chars.length > MAX_NAME_LENGTH) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 ? [...name.slice(dot)] : [];
    const keepExt = ext.length > 0 && ext.length <= 16 ? ext : [];
    name = chars
      .slice(0, MAX_NAME_LENGTH - keepExt.length)
      .join('')
      .trimEnd()
      .concat(keepExt.join(''));
  }
  return name;
}

/** The name without Finnish letters for old clients: Ä → A, anything else outside ASCII → _. */
export function asciiFileName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\%;]/g, '_');
}

/** RFC 5987 value-chars: percent-encode everything but attr-chars. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** `attachment; filename="Tarjous_Aanekoski.pdf"; filename*=UTF-8''Tarjous_%C3%84%C3%A4nekoski.pdf` */
export function contentDisposition(name: string): string {
  return `attachment; filename="${asciiFileName(name)}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

/** C0 controls that text files do contain: tab, LF, FF, CR and ESC (ANSI colours in logs). */
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1b]);

function isUtf8Text(bytes: Buffer): boolean {
  // Text has no NULs and hardly any other C0 controls.
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x20 && !TEXT_CONTROLS.has(b)) return false;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The content type read from the bytes themselves; the browser's claim and the name are ignored. */
export async function sniffContentType(bytes: Buffer): Promise<string> {
  const found = await fileTypeFromBuffer(bytes);
  if (found) return found.mime;
  return isUtf8Text(bytes) ? TEXT_TYPE : BINARY_TYPE;
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** 812 t, 12,3 kt, 4,5 Mt (fi) or 812 B, 12.3 kB, 4.5 MB (en). */
export function formatSize(bytes: number, language: 'fi' | 'en'): string {
  const units = language === 'fi' ? ['t', 'kt', 'Mt', 'Gt'] : ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const n = new Intl.NumberFormat(language === 'fi' ? 'fi-FI' : 'en-GB', {
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
  return `${n} ${units[unit]}`;
}
