import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import PizZip from 'pizzip';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/client.js';
import { contactTypes, customerKinds, interactions } from '../../src/db/schema/index.js';
import { createCustomer } from '../../src/features/customers/queries.js';
import { customerSchema } from '../../src/features/customers/schemas.js';
import type { Agent, TestApp } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/db.js';

/**
 * The test app, plus a signal for "the server has sent (or tried to send) its answer to
 * this URL": an upload whose client went away has no response to wait for.
 */
export async function createDocumentsApp(): Promise<
  TestApp & { answered: (url: string) => Promise<number> }
> {
  const database = await createTestDatabase();
  const config = loadConfig({ LOG_LEVEL: 'silent', SESSION_SECRET: 'x'.repeat(40) } as NodeJS.ProcessEnv, {
    databaseUrl: database.url,
  });
  const app = await buildApp(config, { database });
  const waiting = new Map<string, (status: number) => void>();
  app.addHook('onSend', async (request, reply) => {
    const resolve = waiting.get(request.url);
    if (resolve) {
      waiting.delete(request.url);
      resolve(reply.statusCode);
    }
  });
  await app.ready();
  return {
    app,
    database,
    answered: (url) => new Promise((resolve) => waiting.set(url, resolve)),
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export async function person(
  db: Db,
  firstName: string,
  lastName: string,
  extra: Record<string, string> = {},
) {
  const [kind] = await db
    .select({ id: customerKinds.id })
    .from(customerKinds)
    .where(eq(customerKinds.code, 'ASIAKAS'));
  const input = customerSchema.parse({
    type: 'person',
    firstName,
    lastName,
    kindId: String(kind!.id),
    ...extra,
  });
  return createCustomer(db, input, null);
}

/** A contact entry of the customer (the contact log belongs to another feature; written directly). */
export async function entry(db: Db, customerId: number, text: string): Promise<number> {
  await db.insert(contactTypes).values({ code: 'PU', name: 'Puhelu' }).onConflictDoNothing();
  const [type] = await db
    .select({ id: contactTypes.id })
    .from(contactTypes)
    .where(eq(contactTypes.code, 'PU'));
  const [row] = await db
    .insert(interactions)
    .values({ customerId, typeId: type!.id, text })
    .returning({ id: interactions.id });
  return row!.id;
}

export type Part =
  | { name: string; value: string }
  | { name: string; fileName: string; type?: string; data: Buffer };

/** A multipart/form-data body as a browser sends it. */
export function multipart(parts: Part[]): { payload: Buffer; contentType: string; boundary: string } {
  const boundary = `----kantaTest${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('data' in p) {
      chunks.push(
        Buffer.from(
          `Content-Disposition: form-data; name="${p.name}"; filename="${p.fileName}"\r\n` +
            `Content-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`,
        ),
        p.data,
        Buffer.from('\r\n'),
      );
    } else {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    contentType: `multipart/form-data; boundary=${boundary}`,
    boundary,
  };
}

/** Posts a multipart body as the agent's browser would (htmx sends the CSRF token as a header). */
export async function postMultipart(
  app: FastifyInstance,
  agent: Agent,
  url: string,
  body: { payload: Buffer; contentType: string },
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const res = await app.inject({
    method: 'POST',
    url,
    cookies: agent.cookies,
    headers: { 'content-type': body.contentType, 'x-csrf-token': agent.csrf, ...headers },
    payload: body.payload,
  });
  for (const c of res.cookies as { name: string; value: string }[]) agent.cookies[c.name] = c.value;
  return res;
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

/**
 * A minimal Word document: one paragraph per entry of `paragraphs`, each paragraph's text
 * given as runs (so a merge field can be split over runs the way Word does).
 */
export function minimalDocx(paragraphs: string[][]): Buffer {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const body = paragraphs
    .map(
      (runs) =>
        `<w:p>${runs.map((r) => `<w:r><w:t xml:space="preserve">${esc(r)}</w:t></w:r>`).join('')}</w:p>`,
    )
    .join('');
  const zip = new PizZip();
  zip.file('[Content_Types].xml', CONTENT_TYPES);
  zip.file('_rels/.rels', RELS);
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  );
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A Windows executable's first bytes: "MZ", the PE header offset, "PE\0\0". */
export function fakeExe(): Buffer {
  const b = Buffer.alloc(1024);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(128, 0x3c);
  b.write('PE\0\0', 128, 'latin1');
  return b;
}

/** A tiny but real PDF. */
export function tinyPdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    'latin1',
  );
}
