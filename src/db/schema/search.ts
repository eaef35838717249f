import { sql } from 'drizzle-orm';
import { index, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * The distinct lower-cased words of customer names and cities (hakusanat): the
 * quick search's typo-tolerant tier corrects a misspelt word against this small
 * table instead of comparing trigrams over a million customers. Words are only
 * added; a word no customer has any more does no harm.
 */
export const searchWords = pgTable('search_words', { word: text().primaryKey() }, (t) => [
  index('search_words_word_trgm_idx').using('gist', sql`${t.word} gist_trgm_ops`),
]);
