import type { Db } from '../../db/client.js';
import { kindCodes } from './queries.js';

/**
 * Kind code ↔ id for API requests without a database round trip each time. The
 * table is tiny and rarely edited: it is re-read after `ttlMs`, and at once when a
 * code or id is not found, so a new or renamed kind works immediately. A deleted
 * kind may linger for `ttlMs`; createCustomer still checks that the id exists.
 */
export function kindLookup(db: Db, ttlMs = 30_000) {
  let byCode = new Map<string, number>();
  let byId = new Map<number, string>();
  let loadedAt = 0;
  let loading: Promise<void> | null = null;

  async function load() {
    const rows = await kindCodes(db);
    byCode = new Map(rows.map((k) => [k.code, k.id]));
    byId = new Map(rows.map((k) => [k.id, k.code]));
    loadedAt = Date.now();
  }

  /** Reads the table again (once for all waiting callers); false when it was fresh enough. */
  async function refresh(force: boolean): Promise<boolean> {
    if (!force && Date.now() - loadedAt < ttlMs) return false;
    loading ??= load().finally(() => {
      loading = null;
    });
    await loading;
    return true;
  }

  async function find<K, V>(map: () => Map<K, V>, key: K): Promise<V | undefined> {
    const reloaded = await refresh(false);
    if (!map().has(key) && !reloaded) await refresh(true);
    return map().get(key);
  }

  return {
    idOf: (code: string) => find(() => byCode, code),
    codeOf: (id: number) => find(() => byId, id),
  };
}
