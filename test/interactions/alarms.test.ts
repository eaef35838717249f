import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeAlarmCount } from '../../src/features/interactions/alarms.js';
import { type Agent, createTestApp, htmxPartial, loginAs, type TestApp } from '../helpers/app.js';
import { defaultTypes, finnish, isoDay, person } from './helpers.js';

let t: TestApp;
let anna: Agent;
let ben: Agent;
let cecilia: Agent;
let types: Record<string, number>;

beforeAll(async () => {
  t = await createTestApp();
  anna = await loginAs(t.app, 'staff', 'anna');
  ben = await loginAs(t.app, 'staff', 'ben');
  cecilia = await loginAs(t.app, 'staff', 'cecilia');
  types = await defaultTypes(t.app.db);
});
afterAll(() => t.close());

/** The alarm bar of a full page as the user sees it: its text, or '' when there is no bar. */
async function bar(agent: Agent): Promise<string> {
  const res = await agent.get('/customers');
  expect(res.statusCode).toBe(200);
  const m = /<div id="alarm-bar" class="alarm-bar" role="status">\s*<a href="\/alarms">([^<]*)<\/a>/.exec(
    res.body,
  );
  if (!m) expect(res.body).toContain('<div id="alarm-bar" hidden></div>');
  return m ? m[1]! : '';
}

/** The alarm ids on the user's /alarms page. */
async function alarmIds(agent: Agent): Promise<number[]> {
  const res = await agent.get('/alarms');
  expect(res.statusCode).toBe(200);
  return [...res.body.matchAll(/<li class="panel alarm" id="alarm-(\d+)">/g)].map((m) => Number(m[1]));
}

async function addAlarm(
  agent: Agent,
  customerId: number,
  text: string,
  alarm: { date: string; audience: 'self' | 'all' | 'user'; userId?: number; message?: string },
) {
  const res = await agent.post(`/customers/${customerId}/interactions`, {
    typeId: String(types.PU),
    text,
    alarm: 'on',
    alarmDate: finnish(alarm.date),
    alarmAudience: alarm.audience,
    alarmUserId: alarm.userId ? String(alarm.userId) : '',
    alarmMessage: alarm.message ?? '',
    confirmPast: alarm.date,
  });
  expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
  const [row] = await t.database.sql<{ id: string }[]>`
    select a.id from alarms a join interactions i on i.id = a.interaction_id
    where i.customer_id = ${customerId} and i.text = ${text}`;
  return Number(row!.id);
}

async function acknowledge(agent: Agent, alarmId: number) {
  return agent.post(`/alarms/${alarmId}/acknowledge`, {});
}

const count = (agent: Agent) => activeAlarmCount(t.app.db, agent.userId);

