CREATE TABLE "lecturer_counts" (
	"class_id" integer PRIMARY KEY NOT NULL,
	"platform_id" text NOT NULL,
	"class_date" date NOT NULL,
	"email" text NOT NULL,
	"attendees" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lecturer_replies" (
	"platform_id" text NOT NULL,
	"class_date" date NOT NULL,
	"email" text NOT NULL,
	"answer" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "lecturer_replies_platform_id_class_date_email_pk" PRIMARY KEY("platform_id","class_date","email")
);
--> statement-breakpoint
CREATE TABLE "study_day_automation" (
	"platform_id" text NOT NULL,
	"class_date" date NOT NULL,
	"is_paused" boolean DEFAULT false NOT NULL,
	"changed_by" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "study_day_automation_platform_id_class_date_pk" PRIMARY KEY("platform_id","class_date")
);
--> statement-breakpoint
CREATE TABLE "timeline_settings" (
	"platform_id" text PRIMARY KEY NOT NULL,
	"offsets" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"holidays" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "timeline_steps" (
	"id" serial PRIMARY KEY NOT NULL,
	"platform_id" text NOT NULL,
	"class_date" date NOT NULL,
	"step" text NOT NULL,
	"class_id" integer DEFAULT 0 NOT NULL,
	"state" text NOT NULL,
	"reason_key" text,
	"reason_params" jsonb,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_try_at" timestamp with time zone,
	"message_id" bigint,
	"result" jsonb,
	"done_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "zoom_meeting_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"signature" text NOT NULL,
	"event" text NOT NULL,
	"meeting_id" text NOT NULL,
	"meeting_uuid" text DEFAULT '' NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "timeline_steps_uq" ON "timeline_steps" USING btree ("platform_id","class_date","step","class_id");--> statement-breakpoint
CREATE INDEX "timeline_steps_day_idx" ON "timeline_steps" USING btree ("platform_id","class_date");--> statement-breakpoint
CREATE UNIQUE INDEX "zoom_meeting_events_signature_uq" ON "zoom_meeting_events" USING btree ("signature");--> statement-breakpoint
CREATE INDEX "zoom_meeting_events_meeting_idx" ON "zoom_meeting_events" USING btree ("meeting_id");