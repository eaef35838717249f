DROP INDEX "found_list_page_idx";--> statement-breakpoint
DROP INDEX "selected_list_page_idx";--> statement-breakpoint
ALTER TABLE "found_list" DROP COLUMN "sort_key";--> statement-breakpoint
ALTER TABLE "selected_list" DROP COLUMN "sort_key";