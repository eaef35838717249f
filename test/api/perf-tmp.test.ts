import { Session } from 'node:inspector/promises';
import { it } from 'vitest';
import { apiToken, createTestApp } from '../helpers/app.js';

it('perf', async () => {
  const t = await createTestApp();
  const token = await apiToken(t.app, 'staff');
  const post = (k: number) => t.app.inject({ method: 'POST', url: '/api/v1/customers', headers: { authorization: `Bearer ${token}` },
    payload: { type: 'person', kind: 'ASIAKAS', firstName: `F${k}`, lastName: 'Perf', email: `p${k}@example.fi`, mobile: '040 123 4567', postalCode: '00100', city: 'Helsinki' } });
  for (let k = 0; k < 30; k++) await post(k);
  const s = new Session();
  s.connect();
  await s.post('Profiler.enable');
  await s.post('Profiler.start');
  const cpu0 = process.cpuUsage();
  for (let k = 100; k < 300; k++) await post(k);
  const c = process.cpuUsage(cpu0);
  const { profile } = await s.post('Profiler.stop');
  console.log('cpu/req ms', ((c.user + c.system) / 1000 / 200).toFixed(2));
  const self = new Map<string, number>();
  const dt = profile.timeDeltas!;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const counts = new Map<number, number>();
  profile.samples!.forEach((id, i) => counts.set(id, (counts.get(id) ?? 0) + (dt[i] ?? 0)));
  for (const [id, us] of counts) {
    const n = byId.get(id)!;
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/.*node_modules\//, '').slice(0, 70)}:${n.callFrame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + us);
  }
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 30);
  for (const [k, us] of top) console.log('PROF', (us / 1000).toFixed(1).padStart(8), k);
  await t.close();
}, 300000);
