ALTER TABLE "found_list" ADD COLUMN "sort_key" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "selected_list" ADD COLUMN "sort_key" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "found_list_page_idx" ON "found_list" USING btree ("user_id","target_type","sort_key","target_id");--> statement-breakpoint
CREATE INDEX "selected_list_page_idx" ON "selected_list" USING btree ("user_id","target_type","sort_key","target_id");