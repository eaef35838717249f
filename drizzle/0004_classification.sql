CREATE TYPE "public"."ban_kind" AS ENUM('NO_MARKETING', 'NO_SMS', 'NO_EMAIL');--> statement-breakpoint
CREATE TYPE "public"."ban_source" AS ENUM('staff', 'api', 'import', 'unsubscribe');--> statement-breakpoint
CREATE TYPE "public"."contact_role" AS ENUM('CONTACT_NUMBER', 'CONTACT_PURCHASE', 'CONTACT_SALES');--> statement-breakpoint
CREATE TYPE "public"."profile_field_type" AS ENUM('single', 'multi', 'memo', 'date', 'text');--> statement-breakpoint
CREATE TABLE "ban_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"customer_id" integer,
	"contact_person_id" integer,
	"ban" "ban_kind" NOT NULL,
	"active" boolean NOT NULL,
	"source" "ban_source" NOT NULL,
	"user_id" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_person_groups" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "contact_person_groups_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "contact_person_properties" (
	"id" serial PRIMARY KEY NOT NULL,
	"group_id" integer,
	"code" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "contact_person_properties_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "contact_person_property_links" (
	"property_id" integer NOT NULL,
	"contact_person_id" integer NOT NULL,
	CONSTRAINT "contact_person_property_links_property_id_contact_person_id_pk" PRIMARY KEY("property_id","contact_person_id")
);
--> statement-breakpoint
CREATE TABLE "contact_roles" (
	"customer_id" integer NOT NULL,
	"role" "contact_role" NOT NULL,
	"contact_person_id" integer NOT NULL,
	CONSTRAINT "contact_roles_customer_id_role_pk" PRIMARY KEY("customer_id","role")
);
--> statement-breakpoint
CREATE TABLE "customer_profile_texts" (
	"customer_id" integer NOT NULL,
	"field_id" integer NOT NULL,
	"text" text,
	"date" date,
	CONSTRAINT "customer_profile_texts_customer_id_field_id_pk" PRIMARY KEY("customer_id","field_id")
);
--> statement-breakpoint
CREATE TABLE "customer_profile_values" (
	"value_id" integer NOT NULL,
	"customer_id" integer NOT NULL,
	"field_id" integer NOT NULL,
	CONSTRAINT "customer_profile_values_value_id_customer_id_pk" PRIMARY KEY("value_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "customer_properties" (
	"property_id" integer NOT NULL,
	"customer_id" integer NOT NULL,
	"value_text" text,
	CONSTRAINT "customer_properties_property_id_customer_id_pk" PRIMARY KEY("property_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "customer_tracking" (
	"customer_id" integer NOT NULL,
	"dimension_id" integer NOT NULL,
	"value_id" integer NOT NULL,
	CONSTRAINT "customer_tracking_customer_id_dimension_id_pk" PRIMARY KEY("customer_id","dimension_id")
);
--> statement-breakpoint
CREATE TABLE "guardians" (
	"guardian_id" integer NOT NULL,
	"ward_id" integer NOT NULL,
	CONSTRAINT "guardians_guardian_id_ward_id_pk" PRIMARY KEY("guardian_id","ward_id")
);
--> statement-breakpoint
CREATE TABLE "profile_fields" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" varchar(10) NOT NULL,
	"title" text NOT NULL,
	"type" "profile_field_type" NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "profile_fields_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "profile_values" (
	"id" serial PRIMARY KEY NOT NULL,
	"field_id" integer NOT NULL,
	"code" varchar(5) NOT NULL,
	"label" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "profile_values_fieldId_code_unique" UNIQUE("field_id","code")
);
--> statement-breakpoint
CREATE TABLE "properties" (
	"id" serial PRIMARY KEY NOT NULL,
	"group_id" integer,
	"code" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "properties_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "property_groups" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "property_groups_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "tracking_dimensions" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "tracking_dimensions_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "tracking_values" (
	"id" serial PRIMARY KEY NOT NULL,
	"dimension_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "tracking_values_dimensionId_code_unique" UNIQUE("dimension_id","code")
);
--> statement-breakpoint
ALTER TABLE "contact_persons" ADD COLUMN "no_marketing" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "contact_persons" ADD COLUMN "no_sms" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "contact_persons" ADD COLUMN "no_email" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "no_marketing" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "no_sms" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "no_email" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "ban_history" ADD CONSTRAINT "ban_history_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ban_history" ADD CONSTRAINT "ban_history_contact_person_id_contact_persons_id_fk" FOREIGN KEY ("contact_person_id") REFERENCES "public"."contact_persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ban_history" ADD CONSTRAINT "ban_history_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_person_properties" ADD CONSTRAINT "contact_person_properties_group_id_contact_person_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."contact_person_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_person_property_links" ADD CONSTRAINT "contact_person_property_links_property_id_contact_person_properties_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."contact_person_properties"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_person_property_links" ADD CONSTRAINT "contact_person_property_links_contact_person_id_contact_persons_id_fk" FOREIGN KEY ("contact_person_id") REFERENCES "public"."contact_persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_roles" ADD CONSTRAINT "contact_roles_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_roles" ADD CONSTRAINT "contact_roles_contact_person_id_contact_persons_id_fk" FOREIGN KEY ("contact_person_id") REFERENCES "public"."contact_persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_profile_texts" ADD CONSTRAINT "customer_profile_texts_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_profile_texts" ADD CONSTRAINT "customer_profile_texts_field_id_profile_fields_id_fk" FOREIGN KEY ("field_id") REFERENCES "public"."profile_fields"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_profile_values" ADD CONSTRAINT "customer_profile_values_value_id_profile_values_id_fk" FOREIGN KEY ("value_id") REFERENCES "public"."profile_values"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_profile_values" ADD CONSTRAINT "customer_profile_values_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_profile_values" ADD CONSTRAINT "customer_profile_values_field_id_profile_fields_id_fk" FOREIGN KEY ("field_id") REFERENCES "public"."profile_fields"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_properties" ADD CONSTRAINT "customer_properties_property_id_properties_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."properties"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_properties" ADD CONSTRAINT "customer_properties_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_tracking" ADD CONSTRAINT "customer_tracking_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_tracking" ADD CONSTRAINT "customer_tracking_dimension_id_tracking_dimensions_id_fk" FOREIGN KEY ("dimension_id") REFERENCES "public"."tracking_dimensions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_tracking" ADD CONSTRAINT "customer_tracking_value_id_tracking_values_id_fk" FOREIGN KEY ("value_id") REFERENCES "public"."tracking_values"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardians" ADD CONSTRAINT "guardians_guardian_id_customers_id_fk" FOREIGN KEY ("guardian_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardians" ADD CONSTRAINT "guardians_ward_id_customers_id_fk" FOREIGN KEY ("ward_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profile_values" ADD CONSTRAINT "profile_values_field_id_profile_fields_id_fk" FOREIGN KEY ("field_id") REFERENCES "public"."profile_fields"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "properties" ADD CONSTRAINT "properties_group_id_property_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."property_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_values" ADD CONSTRAINT "tracking_values_dimension_id_tracking_dimensions_id_fk" FOREIGN KEY ("dimension_id") REFERENCES "public"."tracking_dimensions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ban_history_customer_id_id_index" ON "ban_history" USING btree ("customer_id","id");--> statement-breakpoint
CREATE INDEX "ban_history_contact_person_id_id_index" ON "ban_history" USING btree ("contact_person_id","id");--> statement-breakpoint
CREATE INDEX "contact_person_properties_group_id_index" ON "contact_person_properties" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "contact_person_property_links_contact_person_id_index" ON "contact_person_property_links" USING btree ("contact_person_id");--> statement-breakpoint
CREATE INDEX "contact_roles_contact_person_id_index" ON "contact_roles" USING btree ("contact_person_id");--> statement-breakpoint
CREATE INDEX "customer_profile_texts_field_id_date_index" ON "customer_profile_texts" USING btree ("field_id","date");--> statement-breakpoint
CREATE INDEX "customer_profile_texts_trgm_idx" ON "customer_profile_texts" USING gin (lower("text") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customer_profile_values_customer_id_field_id_index" ON "customer_profile_values" USING btree ("customer_id","field_id");--> statement-breakpoint
CREATE INDEX "customer_properties_customer_id_index" ON "customer_properties" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "customer_tracking_value_id_customer_id_index" ON "customer_tracking" USING btree ("value_id","customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "guardians_ward_id_guardian_id_index" ON "guardians" USING btree ("ward_id","guardian_id");--> statement-breakpoint
CREATE INDEX "properties_group_id_index" ON "properties" USING btree ("group_id");