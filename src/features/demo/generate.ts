import type { Db } from '../../db/client.js';

export type DemoOptions = { customers: number; seed: number; log: (message: string) => void };

/** Fills a realistic, deterministic Finnish demo register. (Being written.) */
export async function generateDemoData(_db: Db, options: DemoOptions): Promise<void> {
  options.log('demo data: not written yet');
}
