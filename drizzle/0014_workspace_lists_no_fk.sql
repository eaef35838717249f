ALTER TABLE "found_list" DROP CONSTRAINT "found_list_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "selected_list" DROP CONSTRAINT "selected_list_user_id_users_id_fk";
