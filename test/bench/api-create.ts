import { femaleFirstNames, lastNames, maleFirstNames, towns } from '../../src/features/demo/finnish-data.js';
import { prng } from './search-queries.js';

const firstNames = [...femaleFirstNames, ...maleFirstNames];

/**
 * POSTs `total` new person customers to /api/v1/customers over real HTTP with
 * `clients` requests in flight at once. Returns the created-per-second rate and the
 * answers that were not 201.
 */
export async function createThroughApi(
  baseUrl: string,
  token: string,
  total: number,
  clients: number,
  seed: number,
): Promise<{ perSecond: number; created: number; failures: Record<string, number>; seconds: number }> {
  const rnd = prng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const bodies = Array.from({ length: total }, (_, i) => {
    const town = pick(towns);
    return JSON.stringify({
      type: 'person',
      firstName: pick(firstNames),
      lastName: pick(lastNames),
      kind: 'ASIAKAS',
      email: `bench.${seed}.${i}@example.fi`,
      mobile: `040${String(1000000 + Math.floor(rnd() * 8999999))}`,
      streetAddress: `Koulukatu ${1 + (i % 90)}`,
      postalCode: pick(town.codes),
      city: town.name,
    });
  });
  let next = 0;
  let created = 0;
  const failures: Record<string, number> = {};
  const worker = async () => {
    for (let i = next++; i < total; i = next++) {
      const res = await fetch(`${baseUrl}/api/v1/customers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: bodies[i],
      });
      await res.arrayBuffer();
      if (res.status === 201) created++;
      else failures[res.status] = (failures[res.status] ?? 0) + 1;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: clients }, worker));
  const seconds = (performance.now() - start) / 1000;
  return { perSecond: created / seconds, created, failures, seconds };
}
