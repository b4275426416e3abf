ALTER TABLE "timeline_settings" ADD COLUMN "cleanup_announcement" text;--> statement-breakpoint
ALTER TABLE "timeline_settings" ADD COLUMN "cleanup_deletes_meetings" boolean DEFAULT false NOT NULL;