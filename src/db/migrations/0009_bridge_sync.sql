CREATE TABLE "moodle_attendance_links" (
	"id" serial PRIMARY KEY NOT NULL,
	"activity_id" integer NOT NULL,
	"direction" text NOT NULL,
	"moodle_attendance_id" text NOT NULL,
	"taken_by_id" text,
	"last_run_at" timestamp with time zone,
	"last_result" jsonb
);
--> statement-breakpoint
CREATE TABLE "moodle_attendance_session_map" (
	"link_id" integer NOT NULL,
	"session_id" integer NOT NULL,
	"moodle_session_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "moodle_group_syncs" (
	"course_id" integer PRIMARY KEY NOT NULL,
	"synced_at" timestamp with time zone,
	"attempted_at" timestamp with time zone NOT NULL,
	"group_count" integer DEFAULT 0 NOT NULL,
	"error_key" text,
	"error_params" jsonb
);
--> statement-breakpoint
CREATE TABLE "moodle_session_calendar" (
	"session_id" integer PRIMARY KEY NOT NULL,
	"platform_id" text NOT NULL,
	"course_id" integer NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error_key" text,
	"error_params" jsonb,
	"queued_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "moodle_session_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"session_id" integer NOT NULL,
	"moodle_course_id" text NOT NULL,
	"moodle_group_id" text,
	"moodle_event_id" text NOT NULL,
	"fingerprint" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "moodle_attendance_links" ADD CONSTRAINT "moodle_attendance_links_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moodle_attendance_session_map" ADD CONSTRAINT "moodle_attendance_session_map_link_id_moodle_attendance_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."moodle_attendance_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moodle_group_syncs" ADD CONSTRAINT "moodle_group_syncs_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moodle_session_calendar" ADD CONSTRAINT "moodle_session_calendar_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "moodle_attendance_links_uq" ON "moodle_attendance_links" USING btree ("activity_id","direction","moodle_attendance_id");--> statement-breakpoint
CREATE UNIQUE INDEX "moodle_attendance_session_map_moodle_uq" ON "moodle_attendance_session_map" USING btree ("link_id","moodle_session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "moodle_attendance_session_map_session_uq" ON "moodle_attendance_session_map" USING btree ("link_id","session_id");--> statement-breakpoint
CREATE INDEX "moodle_session_calendar_status_idx" ON "moodle_session_calendar" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "moodle_session_events_event_uq" ON "moodle_session_events" USING btree ("moodle_course_id","moodle_event_id");--> statement-breakpoint
CREATE INDEX "moodle_session_events_session_idx" ON "moodle_session_events" USING btree ("session_id");