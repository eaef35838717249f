import fp from 'fastify-plugin';
import puppeteer, { type Browser, type PDFOptions } from 'puppeteer';

export type PdfPrinter = {
  /** Prints a whole HTML document to PDF (CSS `@page` decides the paper unless options say otherwise). */
  print(html: string, options?: PDFOptions): Promise<Buffer>;
  close(): Promise<void>;
};

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
];

/**
 * One Chromium per process, launched on first use and closed with the app; at most
 * `maxPages` pages print at once, the rest wait their turn.
 */
export function createPdfPrinter(maxPages = 2): PdfPrinter {
  let browser: Promise<Browser> | null = null;
  let active = 0;
  const waiting: (() => void)[] = [];

  function getBrowser(): Promise<Browser> {
    if (!browser) {
      browser = puppeteer.launch({ headless: true, args: LAUNCH_ARGS });
      browser.then(
        (b) => b.on('disconnected', () => (browser = null)),
        () => (browser = null),
      );
    }
    return browser;
  }

  async function slot(): Promise<void> {
    if (active < maxPages) {
      active++;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  }

  function release() {
    const next = waiting.shift();
    if (next) next();
    else active--;
  }

  return {
    async print(html, options = {}) {
      await slot();
      try {
        const page = await (await getBrowser()).newPage();
        try {
          await page.setJavaScriptEnabled(false);
          await page.setContent(html, { waitUntil: 'load' });
          const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, ...options });
          return Buffer.from(pdf);
        } finally {
          await page.close();
        }
      } finally {
        release();
      }
    },
    async close() {
      const b = browser;
      browser = null;
      if (b) await (await b).close().catch(() => {});
    },
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    pdf: PdfPrinter;
  }
}

/** `app.pdf`: the process's shared PDF printer. */
export default fp(
  async (app) => {
    const printer = createPdfPrinter();
    app.decorate('pdf', printer);
    app.addHook('onClose', () => printer.close());
  },
  { name: 'pdf' },
);
