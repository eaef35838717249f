/**
 * Issue 4 speed: importing a 100 000-row CSV of sales documents (for existing customers)
 * end to end through the functions the import routes call — createRun (upload: sniff,
 * count, store), saveMapping + checkRun (dry run), startImport + importRun (the import in
 * one transaction) — timing each step and watching the process's memory (RSS before and
 * after, and the peak sampled every 100 ms).
 *
 *   BENCH_IMPORT_ROWS   rows in the file (default 100 000)
 */
import type { FastifyInstance } from 'fastify';
import type postgres from 'postgres';
import type { Db } from '../../src/db/client.js';
import { getRun } from '../../src/features/imports/queries.js';
import {
  checkRun,
  createRun,
  importRun,
  offeredMapping,
  saveMapping,
  startImport,
} from '../../src/features/imports/service.js';
import type { Row } from './stats.js';

type Context = {
  db: Db;
  sql: postgres.Sql;
  app: FastifyInstance;
  cookies: Record<string, string>;
  log: (message: string) => void;
};

const mb = (bytes: number) => bytes / 1024 / 1024;

/** Samples RSS every 100 ms until stopped; returns the peak. */
function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
/** A Finnish date 1.2.2026 for a day offset from 1.1.2014. */
function finnishDate(dayOffset: number): string {
  const d = new Date(Date.UTC(2014, 0, 1) + dayOffset * 86_400_000);
  return `${d.getUTCDate()}.${d.getUTCMonth() + 1}.${d.getUTCFullYear()}`;
}
/** Cents as 1 234,50 with a non-breaking space, as spreadsheets export them. */
function finnishAmount(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const euros = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${sign}${euros},${pad(abs % 100)}`;
}

/** The bench's CSV: semicolons, Finnish dates and amounts, customers by number, a few kinds and types. */
function salesCsv(rows: number, customerNumbers: number[], typeCodes: string[], prefix: string): Buffer {
  const lines = [
    'Ulkoinen tunniste;Laji;Numero;Päivämäärä;Matka alkaa;Matka päättyy;Kohdetyyppi;Kohde;Summa;Eräpäivä;Maksupäivä;Asiakasnumero',
  ];
  const kinds = ['varaus', 'varaus', 'varaus', 'lasku', 'myyntitilaus'];
  const places = ['Äkäslompolo', 'Málaga', 'Tukholma', 'Rooma', 'Levi', 'Pariisi'];
  for (let i = 0; i < rows; i++) {
    const kind = kinds[i % kinds.length]!;
    const day = (i * 37) % 4300;
    const cents = kind === 'lasku' && i % 50 === 0 ? -((i % 9000) + 100) : 5000 + ((i * 7919) % 400_000);
    const booking = kind === 'varaus';
    lines.push(
      [
        `${prefix}-${i}`,
        kind,
        `${kind[0]!.toUpperCase()}${100000 + i}`,
        finnishDate(day),
        booking ? finnishDate(day + 30) : '',
        booking ? finnishDate(day + 37) : '',
        booking && typeCodes.length ? typeCodes[i % typeCodes.length]! : '',
        booking ? places[i % places.length]! : '',
        finnishAmount(cents),
        kind === 'lasku' ? finnishDate(day + 14) : '',
        kind === 'lasku' && i % 7 !== 0 ? finnishDate(day + 10) : '',
        String(customerNumbers[i % customerNumbers.length]!),
      ].join(';'),
    );
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

async function waitSettled(db: Db, id: number) {
  for (;;) {
    const run = await getRun(db, id);
    if (run && run.status !== 'checking' && run.status !== 'importing') return run;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function benchImports({ db, sql, log }: Context): Promise<{ rows: Row[]; notes: string[] }> {
  const rows: Row[] = [];
  const notes: string[] = [];
  const n = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);

  const customers = await sql<{ number: number }[]>`select number from customers order by id limit 20000`;
  if (customers.length === 0) {
    notes.push('import bench skipped: the register has no customers');
    return { rows, notes };
  }
  const types = await sql<{ code: string }[]>`select code from destination_types order by code`;
  const [user] = await sql<{ id: number }[]>`
    select id from users where active order by (username = 'bench.user') desc, id limit 1`;
  if (!user) throw new Error('import bench: no user');

  /** One import end to end; the figures, or the reason it failed. */
  async function once(typeCodes: string[]) {
    const prefix = `BENCH-${Date.now().toString(36)}`;
    const file = salesCsv(
      n,
      customers.map((c) => c.number),
      typeCodes,
      prefix,
    );
    log(`bench: import of a ${n}-row CSV (${mb(file.length).toFixed(1)} MB) of sales documents`);
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const sampler = rssSampler();
    const t0 = performance.now();
    const runId = await createRun(db, {
      target: 'sales_documents',
      userId: user!.id,
      fileName: 'bench-myynti.csv',
      file,
    });
    const t1 = performance.now();
    const { mapping } = await offeredMapping(db, (await getRun(db, runId))!);
    await saveMapping(db, runId, mapping);
    await checkRun(db, runId, (e) => log(`dry run error: ${String(e)}`));
    const checked = await waitSettled(db, runId);
    const t2 = performance.now();
    if (checked.status !== 'checked') {
      sampler.stop();
      return { failed: `dry run ${checked.status}: ${JSON.stringify(checked.report.error)}` };
    }
    const check = checked.report.check!;
    await startImport(db, runId, check.refused > 0);
    await importRun(db, runId, (e) => log(`import error: ${String((e as { cause?: unknown }).cause ?? e)}`));
    const done = await waitSettled(db, runId);
    const t3 = performance.now();
    const peak = sampler.stop();
    if (done.status !== 'done') {
      return {
        failed: `import ${done.status} after ${((t3 - t2) / 1000).toFixed(1)} s: ${JSON.stringify(done.report.error)}`,
      };
    }
    return {
      fileMb: mb(file.length),
      uploadS: (t1 - t0) / 1000,
      checkS: (t2 - t1) / 1000,
      importS: (t3 - t2) / 1000,
      totalS: (t3 - t0) / 1000,
      rssBefore,
      peak,
      rssAfter: process.memoryUsage().rss,
      check,
      result: done.report.result!,
    };
  }

  const m = await once(types.map((t) => t.code));
  if ('failed' in m) throw new Error(`import bench: ${m.failed}`);
  const growth = mb(m.peak - m.rssBefore);
  rows.push({
    figure: `import ${n}-row sales CSV: import step (one transaction, startImport + importRun)`,
    target: '≤ 30 s',
    result: `${m.importS.toFixed(1)} s (${Math.round(n / m.importS)} rows/s)`,
    pass: n >= 100_000 ? m.importS <= 30 : null,
  });
  rows.push({
    figure: `import ${n}-row sales CSV: upload + dry run + import end to end`,
    target: '–',
    result: `${m.totalS.toFixed(1)} s (upload ${m.uploadS.toFixed(1)} s, dry run ${m.checkS.toFixed(1)} s, import ${m.importS.toFixed(1)} s)`,
    pass: null,
  });
  rows.push({
    figure: `import ${n}-row sales CSV: RSS growth (peak sampled every 100 ms − before)`,
    target: '< 200 MB',
    result: `${growth.toFixed(0)} MB (before ${mb(m.rssBefore).toFixed(0)} MB, peak ${mb(m.peak).toFixed(0)} MB, after ${mb(m.rssAfter).toFixed(0)} MB)`,
    pass: n >= 100_000 ? growth < 200 : null,
  });
  notes.push(
    `import bench: file ${m.fileMb.toFixed(1)} MB; dry run said ${m.check.created} new, ${m.check.updated} updated, ` +
      `${m.check.unchanged} unchanged, ${m.check.refused} refused; the import created ${m.result.created}, ` +
      `updated ${m.result.updated}, left ${m.result.unchanged} unchanged`,
  );
  return { rows, notes };
}
