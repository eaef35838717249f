CREATE TABLE "search_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE INDEX "search_words_word_trgm_idx" ON "search_words" USING gist ("word" gist_trgm_ops);--> statement-breakpoint
-- The words of the customers already in the register; the app adds new ones as it saves customers.
INSERT INTO "search_words" ("word")
SELECT DISTINCT w FROM "customers", regexp_split_to_table(lower("name" || ' ' || coalesce("city", '')), '[^[:alnum:]]+') AS w
WHERE length(w) >= 3
ON CONFLICT DO NOTHING;
