import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, customerKinds } from '../../src/db/schema/index.js';
import { createCustomer } from '../../src/features/customers/queries.js';
import { customerSchema } from '../../src/features/customers/schemas.js';
import { DomainError } from '../../src/lib/errors.js';
import { type Agent, createTestApp, loginAs, type TestApp } from '../helpers/app.js';

let t: TestApp;
let admin: Agent;
beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, 'admin');
});
afterAll(() => t.close());

const kindForm = (over: Record<string, string> = {}) => ({
  code: 'jasen',
  nameFi: 'Jäsen',
  nameEn: 'Member',
  rangeStart: '8000000',
  rangeEnd: '8099999',
  ...over,
});

async function kindByCode(code: string) {
  const [kind] = await t.app.db.select().from(customerKinds).where(eq(customerKinds.code, code));
  return kind!;
}

function organisation(kindId: number, name: string) {
  return customerSchema.parse({ type: 'organisation', name, kindId: String(kindId) });
}

describe('customer kinds and number series', () => {
  it('lists the kinds with their ranges and usage', async () => {
    const res = await admin.get('/settings/kinds');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('ASIAKAS');
    expect(res.body).toContain('10000–4999999');
  });

  it('creates a kind: code in capitals, numbering from the range start, audited', async () => {
    const res = await admin.post('/settings/kinds', kindForm({ isAgent: 'on' }));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/settings/kinds');
    const kind = await kindByCode('JASEN');
    expect(kind).toMatchObject({
      rangeStart: 8000000,
      rangeEnd: 8099999,
      nextNumber: 8000000,
      isAgent: true,
    });
    const list = await admin.get('/settings/kinds');
    expect(list.body).toContain('Asiakaslaji JASEN lisätty.');
    expect(list.body).toContain('Jäsen');
    const audit = await t.app.db.select().from(auditLog).where(eq(auditLog.entity, 'kind'));
    expect(audit.some((a) => a.entityId === kind.id && a.action === 'create')).toBe(true);
  });

  it('refuses an overlapping range with the message beside the field', async () => {
    const res = await admin.post(
      '/settings/kinds',
      kindForm({ code: 'PAALLE', rangeStart: '4999000', rangeEnd: '4999999' }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Numerosarja menee päällekkäin toisen asiakaslajin sarjan kanssa.');
    expect(res.body).toContain('value="PAALLE"');
    expect(await kindByCode('PAALLE')).toBeUndefined();
  });

  it('refuses a taken code, a bad code and a start that is not below the end', async () => {
    const taken = await admin.post(
      '/settings/kinds',
      kindForm({ code: 'asiakas', rangeStart: '9000000', rangeEnd: '9000010' }),
    );
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('Arvo on jo käytössä.');
    const bad = await admin.post(
      '/settings/kinds',
      kindForm({ code: 'ä ö', rangeStart: '9000000', rangeEnd: '9000010' }),
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('isoja kirjaimia A–Z');
    const reversed = await admin.post(
      '/settings/kinds',
      kindForm({ code: 'YSI', rangeStart: '9000010', rangeEnd: '9000000' }),
    );
    expect(reversed.statusCode).toBe(422);
    expect(reversed.body).toContain('Numerosarjan alun on oltava pienempi kuin loppu.');
  });

  it('edits a kind; moving the start above next_number raises next_number', async () => {
    const kind = await kindByCode('JASEN');
    const form = await admin.get(`/settings/kinds/${kind.id}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Jäsen"');
    const res = await admin.post(
      `/settings/kinds/${kind.id}`,
      kindForm({ code: 'JASEN', nameFi: 'Jäsenet', rangeStart: '8000500', rangeEnd: '8099999' }),
    );
    expect(res.statusCode).toBe(303);
    const after = await kindByCode('JASEN');
    expect(after).toMatchObject({
      nameFi: 'Jäsenet',
      rangeStart: 8000500,
      nextNumber: 8000500,
      isAgent: false,
    });
    const audit = await t.app.db.select().from(auditLog).where(eq(auditLog.entityId, kind.id));
    expect(audit.some((a) => a.entity === 'kind' && a.action === 'update')).toBe(true);
  });

  it('will not shrink a range below the numbers its customers use', async () => {
    const kind = await kindByCode('JASEN');
    const first = await createCustomer(t.app.db, organisation(kind.id, 'Oy Eka Ab'), admin.userId);
    await createCustomer(t.app.db, organisation(kind.id, 'Oy Toka Ab'), admin.userId);
    expect(first.number).toBe(8000500);
    const res = await admin.post(
      `/settings/kinds/${kind.id}`,
      kindForm({ code: 'JASEN', rangeStart: '8000501', rangeEnd: '8099999' }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Numerosarjaa ei voi rajata näin');
    expect(res.body).toContain('8000500–8000501');
    const tooShort = await admin.post(
      `/settings/kinds/${kind.id}`,
      kindForm({ code: 'JASEN', rangeStart: '8000500', rangeEnd: '8000500' }),
    );
    expect(tooShort.statusCode).toBe(422);
    expect((await kindByCode('JASEN')).rangeStart).toBe(8000500);
  });

  it('deletes only a kind no customer uses', async () => {
    const used = await kindByCode('JASEN');
    const refused = await admin.post(`/settings/kinds/${used.id}/delete`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Asiakaslajia JASEN ei voi poistaa, koska sillä on asiakkaita.');
    await admin.post(
      '/settings/kinds',
      kindForm({ code: 'TURHA', rangeStart: '9100000', rangeEnd: '9100009' }),
    );
    const unused = await kindByCode('TURHA');
    const res = await admin.post(`/settings/kinds/${unused.id}/delete`, {});
    expect(res.statusCode).toBe(303);
    expect(await kindByCode('TURHA')).toBeUndefined();
  });

  it('a 2-number range gives two customers and then refuses with rangeExhausted', async () => {
    const res = await admin.post(
      '/settings/kinds',
      kindForm({ code: 'PIENI', rangeStart: '9200000', rangeEnd: '9200001' }),
    );
    expect(res.statusCode).toBe(303);
    const kind = await kindByCode('PIENI');
    const a = await createCustomer(t.app.db, organisation(kind.id, 'Oy A Ab'), admin.userId);
    const b = await createCustomer(t.app.db, organisation(kind.id, 'Oy B Ab'), admin.userId);
    expect([a.number, b.number]).toEqual([9200000, 9200001]);
    const third = createCustomer(t.app.db, organisation(kind.id, 'Oy C Ab'), admin.userId);
    await expect(third).rejects.toBeInstanceOf(DomainError);
    await expect(createCustomer(t.app.db, organisation(kind.id, 'Oy C Ab'), admin.userId)).rejects.toThrow(
      'customers.rangeExhausted',
    );
    const list = await admin.get('/settings/kinds');
    expect(list.body).toContain('Sarja täynnä');
  });
});
