import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { createApiToken, createUser, type Role } from '../../src/features/auth/queries.js';
import { createTestDatabase } from './db.js';

export type TestApp = {
  app: FastifyInstance;
  database: Database;
  close: () => Promise<void>;
};

export async function createTestApp(): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ LOG_LEVEL: 'silent', SESSION_SECRET: 'x'.repeat(40) } as NodeJS.ProcessEnv, {
    databaseUrl: database.url,
  });
  const app = await buildApp(config, { database });
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** Cookies a browser would keep, for app.inject. */
export type Agent = {
  cookies: Record<string, string>;
  csrf: string;
  userId: number;
  get: (url: string, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  post: (
    url: string,
    form: Record<string, string | string[]>,
    headers?: Record<string, string>,
  ) => Promise<LightMyRequestResponse>;
};

function keepCookies(res: LightMyRequestResponse, jar: Record<string, string>) {
  for (const c of res.cookies as { name: string; value: string }[]) jar[c.name] = c.value;
}

function formBody(form: Record<string, string | string[]>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p.toString();
}

/** GET /login as a new visitor: the page, the cookies it set and the form's CSRF token. */
export async function openLoginPage(app: FastifyInstance) {
  const page = await app.inject({ method: 'GET', url: '/login' });
  const cookies: Record<string, string> = {};
  keepCookies(page, cookies);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  return { page, cookies, csrf };
}

/** Creates a user with the given role and logs in through the login form. */
export async function loginAs(app: FastifyInstance, role: Role, username = `${role}-user`): Promise<Agent> {
  const password = 'correct horse battery';
  const user = await createUser(app.db, { username, displayName: `Test ${role}`, password, role });
  const { cookies: jar, csrf } = await openLoginPage(app);
  const agent: Agent = {
    cookies: jar,
    csrf,
    userId: user.id,
    get: async (url, headers = {}) => {
      const res = await app.inject({ method: 'GET', url, cookies: jar, headers });
      keepCookies(res, jar);
      return res;
    },
    post: async (url, form, headers = {}) => {
      const res = await app.inject({
        method: 'POST',
        url,
        cookies: jar,
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        payload: formBody({ _csrf: csrf, ...form }),
      });
      keepCookies(res, jar);
      return res;
    },
  };
  const res = await agent.post('/login', { username, password });
  if (res.statusCode !== 303) throw new Error(`login failed: ${res.statusCode}`);
  return agent;
}

export async function apiToken(
  app: FastifyInstance,
  role: Role = 'staff',
  username = `api-${role}`,
): Promise<string> {
  const user = await createUser(app.db, {
    username,
    displayName: `API ${role}`,
    password: 'api password long',
    role,
  });
  return createApiToken(app.db, user.id, 'test');
}

/** Headers htmx sends when it asks for a fragment. */
export const htmxPartial = { 'hx-request': 'true', 'hx-request-type': 'partial' };
