import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, apiToken, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { addPersons, cellTexts, readPdf, select } from './helpers.js';

let t: TestApp;
let admin: Agent;

beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, 'admin');
});
afterAll(() => t.close());

const twoByFive = {
  code: '2x5',
  name: 'Isot tarrat 2 × 5',
  pageWidthMm: '210',
  pageHeightMm: '297',
  marginTopMm: '13,5',
  marginLeftMm: '4',
  labelWidthMm: '99',
  labelHeightMm: '54',
  pitchXMm: '103',
  pitchYMm: '54',
  columns: '2',
  rows: '5',
};

async function layoutCount() {
  const [row] = await t.app.db.execute<{ n: number }>(sql`select count(*)::int as n from label_layouts`);
  return row!.n;
}

describe('label layouts', () => {
  it('come with the built-in A4 3×7 and 3×8 sheets, centred on the page', async () => {
    const rows = await t.app.db.execute(sql`
      select code, page_width_mm::float as w, page_height_mm::float as h, margin_top_mm::float as top,
        margin_left_mm::float as "left", label_width_mm::float as lw, label_height_mm::float as lh,
        columns, rows, built_in from label_layouts order by code`);
    expect(rows).toEqual([
      {
        code: '3x7',
        w: 210,
        h: 297,
        top: 0.45,
        left: 0,
        lw: 70,
        lh: 42.3,
        columns: 3,
        rows: 7,
        built_in: true,
      },
      { code: '3x8', w: 210, h: 297, top: 0.5, left: 0, lw: 70, lh: 37, columns: 3, rows: 8, built_in: true },
    ]);
    const list = await admin.get('/settings/label-layouts');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('A4 3 × 8 (70 × 37 mm)');
    expect(list.body).toContain('3 × 7 = 21');
  });

  it('are for admins only', async () => {
    const staff = await loginAs(t.app, 'staff');
    expect((await staff.get('/settings/label-layouts')).statusCode).toBe(403);
    expect((await staff.post('/settings/label-layouts', twoByFive)).statusCode).toBe(403);
  });

  it('refuse a layout that does not fit its page, or whose labels overlap', async () => {
    const before = await layoutCount();
    const wide = await admin.post('/settings/label-layouts', { ...twoByFive, code: 'wide', pitchXMm: '112' });
    expect(wide.statusCode).toBe(422);
    expect(wide.body).toContain('Arkki ei mahdu sivulle leveyssuunnassa');
    expect(wide.body).toContain('Tarrat ulottuvat 215 × 283,5 mm:iin; sivu on 210 × 297 mm.');
    const tall = await admin.post('/settings/label-layouts', { ...twoByFive, code: 'tall', rows: '6' });
    expect(tall.statusCode).toBe(422);
    expect(tall.body).toContain('Arkki ei mahdu sivulle korkeussuunnassa');
    const overlap = await admin.post('/settings/label-layouts', {
      ...twoByFive,
      code: 'overlap',
      pitchYMm: '50',
    });
    expect(overlap.statusCode).toBe(422);
    expect(overlap.body).toContain('Pystyvälin on oltava vähintään tarran korkeus');
    const badNumber = await admin.post('/settings/label-layouts', {
      ...twoByFive,
      code: 'bad',
      labelWidthMm: 'leveä',
    });
    expect(badNumber.statusCode).toBe(422);
    expect(badNumber.body).toContain('Anna millimetrit');
    const taken = await admin.post('/settings/label-layouts', { ...twoByFive, code: '3X8' });
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('Arvo on jo käytössä.');
    expect(await layoutCount()).toBe(before);
  });

  it('built-in layouts cannot be changed or deleted', async () => {
    const [builtIn] = await t.app.db.execute<{ id: number }>(
      sql`select id from label_layouts where code = '3x8'`,
    );
    const del = await admin.post(`/settings/label-layouts/${builtIn!.id}/delete`, {});
    expect(del.statusCode).toBe(409);
    expect(del.body).toContain('Vakioarkkia ei voi muuttaa eikä poistaa.');
    const edit = await admin.post(`/settings/label-layouts/${builtIn!.id}`, { ...twoByFive, code: '3x8' });
    expect(edit.statusCode).toBe(409);
    const [still] = await t.app.db.execute<{ rows: number }>(
      sql`select rows from label_layouts where code = '3x8'`,
    );
    expect(still!.rows).toBe(8);
    const copy = await admin.get(`/settings/label-layouts/new?from=${builtIn!.id}`);
    expect(copy.statusCode).toBe(200);
    expect(copy.body).toContain('value="A4 3 × 8 (70 × 37 mm) (kopio)"');
    expect(copy.body).toMatch(/name="code" type="text" value=""/);
    expect(copy.body).toMatch(/name="labelHeightMm" type="text" value="37"/);
    const form = await admin.get(`/settings/label-layouts/${builtIn!.id}`);
    expect(form.body).toContain('<fieldset disabled>');
    expect(form.body).not.toContain('/delete');
  });

  it('an admin adds a layout, and a label run uses it', async () => {
    const created = await admin.post('/settings/label-layouts', twoByFive);
    expect(created.statusCode).toBe(303);
    const [layout] = await t.app.db.execute<{ id: number }>(
      sql`select id from label_layouts where code = '2x5'`,
    );
    expect(layout).toBeTruthy();
    const ids = await addPersons(
      t.app.db,
      Array.from({ length: 12 }, (_, i) => ({ first: 'Iso', last: `Tarra${String(i).padStart(2, '0')}` })),
    );
    await select(t.app.db, admin.userId, 'person', ids);
    expect((await admin.get('/crm/labels')).body).toContain(
      '<option value="2x5">2x5 – Isot tarrat 2 × 5</option>',
    );
    const res = await admin.post('/crm/labels/pdf', {
      targetType: 'person',
      layout: '2x5',
      skip: '1',
      marketing: 'on',
    });
    expect(res.statusCode).toBe(200);
    const pdf = await readPdf(res.rawPayload);
    expect(pdf.pages).toBe(2);
    const cells = cellTexts(pdf, {
      marginTopMm: 13.5,
      marginLeftMm: 4,
      labelWidthMm: 99,
      labelHeightMm: 54,
      pitchXMm: 103,
      pitchYMm: 54,
      columns: 2,
      rows: 5,
    });
    expect([...cells.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    // One label skipped: the first recipient is on the second label of the first row, at 4 + 103 mm.
    const second = pdf.words.find((w) => w.text === 'Tarra00')!;
    expect(second.page).toBe(1);
    expect(second.x).toBeGreaterThan(107);
    expect(second.x).toBeLessThan(107 + 99);

    // The API names it by its code too.
    const token = await apiToken(t.app, 'staff', 'api-layout');
    const [u] = await t.app.db.execute<{ id: number }>(
      sql`select id from users where username = 'api-layout'`,
    );
    await select(t.app.db, u!.id, 'person', ids.slice(0, 3));
    const api = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workspace/labels',
      headers: { authorization: `Bearer ${token}` },
      payload: { targetType: 'person', layout: '2x5' },
    });
    expect(api.statusCode).toBe(200);
    expect((await readPdf(api.rawPayload)).pages).toBe(1);

    // Edited and deleted like any setting.
    const edit = await admin.post(`/settings/label-layouts/${layout!.id}`, { ...twoByFive, name: 'Isot' });
    expect(edit.statusCode).toBe(303);
    const del = await admin.post(`/settings/label-layouts/${layout!.id}/delete`, {});
    expect(del.statusCode).toBe(303);
    const [gone] = await t.app.db.execute<{ n: number }>(
      sql`select count(*)::int as n from label_layouts where code = '2x5'`,
    );
    expect(gone!.n).toBe(0);
    const audit = await t.app.db.execute<{ action: string }>(sql`
      select action from audit_log where entity = 'label_layout' and entity_id = ${layout!.id} order by id`);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
  });
});
