CREATE TYPE "public"."alarm_audience" AS ENUM('self', 'all', 'user');--> statement-breakpoint
CREATE TYPE "public"."import_target" AS ENUM('customers', 'sales_documents');--> statement-breakpoint
CREATE TYPE "public"."sales_document_kind" AS ENUM('booking', 'sales_order', 'invoice');--> statement-breakpoint
CREATE TABLE "alarm_acknowledgements" (
	"alarm_id" bigint NOT NULL,
	"user_id" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alarm_acknowledgements_user_id_alarm_id_pk" PRIMARY KEY("user_id","alarm_id")
);
--> statement-breakpoint
CREATE TABLE "alarms" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"interaction_id" bigint NOT NULL,
	"customer_id" integer NOT NULL,
	"due_date" date NOT NULL,
	"message" text NOT NULL,
	"audience" "alarm_audience" NOT NULL,
	"user_id" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	CONSTRAINT "alarms_interactionId_unique" UNIQUE("interaction_id")
);
--> statement-breakpoint
CREATE TABLE "contact_types" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "contact_types_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "interaction_batches" (
	"id" serial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"entry_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer,
	"undone_at" timestamp with time zone,
	"undone_by" integer
);
--> statement-breakpoint
CREATE TABLE "interactions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"customer_id" integer NOT NULL,
	"contact_person_id" integer,
	"type_id" integer NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"batch_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer
);
--> statement-breakpoint
CREATE TABLE "customer_sales_years" (
	"customer_id" integer NOT NULL,
	"year" integer NOT NULL,
	"kind" "sales_document_kind" NOT NULL,
	"destination_type_id" integer DEFAULT 0 NOT NULL,
	"count" integer NOT NULL,
	"amount_cents" bigint NOT NULL,
	CONSTRAINT "customer_sales_years_customer_id_year_kind_destination_type_id_pk" PRIMARY KEY("customer_id","year","kind","destination_type_id")
);
--> statement-breakpoint
CREATE TABLE "destination_types" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"auto_value_id" integer,
	CONSTRAINT "destination_types_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "import_mappings" (
	"target" "import_target" NOT NULL,
	"header_key" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_mappings_target_header_key_pk" PRIMARY KEY("target","header_key")
);
--> statement-breakpoint
CREATE TABLE "import_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"target" "import_target" NOT NULL,
	"user_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"file" "bytea" NOT NULL,
	"mapping" jsonb,
	"status" text DEFAULT 'uploaded' NOT NULL,
	"only_good_rows" boolean DEFAULT false NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"report" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sales_documents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"customer_id" integer NOT NULL,
	"external_id" text,
	"kind" "sales_document_kind" NOT NULL,
	"number" text,
	"date" date NOT NULL,
	"travel_start" date,
	"travel_end" date,
	"destination_type_id" integer,
	"destination" text,
	"amount_cents" bigint NOT NULL,
	"due_date" date,
	"paid_date" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sales_documents_externalId_unique" UNIQUE("external_id")
);
--> statement-breakpoint
ALTER TABLE "alarm_acknowledgements" ADD CONSTRAINT "alarm_acknowledgements_alarm_id_alarms_id_fk" FOREIGN KEY ("alarm_id") REFERENCES "public"."alarms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alarm_acknowledgements" ADD CONSTRAINT "alarm_acknowledgements_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alarms" ADD CONSTRAINT "alarms_interaction_id_interactions_id_fk" FOREIGN KEY ("interaction_id") REFERENCES "public"."interactions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alarms" ADD CONSTRAINT "alarms_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alarms" ADD CONSTRAINT "alarms_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alarms" ADD CONSTRAINT "alarms_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interaction_batches" ADD CONSTRAINT "interaction_batches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interaction_batches" ADD CONSTRAINT "interaction_batches_undone_by_users_id_fk" FOREIGN KEY ("undone_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_contact_person_id_contact_persons_id_fk" FOREIGN KEY ("contact_person_id") REFERENCES "public"."contact_persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_type_id_contact_types_id_fk" FOREIGN KEY ("type_id") REFERENCES "public"."contact_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_batch_id_interaction_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."interaction_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_settings" ADD CONSTRAINT "app_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_sales_years" ADD CONSTRAINT "customer_sales_years_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "destination_types" ADD CONSTRAINT "destination_types_auto_value_id_profile_values_id_fk" FOREIGN KEY ("auto_value_id") REFERENCES "public"."profile_values"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_documents" ADD CONSTRAINT "sales_documents_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_documents" ADD CONSTRAINT "sales_documents_destination_type_id_destination_types_id_fk" FOREIGN KEY ("destination_type_id") REFERENCES "public"."destination_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alarms_personal_open_idx" ON "alarms" USING btree ("user_id","due_date") WHERE "alarms"."acknowledged_at" is null and "alarms"."audience" <> 'all';--> statement-breakpoint
CREATE INDEX "alarms_all_idx" ON "alarms" USING btree ("due_date") WHERE "alarms"."audience" = 'all';--> statement-breakpoint
CREATE INDEX "alarms_customer_id_index" ON "alarms" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "interactions_customer_id_id_index" ON "interactions" USING btree ("customer_id","id");--> statement-breakpoint
CREATE INDEX "interactions_contact_person_id_index" ON "interactions" USING btree ("contact_person_id");--> statement-breakpoint
CREATE INDEX "interactions_type_id_created_at_customer_id_index" ON "interactions" USING btree ("type_id","created_at","customer_id");--> statement-breakpoint
CREATE INDEX "interactions_created_by_created_at_customer_id_index" ON "interactions" USING btree ("created_by","created_at","customer_id");--> statement-breakpoint
CREATE INDEX "interactions_created_at_customer_id_index" ON "interactions" USING btree ("created_at","customer_id");--> statement-breakpoint
CREATE INDEX "interactions_batch_id_index" ON "interactions" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "customer_sales_years_destination_type_id_year_customer_id_index" ON "customer_sales_years" USING btree ("destination_type_id","year","customer_id");--> statement-breakpoint
CREATE INDEX "customer_sales_years_year_kind_customer_id_index" ON "customer_sales_years" USING btree ("year","kind","customer_id");--> statement-breakpoint
CREATE INDEX "import_runs_user_id_id_index" ON "import_runs" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "sales_documents_customer_id_date_id_index" ON "sales_documents" USING btree ("customer_id","date","id");--> statement-breakpoint
CREATE INDEX "sales_documents_destination_type_id_travel_start_customer_id_index" ON "sales_documents" USING btree ("destination_type_id","travel_start","customer_id");--> statement-breakpoint
CREATE INDEX "sales_documents_destination_type_id_date_customer_id_index" ON "sales_documents" USING btree ("destination_type_id","date","customer_id");--> statement-breakpoint
CREATE INDEX "sales_documents_unpaid_idx" ON "sales_documents" USING btree ("customer_id","due_date") WHERE "sales_documents"."paid_date" is null and "sales_documents"."due_date" is not null;