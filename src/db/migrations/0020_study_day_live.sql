CREATE TABLE "lecturer_counts" (
	"class_id" integer PRIMARY KEY NOT NULL,
	"platform_id" text NOT NULL,
	"class_date" date NOT NULL,
	"email" text NOT NULL,
	"attendees" integer NOT NULL,
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
CREATE UNIQUE INDEX "zoom_meeting_events_signature_uq" ON "zoom_meeting_events" USING btree ("signature");--> statement-breakpoint
CREATE INDEX "zoom_meeting_events_meeting_idx" ON "zoom_meeting_events" USING btree ("meeting_id");