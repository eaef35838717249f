DROP INDEX "customers_name_lower_idx";--> statement-breakpoint
CREATE INDEX "customers_name_lower_idx" ON "customers" USING btree ((lower("name") collate "C"),"id");