CREATE TABLE "alarm_watermarks" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"all_clear_before" date NOT NULL
);
--> statement-breakpoint
DROP INDEX "alarms_all_idx";--> statement-breakpoint
ALTER TABLE "alarm_watermarks" ADD CONSTRAINT "alarm_watermarks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alarms_all_due_idx" ON "alarms" USING btree ("due_date","id") WHERE "alarms"."audience" = 'all';