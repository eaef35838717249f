import { it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { connect } from '../../src/db/client.js';
import { createApiToken, createUser } from '../../src/features/auth/queries.js';
import { createTestDatabase } from '../helpers/db.js';

it('perf', async () => {
  for (const sync of ['on', 'off']) {
    const d0 = await createTestDatabase();
    const name = new URL(d0.url).pathname.slice(1);
    await d0.sql.unsafe(`alter database ${name} set synchronous_commit = ${sync}`);
    await d0.close();
    const { db, sql } = connect(d0.url);
    const database = { db, sql, url: d0.url, close: () => sql.end({ timeout: 5 }) };
    const config = loadConfig({ LOG_LEVEL: 'silent', SESSION_SECRET: 'x'.repeat(40) } as NodeJS.ProcessEnv, { databaseUrl: d0.url });
    const app = await buildApp(config, { database });
    await app.ready();
    const u = await createUser(db, { username: 'p', displayName: 'p', password: 'long password x', role: 'staff' });
    const token = await createApiToken(db, u.id, 't');
    const run = async (n: number, conc: number) => {
      let i = 0;
      const start = performance.now();
      await Promise.all(Array.from({ length: conc }, async () => {
        while (i < n) {
          const k = i++;
          const r = await app.inject({ method: 'POST', url: '/api/v1/customers', headers: { authorization: `Bearer ${token}` },
            payload: { type: 'person', kind: 'ASIAKAS', firstName: `F${k}`, lastName: 'Perf', email: `p${k}@example.fi`, mobile: '040 123 4567', postalCode: '00100', city: 'Helsinki' } });
          if (r.statusCode !== 201) throw new Error(r.body);
        }
      }));
      const s = (performance.now() - start) / 1000;
      console.log(`sync=${sync} n=${n} conc=${conc}: ${(n / s).toFixed(0)}/s`);
    };
    await run(300, 1);
    await run(600, 10);
    await app.close();
    await database.close();
  }
}, 300000);
