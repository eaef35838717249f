DROP INDEX "customers_phone_trgm_idx";--> statement-breakpoint
CREATE INDEX "customers_phone_digits_trgm_idx" ON "customers" USING gin (replace("phone_digits", ' ', '') gin_trgm_ops);