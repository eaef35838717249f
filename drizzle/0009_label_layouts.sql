CREATE TABLE "label_layouts" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"page_width_mm" numeric(7, 2) NOT NULL,
	"page_height_mm" numeric(7, 2) NOT NULL,
	"margin_top_mm" numeric(7, 2) NOT NULL,
	"margin_left_mm" numeric(7, 2) NOT NULL,
	"label_width_mm" numeric(7, 2) NOT NULL,
	"label_height_mm" numeric(7, 2) NOT NULL,
	"pitch_x_mm" numeric(7, 2) NOT NULL,
	"pitch_y_mm" numeric(7, 2) NOT NULL,
	"columns" integer NOT NULL,
	"rows" integer NOT NULL,
	"built_in" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "label_layouts_code_unique" UNIQUE("code"),
	CONSTRAINT "label_layouts_grid_check" CHECK ("label_layouts"."columns" between 1 and 20 and "label_layouts"."rows" between 1 and 40),
	CONSTRAINT "label_layouts_sizes_check" CHECK ("label_layouts"."page_width_mm" > 0 and "label_layouts"."page_height_mm" > 0 and "label_layouts"."label_width_mm" > 0 and "label_layouts"."label_height_mm" > 0
        and "label_layouts"."margin_top_mm" >= 0 and "label_layouts"."margin_left_mm" >= 0
        and "label_layouts"."pitch_x_mm" >= "label_layouts"."label_width_mm" and "label_layouts"."pitch_y_mm" >= "label_layouts"."label_height_mm")
);
