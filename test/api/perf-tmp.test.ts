import { sql } from 'drizzle-orm';
import { it } from 'vitest';
import { apiToken, createTestApp } from '../helpers/app.js';

it('perf', async () => {
  const t = await createTestApp();
  const token = await apiToken(t.app, 'staff');
  const run = async (label: string, n: number, conc: number, ext: boolean) => {
    let i = 0;
    const start = performance.now();
    await Promise.all(Array.from({ length: conc }, async () => {
      while (i < n) {
        const k = i++;
        const r = await t.app.inject({ method: 'POST', url: '/api/v1/customers', headers: { authorization: `Bearer ${token}` },
          payload: { type: 'person', kind: 'ASIAKAS', firstName: `F${k}`, lastName: 'Perf', email: `p${k}@example.fi`, mobile: '040 123 4567', postalCode: '00100', city: 'Helsinki', ...(ext ? { externalId: `x-${label}-${k}` } : {}) } });
        if (r.statusCode !== 201) throw new Error(r.body);
      }
    }));
    const s = (performance.now() - start) / 1000;
    console.log(`${label} n=${n} conc=${conc} ext=${ext}: ${(n / s).toFixed(0)}/s`);
  };
  await run('a', 200, 10, false);
  await t.database.sql.unsafe('set synchronous_commit = off');
  const dbname = new URL(t.database.url).pathname.slice(1);
  await t.database.sql.unsafe(`alter database ${dbname} set synchronous_commit = off`);
  await t.database.sql.end();
  await t.close();
  console.log('---');
}, 120000);