describe('alarms (R-CARD-4)', () => {
  it('an "everyone" alarm disappears for one user when they acknowledge it and stays for the others', async () => {
    const id = await person(t.app.db, 'Kaisa');
    const before = await Promise.all([anna, ben, cecilia].map(count));
    const alarm = await addAlarm(anna, id, 'Soita kaikki yhteen', { date: isoDay(0), audience: 'all' });
    for (const [i, agent] of [anna, ben, cecilia].entries()) {
      expect(await count(agent)).toBe(before[i]! + 1);
      expect(await alarmIds(agent)).toContain(alarm);
    }

    const res = await acknowledge(ben, alarm);
    expect(res.statusCode).toBe(303);
    expect(await alarmIds(ben)).not.toContain(alarm);
    expect(await count(ben)).toBe(before[1]);
    expect(await alarmIds(anna)).toContain(alarm);
    expect(await alarmIds(cecilia)).toContain(alarm);
    expect(await count(anna)).toBe(before[0]! + 1);
    expect(await count(cecilia)).toBe(before[2]! + 1);
    // Acknowledging twice changes nothing.
    expect((await acknowledge(ben, alarm)).statusCode).toBe(303);
    expect(await count(ben)).toBe(before[1]);
  });

  it('shows the count in a bar on every full page and the list links to the customer', async () => {
    const fresh = await loginAs(t.app, 'staff', 'dora');
    // A new user sees the "everyone" alarms already due; once acknowledged, there is no bar.
    for (const alarm of await alarmIds(fresh)) await acknowledge(fresh, alarm);
    expect(await bar(fresh)).toBe('');
    const id = await person(t.app.db, 'Linkki');
    const alarm = await addAlarm(fresh, id, 'Muista tarjous', { date: isoDay(0), audience: 'self' });
    expect(await bar(fresh)).toBe('1 aktiivinen hälytys');
    await addAlarm(fresh, id, 'Toinen muistutus', { date: isoDay(-3), audience: 'self' });
    expect(await bar(fresh)).toBe('2 aktiivista hälytystä');
    const page = await fresh.get('/alarms');
    expect(page.body).toContain(`href="/customers/${id}/interactions"`);
    expect(page.body).toContain('Muista tarjous');
    // A partial (htmx) request gets no layout and so no bar.
    const partial = await fresh.get(`/customers/${id}/interactions`, htmxPartial);
    expect(partial.body).not.toContain('alarm-bar');

    // Acknowledging through htmx swaps the item and the bar with the new count.
    const res = await fresh.post(`/alarms/${alarm}/acknowledge`, {}, htmxPartial);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<li class="panel alarm done" id="alarm-${alarm}">`);
    expect(res.body).toMatch(
      /<hx-partial hx-target="#alarm-bar" hx-swap="outerHTML">\s*<div id="alarm-bar"[^>]*>\s*<a[^>]*>1 aktiivinen hälytys<\/a>/,
    );
    expect(await bar(fresh)).toBe('1 aktiivinen hälytys');
  });

  it('a future alarm does not show yet; one due today does', async () => {
    const id = await person(t.app.db, 'Tuleva');
    const start = await count(cecilia);
    const future = await addAlarm(cecilia, id, 'Huomenna', { date: isoDay(1), audience: 'self' });
    const later = await addAlarm(cecilia, id, 'Ensi kuussa kaikille', { date: isoDay(30), audience: 'all' });
    expect(await count(cecilia)).toBe(start);
    expect(await alarmIds(cecilia)).not.toContain(future);
    expect(await alarmIds(cecilia)).not.toContain(later);
    const today = await addAlarm(cecilia, id, 'Tänään', { date: isoDay(0), audience: 'self' });
    expect(await count(cecilia)).toBe(start + 1);
    expect(await alarmIds(cecilia)).toContain(today);
  });

  it('"only me" is invisible to others, and a chosen user\'s alarm shows only to that user', async () => {
    const id = await person(t.app.db, 'Yksityinen');
    const [a0, b0, c0] = await Promise.all([anna, ben, cecilia].map(count));
    const mine = await addAlarm(anna, id, 'Vain Annalle', { date: isoDay(-1), audience: 'self' });
    expect(await count(anna)).toBe(a0! + 1);
    expect(await count(ben)).toBe(b0);
    expect(await count(cecilia)).toBe(c0);
    expect(await alarmIds(ben)).not.toContain(mine);
    // Someone else cannot acknowledge it.
    expect((await acknowledge(ben, mine)).statusCode).toBe(404);

    const forBen = await addAlarm(anna, id, 'Benille', {
      date: isoDay(0),
      audience: 'user',
      userId: ben.userId,
    });
    expect(await alarmIds(ben)).toContain(forBen);
    expect(await alarmIds(anna)).not.toContain(forBen);
    expect(await alarmIds(cecilia)).not.toContain(forBen);
    expect(await count(anna)).toBe(a0! + 1);
    expect((await acknowledge(ben, forBen)).statusCode).toBe(303);
    expect(await alarmIds(ben)).not.toContain(forBen);
    expect((await acknowledge(anna, mine)).statusCode).toBe(303);
    expect(await count(anna)).toBe(a0);
  });

  it('an "everyone" alarm set later with an earlier date still shows to a user who acknowledged the rest', async () => {
    const eve = await loginAs(t.app, 'staff', 'eve');
    const id = await person(t.app.db, 'Vesileima');
    const all = await alarmIds(eve);
    for (const alarm of all) expect((await acknowledge(eve, alarm)).statusCode).toBe(303);
    expect(await count(eve)).toBe(0);
    const recent = await addAlarm(anna, id, 'Eilinen kaikille', { date: isoDay(-1), audience: 'all' });
    expect((await acknowledge(eve, recent)).statusCode).toBe(303);
    expect(await count(eve)).toBe(0);
    // Eve's watermark is now past every "everyone" alarm; one dated last month must still reach her.
    const old = await addAlarm(ben, id, 'Unohtunut kaikille', { date: isoDay(-30), audience: 'all' });
    expect(await count(eve)).toBe(1);
    expect(await alarmIds(eve)).toEqual([old]);
    expect((await acknowledge(eve, old)).statusCode).toBe(303);
    expect(await count(eve)).toBe(0);
  });
});
