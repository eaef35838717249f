CREATE TYPE "public"."workspace_target" AS ENUM('person', 'organisation', 'contact_person', 'agent', 'staff', 'guardian');--> statement-breakpoint
CREATE TABLE "found_list" (
	"user_id" integer NOT NULL,
	"target_type" "workspace_target" NOT NULL,
	"target_id" integer NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "found_list_user_id_target_type_target_id_pk" PRIMARY KEY("user_id","target_type","target_id")
);
--> statement-breakpoint
CREATE TABLE "selected_list" (
	"user_id" integer NOT NULL,
	"target_type" "workspace_target" NOT NULL,
	"target_id" integer NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "selected_list_user_id_target_type_target_id_pk" PRIMARY KEY("user_id","target_type","target_id")
);
--> statement-breakpoint
ALTER TABLE "found_list" ADD CONSTRAINT "found_list_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selected_list" ADD CONSTRAINT "selected_list_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;