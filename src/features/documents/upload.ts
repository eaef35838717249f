import type { MultipartFile, MultipartValue } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../lib/errors.js';

export type Upload = {
  /** Text fields of the form, last value wins. */
  fields: Record<string, string>;
  /** The file of `fileField` as the browser named it, and its bytes; null when none was chosen. */
  file: { name: string; bytes: Buffer } | null;
  /** The file went over the limit: its bytes were read and thrown away. */
  tooLarge: boolean;
};

/** The request body ended before the multipart form did (connection lost, upload cancelled). */
export class UploadInterrupted extends DomainError {
  constructor() {
    super('documents.upload.interrupted', 400);
  }
}

const LIMIT_CODES = new Set(['FST_PARTS_LIMIT', 'FST_FILES_LIMIT', 'FST_FIELDS_LIMIT']);

function boundaryOf(contentType: string | undefined): string | null {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  return m ? (m[1] ?? m[2] ?? null) : null;
}

/**
 * Watches the raw body for the multipart close delimiter (`\r\n--boundary--`). A body that
 * never reaches it was cut short, whatever the parser made of the part it did get. Belt and
 * braces: @fastify/multipart deliberately ends the parts quietly on "Unexpected end of
 * multipart data"; today a cut part still errors its stream, but this check does not rely on it.
 */
function watchForEnd(request: FastifyRequest, boundary: string) {
  const delimiter = Buffer.from(`\r\n--${boundary}--`, 'latin1');
  const state = { seen: false };
  // A form with no parts starts with the close delimiter itself: pretend a CRLF came first.
  let tail = Buffer.from('\r\n');
  const onData = (chunk: Buffer) => {
    if (state.seen) return;
    const hay = Buffer.concat([tail, chunk]);
    if (hay.indexOf(delimiter) >= 0) state.seen = true;
    else tail = Buffer.from(hay.subarray(Math.max(0, hay.length - delimiter.length + 1)));
  };
  request.raw.on('data', onData);
  return {
    get seen() {
      return state.seen;
    },
    stop: () => request.raw.off('data', onData),
  };
}

async function drain(stream: NodeJS.ReadableStream) {
  for await (const _ of stream) {
    // thrown away
  }
}

/**
 * Reads a multipart form into memory: the one file of `fileField` up to `maxBytes`, and the
 * text fields. Nothing is kept from a file over the limit (`tooLarge`), and a body that ends
 * early throws UploadInterrupted, so a caller stores either a whole upload or nothing.
 */
export async function readUpload(
  request: FastifyRequest,
  maxBytes: number,
  fileField = 'file',
): Promise<Upload> {
  const boundary = boundaryOf(request.headers['content-type']);
  if (!request.isMultipart() || !boundary) throw new DomainError('documents.upload.notMultipart', 415);

  const fields: Record<string, string> = {};
  let file: Upload['file'] = null;
  let tooLarge = false;

  const iterator = request
    .parts({ limits: { fileSize: maxBytes, files: 1, fields: 20, fieldSize: 10_000, parts: 25 } })
    [Symbol.asyncIterator]();
  // The generator pipes the request into the parser when first asked for a part; the
  // watcher is attached in the same tick, before any data flows.
  let next = iterator.next();
  const end = watchForEnd(request, boundary);
  try {
    for (let r = await next; !r.done; r = await next) {
      const part = r.value as MultipartFile | MultipartValue;
      if (part.type === 'file') {
        if (part.fieldname !== fileField || file !== null || tooLarge) {
          await drain(part.file);
        } else {
          const chunks: Buffer[] = [];
          for await (const chunk of part.file) if (!part.file.truncated) chunks.push(chunk as Buffer);
          if (part.file.truncated) tooLarge = true;
          else file = { name: part.filename ?? '', bytes: Buffer.concat(chunks) };
        }
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
      next = iterator.next();
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') tooLarge = true;
    else if (code && LIMIT_CODES.has(code)) throw new DomainError('error.tooLarge', 413);
    else throw new UploadInterrupted();
  } finally {
    end.stop();
  }
  if (tooLarge) return { fields, file: null, tooLarge };
  if (!end.seen || request.raw.aborted) throw new UploadInterrupted();
  // A file input left empty still sends a part: no name and no bytes.
  if (file && file.name === '' && file.bytes.length === 0) file = null;
  return { fields, file, tooLarge };
}
