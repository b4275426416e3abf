CREATE TABLE "class_publications" (
	"class_id" integer PRIMARY KEY NOT NULL,
	"platform_id" text NOT NULL,
	"status" text NOT NULL,
	"error_key" text,
	"error_params" jsonb,
	"attempted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "published_announcements" (
	"platform_id" text NOT NULL,
	"class_date" date NOT NULL,
	"moodle_course_id" text NOT NULL,
	"forum_id" text NOT NULL,
	"discussion_id" text NOT NULL,
	"fingerprint" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	CONSTRAINT "published_announcements_platform_id_class_date_pk" PRIMARY KEY("platform_id","class_date")
);
--> statement-breakpoint
CREATE TABLE "published_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"platform_id" text NOT NULL,
	"class_id" integer NOT NULL,
	"group_name" text DEFAULT '' NOT NULL,
	"moodle_course_id" text NOT NULL,
	"moodle_group_id" text,
	"moodle_event_id" text NOT NULL,
	"fingerprint" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "planning_settings" ADD COLUMN "info_course_ref" text;--> statement-breakpoint
ALTER TABLE "class_publications" ADD CONSTRAINT "class_publications_class_id_study_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."study_classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_events" ADD CONSTRAINT "published_events_class_id_study_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."study_classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "class_publications_platform_idx" ON "class_publications" USING btree ("platform_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "published_events_class_group_uq" ON "published_events" USING btree ("class_id","group_name");