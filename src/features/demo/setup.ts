import { randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { customerGroups, users } from '../../db/schema/index.js';
import { createUser } from '../auth/queries.js';
import { demoStaff, type Region, towns } from './finnish-data.js';

/** The demo account managers; existing ones (same username) are reused. */
export async function ensureStaff(tx: Db, log: (m: string) => void): Promise<number[]> {
  const ids: number[] = [];
  const created: string[] = [];
  const password = process.env.KANTA_PASSWORD || randomBytes(12).toString('base64url');
  for (const s of demoStaff) {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.username, s.username));
    if (existing) {
      ids.push(existing.id);
      continue;
    }
    const user = await createUser(tx, { ...s, password, role: 'staff' });
    ids.push(user.id);
    created.push(s.username);
  }
  if (created.length) {
    log(
      process.env.KANTA_PASSWORD
        ? `demo data: created staff ${created.join(', ')} with the password from KANTA_PASSWORD`
        : `demo data: created staff ${created.join(', ')} with the password ${password}`,
    );
  }
  return ids;
}

async function ensureGroup(tx: Db, parentId: number | null, name: string): Promise<number> {
  const [found] = await tx
    .select({ id: customerGroups.id })
    .from(customerGroups)
    .where(
      and(
        parentId === null ? isNull(customerGroups.parentId) : eq(customerGroups.parentId, parentId),
        eq(customerGroups.name, name),
      ),
    );
  if (found) return found.id;
  const [row] = await tx
    .insert(customerGroups)
    .values({ parentId, name })
    .returning({ id: customerGroups.id });
  return row!.id;
}

const companyRegions: Region[] = [
  'Uusimaa',
  'Pirkanmaa',
  'Varsinais-Suomi',
  'Pohjois-Pohjanmaa',
  'Keski-Suomi',
];

/**
 * The group tree:
 *   Yritysasiakkaat › Uusimaa, Pirkanmaa, Varsinais-Suomi, Pohjois-Pohjanmaa, Keski-Suomi, Muu Suomi
 *   Yksityisasiakkaat › Kanta-asiakkaat › Kulta, Hopea; Muut yksityisasiakkaat
 *   Agentit
 *   Toimittajat › Majoitus, Kuljetus, Ohjelmapalvelut
 */
export async function ensureGroups(tx: Db) {
  const companies = await ensureGroup(tx, null, 'Yritysasiakkaat');
  const byRegion = new Map<string, number>();
  for (const r of companyRegions) byRegion.set(r, await ensureGroup(tx, companies, r));
  const elsewhere = await ensureGroup(tx, companies, 'Muu Suomi');
  const privateCustomers = await ensureGroup(tx, null, 'Yksityisasiakkaat');
  const loyal = await ensureGroup(tx, privateCustomers, 'Kanta-asiakkaat');
  const gold = await ensureGroup(tx, loyal, 'Kulta');
  const silver = await ensureGroup(tx, loyal, 'Hopea');
  const otherPrivate = await ensureGroup(tx, privateCustomers, 'Muut yksityisasiakkaat');
  const agents = await ensureGroup(tx, null, 'Agentit');
  const supplierRoot = await ensureGroup(tx, null, 'Toimittajat');
  const suppliers = [
    await ensureGroup(tx, supplierRoot, 'Majoitus'),
    await ensureGroup(tx, supplierRoot, 'Kuljetus'),
    await ensureGroup(tx, supplierRoot, 'Ohjelmapalvelut'),
  ];
  return {
    companyByTown: towns.map((t) => byRegion.get(t.region) ?? elsewhere),
    agents,
    suppliers,
    gold,
    silver,
    otherPrivate,
  };
}

export const KIND_CODES = ['ASIAKAS', 'TOIMITTAJA', 'AGENTTI', 'PROSPEKTI'] as const;

/** The four default kinds, locked, with the first number each may hand out. */
export async function lockKinds(tx: Db) {
  const rows = await tx.execute<{ id: number; code: string; range_end: number; start: number }>(sql`
    select k.id, k.code, k.range_end,
      greatest(k.next_number, coalesce((select max(c.number) + 1 from customers c
        where c.number between k.range_start and k.range_end), k.range_start)) as start
    from customer_kinds k
    where k.code in (${sql.join(
      KIND_CODES.map((c) => sql`${c}`),
      sql`, `,
    )})
    for update`);
  const byCode = new Map([...rows].map((r) => [r.code, r]));
  const missing = KIND_CODES.filter((c) => !byCode.has(c));
  if (missing.length) {
    throw new Error(
      `Demo data needs the customer kinds ${KIND_CODES.join(', ')}; missing: ${missing.join(', ')}.`,
    );
  }
  return KIND_CODES.map((c) => byCode.get(c)!);
}
