import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { getRun, type RunStatus, type RunSummary } from '../../src/features/imports/queries.js';
import type { Agent } from '../helpers/app.js';

/** A multipart/form-data body as a browser sends it: the fields, then the file. */
export function multipartBody(
  fields: Record<string, string>,
  file?: { name: string; content: Buffer; type?: string },
) {
  const boundary = `----kantaTest${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Uploads a file through the upload form (POST /imports). */
export async function upload(
  app: FastifyInstance,
  agent: Agent,
  target: 'customers' | 'sales_documents',
  name: string,
  content: Buffer | string,
): Promise<LightMyRequestResponse> {
  const { body, contentType } = multipartBody(
    { target },
    { name, content: typeof content === 'string' ? Buffer.from(content) : content },
  );
  return app.inject({
    method: 'POST',
    url: '/imports',
    cookies: agent.cookies,
    headers: { 'content-type': contentType, 'x-csrf-token': agent.csrf },
    payload: body,
  });
}

/**
 * Uploads a generated CSV of `size` bytes over real HTTP (the app listening on a port),
 * with or without Content-Length (chunked), never holding the file in memory. Stops
 * sending as soon as the server answers; returns the answer and how much was sent.
 */
export async function httpUpload(
  app: FastifyInstance,
  agent: Agent,
  size: number,
  sayLength: boolean,
): Promise<{ status: number; body: string; sent: number }> {
  const address = app.server.listening ? null : await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  void address;
  const boundary = `----kantaBig${randomBytes(6).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="target"\r\n\r\ncustomers\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\nexternalId,name,city\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const line = Buffer.from('EXT-1234567,Asiakas Oy,Tampere\n'.repeat(32 * 1024)); // 1 MiB
  const cookie = Object.entries(agent.cookies)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/imports',
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'x-csrf-token': agent.csrf,
          cookie,
          ...(sayLength ? { 'content-length': String(head.length + size + tail.length) } : {}),
        },
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), sent });
          req.destroy();
        });
      },
    );
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    const write = () => {
      if (answered) return;
      if (sent === 0) req.write(head);
      while (!answered && sent < size) {
        sent += line.length;
        if (!req.write(line)) {
          req.once('drain', write);
          return;
        }
      }
      if (!answered) req.end(tail);
    };
    write();
  });
}

/** The run id an upload redirected to. */
export function runIdOf(res: LightMyRequestResponse): number {
  expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
  const id = Number(/\/imports\/(\d+)/.exec(String(res.headers.location))?.[1]);
  expect(id).toBeGreaterThan(0);
  return id;
}

/** Waits until the run has left the running states; returns it. */
export async function settled(db: Db, id: number, timeoutMs = 25_000): Promise<RunSummary> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const run = await getRun(db, id);
    if (run && !(['checking', 'importing'] as RunStatus[]).includes(run.status)) return run;
    if (Date.now() > until) throw new Error(`run ${id} still ${run?.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Submits the mapping form (`col<i>` = field) and waits for the dry run. */
export async function dryRun(
  app: FastifyInstance,
  agent: Agent,
  id: number,
  mapping: Record<string, string>,
): Promise<RunSummary> {
  const res = await agent.post(`/imports/${id}/check`, mapping);
  expect(res.statusCode, res.body.slice(0, 800)).toBe(303);
  const run = await settled(app.db, id);
  expect(run.status, JSON.stringify(run.report.error)).toBe('checked');
  return run;
}

/** Starts the import (all rows, or only the good ones) and waits for it. */
export async function runImport(app: FastifyInstance, agent: Agent, id: number, onlyGoodRows: boolean) {
  const res = await agent.post(`/imports/${id}/import`, { onlyGoodRows: onlyGoodRows ? '1' : '0' });
  expect(res.statusCode, res.body.slice(0, 800)).toBe(303);
  return settled(app.db, id);
}

/** The mapping form's values that the page pre-selected (`col<i>` → field key). */
export function preselected(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<select id="(col\d+)" name="col\d+"[^>]*>([\s\S]*?)<\/select>/g)) {
    const chosen = /<option value="([^"]*)" selected>/.exec(m[2]!);
    out[m[1]!] = chosen ? chosen[1]! : '';
  }
  return out;
}
