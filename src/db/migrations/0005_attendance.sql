CREATE TABLE "attendance_grade_queue" (
	"activity_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	CONSTRAINT "attendance_grade_queue_activity_id_user_id_pk" PRIMARY KEY("activity_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "attendance_mark_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"session_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"from_status_id" integer,
	"to_status_id" integer,
	"from_remark" text,
	"to_remark" text,
	"by" text NOT NULL,
	"changed_by" text NOT NULL,
	"changed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attendance_marks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"session_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"status_id" integer NOT NULL,
	"remark" text DEFAULT '' NOT NULL,
	"by" text DEFAULT 'lecturer' NOT NULL,
	"marked_by" text NOT NULL,
	"marked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attendance_session_groups" (
	"session_id" integer NOT NULL,
	"group_id" integer NOT NULL,
	CONSTRAINT "attendance_session_groups_session_id_group_id_pk" PRIMARY KEY("session_id","group_id")
);
--> statement-breakpoint
CREATE TABLE "attendance_sessions" (
	"id" serial PRIMARY KEY NOT NULL,
	"activity_id" integer NOT NULL,
	"set_id" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"room" text,
	"lecturer_user_id" text,
	"series_id" text,
	"taken_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attendance_settings" (
	"activity_id" integer PRIMARY KEY NOT NULL,
	"percent_basis" text DEFAULT 'taken' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attendance_status_sets" (
	"id" serial PRIMARY KEY NOT NULL,
	"activity_id" integer NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attendance_statuses" (
	"id" serial PRIMARY KEY NOT NULL,
	"set_id" integer NOT NULL,
	"acronym" text NOT NULL,
	"default_key" text,
	"description" text,
	"points" real DEFAULT 0 NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"is_hidden" boolean DEFAULT false NOT NULL,
	"checkin_until_minutes" integer,
	"is_unmarked_default" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "course_group_members" (
	"group_id" integer NOT NULL,
	"course_id" integer NOT NULL,
	"user_id" text NOT NULL,
	CONSTRAINT "course_group_members_group_id_user_id_pk" PRIMARY KEY("group_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "course_groups" (
	"id" serial PRIMARY KEY NOT NULL,
	"course_id" integer NOT NULL,
	"moodle_group_id" text,
	"name" text NOT NULL,
	"source" text DEFAULT 'tool' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "attendance_grade_queue" ADD CONSTRAINT "attendance_grade_queue_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_mark_history" ADD CONSTRAINT "attendance_mark_history_session_id_attendance_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."attendance_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_marks" ADD CONSTRAINT "attendance_marks_session_id_attendance_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."attendance_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_marks" ADD CONSTRAINT "attendance_marks_status_id_attendance_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."attendance_statuses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_session_groups" ADD CONSTRAINT "attendance_session_groups_session_id_attendance_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."attendance_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_session_groups" ADD CONSTRAINT "attendance_session_groups_group_id_course_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."course_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_sessions" ADD CONSTRAINT "attendance_sessions_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_sessions" ADD CONSTRAINT "attendance_sessions_set_id_attendance_status_sets_id_fk" FOREIGN KEY ("set_id") REFERENCES "public"."attendance_status_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_settings" ADD CONSTRAINT "attendance_settings_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_status_sets" ADD CONSTRAINT "attendance_status_sets_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_statuses" ADD CONSTRAINT "attendance_statuses_set_id_attendance_status_sets_id_fk" FOREIGN KEY ("set_id") REFERENCES "public"."attendance_status_sets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_group_members" ADD CONSTRAINT "course_group_members_group_id_course_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."course_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_group_members" ADD CONSTRAINT "course_group_members_course_id_user_id_course_members_course_id_user_id_fk" FOREIGN KEY ("course_id","user_id") REFERENCES "public"."course_members"("course_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_groups" ADD CONSTRAINT "course_groups_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attendance_grade_queue_due_idx" ON "attendance_grade_queue" USING btree ("due_at");--> statement-breakpoint
CREATE INDEX "attendance_mark_history_session_user_idx" ON "attendance_mark_history" USING btree ("session_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_marks_session_user_uq" ON "attendance_marks" USING btree ("session_id","user_id");--> statement-breakpoint
CREATE INDEX "attendance_marks_status_idx" ON "attendance_marks" USING btree ("status_id");--> statement-breakpoint
CREATE INDEX "attendance_sessions_activity_start_idx" ON "attendance_sessions" USING btree ("activity_id","starts_at");--> statement-breakpoint
CREATE INDEX "attendance_status_sets_activity_idx" ON "attendance_status_sets" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "attendance_statuses_set_idx" ON "attendance_statuses" USING btree ("set_id");--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_statuses_unmarked_uq" ON "attendance_statuses" USING btree ("set_id") WHERE "attendance_statuses"."is_unmarked_default";--> statement-breakpoint
CREATE INDEX "course_group_members_user_idx" ON "course_group_members" USING btree ("course_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "course_groups_moodle_uq" ON "course_groups" USING btree ("course_id","moodle_group_id");--> statement-breakpoint
CREATE INDEX "course_groups_course_idx" ON "course_groups" USING btree ("course_id");