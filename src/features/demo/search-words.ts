import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { insertSearchWords } from '../customers/queries.js';

/**
 * Adds the words of the names and cities of the customers loaded after `afterId` to
 * `search_words` (the typo-tolerant quick search's dictionary) in one set-based
 * statement; a million customers take a couple of seconds.
 */
export async function addSearchWords(tx: Db, afterId: number): Promise<void> {
  await tx.execute(insertSearchWords(sql`(select name, city from customers where id > ${afterId}) as c`));
}
