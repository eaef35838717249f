import { it } from 'vitest';
import { apiToken, createTestApp } from '../helpers/app.js';

it('probe', async () => {
  const t = await createTestApp();
  const token = await apiToken(t.app, 'staff');
  for (const [m, url, h] of [['GET', '/api/v1/nope', {}], ['GET', '/api/v1/nope', { authorization: `Bearer ${token}` }], ['DELETE', '/api/v1/customers/1', { authorization: `Bearer ${token}` }]] as const) {
    const r = await t.app.inject({ method: m, url, headers: h });
    console.log('PROBE', m, url, r.statusCode, r.headers.location ?? '', r.body.slice(0, 200));
  }
  const r = await t.app.inject({ method: 'POST', url: '/api/v1/customers', headers: { authorization: `Bearer ${token}` }, payload: { kind: 'ASIAKAS', name: 'X' } });
  console.log('PROBE notype', r.body);
  const r2 = await t.app.inject({ method: 'POST', url: '/api/v1/customers', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' }, payload: 'hello' });
  console.log('PROBE text', r2.statusCode, r2.body);
  const r3 = await t.app.inject({ method: 'POST', url: '/api/v1/customers', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: '{"type": ' });
  console.log('PROBE badjson', r3.statusCode, r3.body);
  await t.close();
}, 60000);
