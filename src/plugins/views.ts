import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyView from '@fastify/view';
import { Eta } from 'eta';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { alarmBarCount } from '../features/interactions/alarms.js';
import type { MessageKey } from '../i18n/fi.js';
import { type Language, type Translate, translator } from '../i18n/index.js';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../lib/format.js';
import { assetPath } from './assets.js';

const viewsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../views');
const FLASH_COOKIE = 'kanta_flash';

export type Flash = {
  type: 'success' | 'error' | 'info';
  key: MessageKey;
  params?: Record<string, string | number>;
};

type RenderOptions = {
  /** Template rendered alone when htmx asks for a partial; the page template includes it. */
  fragment?: string;
  status?: number;
};

declare module 'fastify' {
  interface FastifyRequest {
    language: Language;
    t: Translate;
    /** htmx asked for a fragment (not a history restore, not a full navigation). */
    isPartial: boolean;
  }
  interface FastifyReply {
    /** Renders a full page, or only its fragment for an htmx partial request. */
    render(template: string, data?: Record<string, unknown>, opts?: RenderOptions): Promise<FastifyReply>;
    /** Redirect after a successful POST: 303, or HX-Location for htmx. */
    seeOther(url: string): FastifyReply;
    flash(type: Flash['type'], key: MessageKey, params?: Flash['params']): FastifyReply;
  }
}

export function isPartialRequest(request: FastifyRequest): boolean {
  const h = request.headers;
  return h['hx-request'] === 'true' && h['hx-request-type'] === 'partial' && !h['hx-history-restore-request'];
}

/** Eta templates through @fastify/view, with the context every page needs. */
export default fp<{ basePath: string; production: boolean }>(
  async (app, opts) => {
    const base = opts.basePath;
    await app.register(fastifyView, {
      engine: { eta: new Eta({ autoEscape: true, autoTrim: false }) },
      root: viewsDir,
      production: opts.production,
    });

    app.decorateRequest('language', 'fi');
    app.decorateRequest('t', null as unknown as Translate);
    app.decorateRequest('isPartial', false);
    app.addHook('onRequest', async (request) => {
      request.language = 'fi';
      request.t = translator('fi');
      request.isPartial = isPartialRequest(request);
    });

    const url = (p: string) => `${base}${p}`;

    function readFlash(request: FastifyRequest, reply: FastifyReply): Flash | null {
      const raw = request.cookies[FLASH_COOKIE];
      if (!raw) return null;
      reply.clearCookie(FLASH_COOKIE, { path: base || '/' });
      const unsigned = request.unsignCookie(raw);
      if (!unsigned.valid || !unsigned.value) return null;
      try {
        return JSON.parse(unsigned.value) as Flash;
      } catch {
        return null;
      }
    }

    app.decorateReply('render', async function render(this: FastifyReply, template, data = {}, opts = {}) {
      const request = this.request;
      const lang = request.language;
      const context = {
        t: request.t,
        lang,
        user: request.user ?? null,
        csrfToken: request.csrfToken,
        base,
        url,
        asset: (p: string) => url(assetPath(p)),
        path: request.url,
        flash: readFlash(request, this),
        // The alarm bar of the layout (issue 5): only for full pages, never for htmx partials.
        alarmCount: request.isPartial ? null : await alarmBarCount(this.server.db, request.user?.id),
        fmt: {
          date: (v: string | Date | null | undefined) => formatDate(v, lang),
          dateTime: (v: string | Date | null | undefined) => formatDateTime(v, lang),
          money: (v: number | null | undefined) => formatMoney(v, lang),
          number: (v: number) => formatNumber(v, lang),
        },
        ...data,
      };
      const name = request.isPartial && opts.fragment ? opts.fragment : template;
      const html = await this.viewAsync(name, context);
      this.header('Vary', 'HX-Request, HX-Request-Type');
      return this.code(opts.status ?? 200)
        .type('text/html; charset=utf-8')
        .send(html);
    });

    app.decorateReply('seeOther', function seeOther(this: FastifyReply, target: string) {
      const full = target.startsWith('/') ? url(target) : target;
      if (this.request.headers['hx-request'] === 'true') {
        return this.header('HX-Location', full).code(204).send();
      }
      return this.redirect(full, 303);
    });

    app.decorateReply('flash', function flash(this: FastifyReply, type, key, params) {
      return this.setCookie(FLASH_COOKIE, JSON.stringify({ type, key, params }), {
        path: base || '/',
        httpOnly: true,
        sameSite: 'lax',
        signed: true,
      });
    });
  },
  { name: 'views', dependencies: ['security'] },
);
