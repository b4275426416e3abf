CREATE TABLE "class_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"class_id" integer NOT NULL,
	"kind" text NOT NULL,
	"by_user_id" text NOT NULL,
	"by_name" text DEFAULT '' NOT NULL,
	"diff" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "planning_coordinators" (
	"platform_id" text NOT NULL,
	"user_id" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "planning_coordinators_platform_id_user_id_pk" PRIMARY KEY("platform_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "planning_settings" (
	"platform_id" text PRIMARY KEY NOT NULL,
	"timezone" text DEFAULT 'Europe/Riga' NOT NULL,
	"slots" jsonb NOT NULL,
	"staff_context_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "study_classes" (
	"id" serial PRIMARY KEY NOT NULL,
	"platform_id" text NOT NULL,
	"natural_key" text NOT NULL,
	"class_date" date NOT NULL,
	"slot_no" integer,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"course_ref" text NOT NULL,
	"moodle_course_id" text,
	"course_title" text DEFAULT '' NOT NULL,
	"lecturer_name" text DEFAULT '' NOT NULL,
	"lecturer_email" text DEFAULT '' NOT NULL,
	"groups" text DEFAULT '' NOT NULL,
	"is_online" boolean DEFAULT true NOT NULL,
	"room" text DEFAULT '' NOT NULL,
	"state" text DEFAULT 'planned' NOT NULL,
	"link_mode" text DEFAULT 'zoom' NOT NULL,
	"zoom_host_id" integer,
	"zoom_lane" integer,
	"host_concurrency" integer,
	"meeting_host_id" integer,
	"meeting_id" text,
	"join_url" text,
	"passcode" text,
	"manual_url" text,
	"zoom_error" text,
	"zoom_synced_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "study_classes_lane_ck" CHECK (("study_classes"."zoom_host_id" is null and "study_classes"."zoom_lane" is null) or ("study_classes"."zoom_host_id" is not null and "study_classes"."host_concurrency" is not null and "study_classes"."zoom_lane" between 1 and "study_classes"."host_concurrency")),
	CONSTRAINT "study_classes_time_ck" CHECK ("study_classes"."starts_at" < "study_classes"."ends_at"),
	CONSTRAINT "study_classes_state_ck" CHECK ("study_classes"."state" in ('planned', 'changed', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "zoom_host_usage" (
	"host_id" integer NOT NULL,
	"day" date NOT NULL,
	"calls" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "zoom_host_usage_host_id_day_pk" PRIMARY KEY("host_id","day")
);
--> statement-breakpoint
CREATE TABLE "zoom_hosts" (
	"id" serial PRIMARY KEY NOT NULL,
	"platform_id" text NOT NULL,
	"email" text NOT NULL,
	"zoom_user_id" text,
	"concurrency" integer DEFAULT 1 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "zoom_hosts_id_concurrency_uq" UNIQUE("id","concurrency"),
	CONSTRAINT "zoom_hosts_concurrency_ck" CHECK ("zoom_hosts"."concurrency" between 1 and 10)
);
--> statement-breakpoint
ALTER TABLE "class_changes" ADD CONSTRAINT "class_changes_class_id_study_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."study_classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_classes" ADD CONSTRAINT "study_classes_meeting_host_id_zoom_hosts_id_fk" FOREIGN KEY ("meeting_host_id") REFERENCES "public"."zoom_hosts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_classes" ADD CONSTRAINT "study_classes_host_fk" FOREIGN KEY ("zoom_host_id","host_concurrency") REFERENCES "public"."zoom_hosts"("id","concurrency") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "zoom_host_usage" ADD CONSTRAINT "zoom_host_usage_host_id_zoom_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."zoom_hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "class_changes_class_idx" ON "class_changes" USING btree ("class_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "study_classes_natural_key_uq" ON "study_classes" USING btree ("platform_id","natural_key");--> statement-breakpoint
CREATE INDEX "study_classes_day_idx" ON "study_classes" USING btree ("platform_id","class_date");--> statement-breakpoint
CREATE UNIQUE INDEX "zoom_hosts_platform_email_uq" ON "zoom_hosts" USING btree ("platform_id","email");