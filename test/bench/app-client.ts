import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function keepCookies(res: LightMyRequestResponse, jar: Record<string, string>) {
  for (const c of res.cookies as { name: string; value: string }[]) jar[c.name] = c.value;
}

/** Logs in through the login form, as a browser would; returns the cookie jar. */
export async function login(app: FastifyInstance, username: string, password: string) {
  const jar: Record<string, string> = {};
  const page = await app.inject({ method: 'GET', url: '/login' });
  keepCookies(page, jar);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const res = await app.inject({
    method: 'POST',
    url: '/login',
    cookies: jar,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrf, username, password }).toString(),
  });
  if (res.statusCode !== 303) throw new Error(`bench login failed: ${res.statusCode}`);
  keepCookies(res, jar);
  return jar;
}

export type ServerProcess = { base: string; rssMb: () => number; stop: () => Promise<void> };

/**
 * Starts `src/server.ts` in its own node process against the given database, as it
 * runs in production, and waits for /readyz.
 */
export async function startServerProcess(databaseUrl: string): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
      SESSION_SECRET: 'bench-session-secret-'.padEnd(40, 'x'),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error('server did not become ready in 60 s');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const rssMb = () => {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
  };
  return { base, rssMb, stop };
}
