import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { connect, type Database } from '../../src/db/client.js';

/** A fresh, migrated database for one test file, copied from the run's template. */
export async function createTestDatabase(): Promise<Database> {
  const adminUrl = inject('adminUrl');
  const templateDb = inject('templateDb');
  const pid = templateDb.split('_').pop();
  const name = `kanta_t_${pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template ${templateDb}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const { db, sql } = connect(url);
  return { db, sql, url, close: () => sql.end({ timeout: 5 }) };
}
