import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** URL prefix → folder of the files served under it. */
const folders: Record<string, string> = {
  '/static/': path.join(root, 'public'),
  '/vendor/htmx/': path.join(root, 'node_modules/htmx.org/dist'),
};

const versions = new Map<string, string>();

/**
 * The URL of an asset with its content hash, `/static/css/app.css?v=1a2b3c4d5e`: a changed
 * file gets a new URL, so a browser may keep each URL for a year without asking again.
 */
export function assetPath(p: string): string {
  let version = versions.get(p);
  if (version === undefined) {
    const [prefix, dir] = Object.entries(folders).find(([f]) => p.startsWith(f)) ?? [];
    if (!prefix || !dir) throw new Error(`not an asset path: ${p}`);
    const file = readFileSync(path.join(dir, p.slice(prefix.length)));
    version = createHash('sha256').update(file).digest('hex').slice(0, 10);
    versions.set(p, version);
  }
  return `${p}?v=${version}`;
}

/**
 * Stylesheets, scripts, htmx and the icon: public (the login page needs them and they
 * hold nothing private). Versioned URLs are cached for a year; others revalidate by ETag.
 */
export default async function assetRoutes(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, public: true };
  });
  app.addHook('onSend', async (request: FastifyRequest<{ Querystring: { v?: string } }>, reply) => {
    if (reply.statusCode < 300) {
      reply.header('cache-control', request.query.v ? 'public, max-age=31536000, immutable' : 'no-cache');
    }
  });
  for (const [prefix, dir] of Object.entries(folders)) {
    await app.register(fastifyStatic, {
      root: dir,
      prefix,
      decorateReply: false,
      cacheControl: false,
      allowedPath: prefix === '/vendor/htmx/' ? (p) => p === '/htmx.min.js' || p === '/htmx.js' : undefined,
    });
  }
  app.get('/favicon.ico', (_request, reply) =>
    reply.redirect(`${app.prefix}${assetPath('/static/favicon.svg')}`, 301),
  );
}
