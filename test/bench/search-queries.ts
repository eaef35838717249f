import type postgres from 'postgres';

/** A small seeded PRNG, so every bench run asks the same questions of the same data. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Sample = {
  id: number;
  number: number;
  type: string;
  name: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  mobile: string | null;
  phone: string | null;
  city: string | null;
  business_id: string | null;
};

/** Random existing customers (ids drawn uniformly between the lowest and highest id). */
export async function sampleCustomers(sql: postgres.Sql, count: number, seed: number): Promise<Sample[]> {
  const [range] = await sql<{ lo: number; hi: number }[]>`select min(id) as lo, max(id) as hi from customers`;
  const rnd = prng(seed);
  const ids = Array.from(
    { length: count * 2 },
    () => range!.lo + Math.floor(rnd() * (range!.hi - range!.lo + 1)),
  );
  const rows = await sql<Sample[]>`
    select id, number, type, name, first_name, last_name, email, mobile, phone, city, business_id
    from customers where id = any(${ids}::int[]) and archived_at is null`;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: Sample[] = [];
  for (const id of ids) {
    const r = byId.get(id);
    if (r && out.length < count) out.push(r);
  }
  return out;
}

/** One typo: a letter dropped, doubled, swapped with the next, or replaced. */
function misspell(word: string, rnd: () => number): string {
  const i = 1 + Math.floor(rnd() * Math.max(word.length - 2, 1));
  switch (Math.floor(rnd() * 4)) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1);
    case 1:
      return word.slice(0, i) + word[i] + word.slice(i);
    case 2:
      return word.slice(0, i) + (word[i + 1] ?? '') + word[i] + word.slice(i + 2);
    default:
      return `${word.slice(0, i)}${'aeiouklmnrst'[Math.floor(rnd() * 12)]}${word.slice(i + 1)}`;
  }
}

/** "+358 40 1234567" as people type it: "040 1234567", "0401234", "40 123 45" … */
function phoneFragment(phone: string, rnd: () => number): string {
  const [, area, rest] = /^\+358 (\d+) (\d+)$/.exec(phone) ?? [];
  if (!area || !rest) return phone;
  switch (Math.floor(rnd() * 4)) {
    case 0:
      return `0${area} ${rest}`;
    case 1:
      return `0${area}${rest.slice(0, 5)}`;
    case 2:
      return `${area} ${rest.slice(0, 3)} ${rest.slice(3, 5)}`;
    default:
      return `+358${area}${rest}`;
  }
}

export type SearchQuery = { kind: string; q: string };

/**
 * 200 varied quick-search queries built from real rows: names (whole, first + last,
 * misspelt), customer numbers, phone fragments, e-mails, cities, business ids and
 * company-name words.
 */
export async function buildQueries(sql: postgres.Sql, seed = 42): Promise<SearchQuery[]> {
  const rnd = prng(seed);
  const people = (await sampleCustomers(sql, 400, seed)).filter((c) => c.type === 'person');
  const orgs = await sql<Sample[]>`
    select id, number, type, name, first_name, last_name, email, mobile, phone, city, business_id
    from customers where type = 'organisation' and archived_at is null
      and id % 97 = ${seed % 97} limit 60`;
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const queries: SearchQuery[] = [];
  const add = (kind: string, n: number, make: () => string | null | undefined) => {
    for (let i = 0, tries = 0; i < n && tries < n * 20; tries++) {
      const q = make();
      if (q) {
        queries.push({ kind, q });
        i++;
      }
    }
  };
  add('last name', 25, () => pick(people).last_name);
  add('last + first', 25, () => {
    const p = pick(people);
    return `${p.last_name} ${p.first_name}`;
  });
  add('misspelt name', 25, () => {
    const p = pick(people);
    return rnd() < 0.5
      ? misspell(p.last_name ?? '', rnd)
      : `${misspell(p.last_name ?? '', rnd)} ${p.first_name}`;
  });
  add('number', 20, () => String(pick([...people, ...orgs]).number));
  add('phone', 25, () => {
    const c = pick([...people, ...orgs]);
    const phone = c.mobile ?? c.phone;
    return phone ? phoneFragment(phone, rnd) : null;
  });
  add('e-mail', 20, () => pick(people).email);
  add('e-mail start', 10, () => pick(people).email?.split('@')[0]);
  add('city', 15, () => pick(people).city);
  add('business id', 15, () => {
    const b = pick(orgs).business_id;
    return b && rnd() < 0.3 ? b.replace('-', '') : b;
  });
  add('company name', 20, () => {
    const words = pick(orgs).name.split(' ');
    return rnd() < 0.5 ? words.slice(0, 2).join(' ') : words[0]!;
  });
  return queries.slice(0, 200);
}
