import { afterAll, beforeAll, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { listDocuments, listEntryOptions, listTemplates } from '../../src/features/documents/queries.js';
import { createDocumentsApp, person } from './helpers.js';
let t: Awaited<ReturnType<typeof createDocumentsApp>>;
beforeAll(async () => { t = await createDocumentsApp(); });
afterAll(() => t.close());
const p95 = (a: number[]) => a.sort((x, y) => x - y)[Math.floor(a.length * 0.95)]!;
it('measure', async () => {
  const c = await person(t.app.db, 'M', 'Mittaus');
  const other = await person(t.app.db, 'O', 'Muu');
  await t.app.db.execute(sql`insert into customer_documents (customer_id, file_name, content_type, size_bytes, content, sha256)
    select case when g % 10 = 0 then ${c.id} else ${other.id} end, 'f' || g || '.bin', 'application/octet-stream', 4096, decode(repeat(md5(g::text), 256), 'hex'), 'x' from generate_series(1, 22000) g`);
  await t.app.db.execute(sql`analyze`);
  const q: number[] = [];
  for (let i = 0; i < 50; i++) { const s = performance.now(); await listDocuments(t.app.db, c.id); q.push(performance.now() - s); }
  const e: number[] = [];
  for (let i = 0; i < 50; i++) { const s = performance.now(); await listEntryOptions(t.app.db, c.id); e.push(performance.now() - s); }
  const tp: number[] = [];
  for (let i = 0; i < 50; i++) { const s = performance.now(); await listTemplates(t.app.db); tp.push(performance.now() - s); }
  const s1 = performance.now(); for (let i = 0; i < 50; i++) await t.app.db.execute(sql`select 1`); const ping = (performance.now() - s1) / 50;
  const { rows } = await listDocuments(t.app.db, c.id);
  const plan = await t.app.db.execute(sql`explain analyze select d.id, d.file_name, u.display_name, ct.code, dt.name from customer_documents d left join users u on u.id = d.created_by left join interactions i on i.id = d.interaction_id left join contact_types ct on ct.id = i.type_id left join document_templates dt on dt.id = d.template_id where d.customer_id = ${c.id} order by d.id desc limit 51`);
  console.log('MEASURE', JSON.stringify({ n: rows.length, ping: ping.toFixed(2), listP95: p95(q).toFixed(2), entriesP95: p95(e).toFixed(2), templatesP95: p95(tp).toFixed(2) }));
  console.log('PLAN', plan.map((r: any) => r['QUERY PLAN']).join('\n'));
}, 300000);
