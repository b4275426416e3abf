ALTER TABLE "attendance_sessions" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "attendance_sessions_open_end_idx" ON "attendance_sessions" USING btree ("ends_at") WHERE "attendance_sessions"."closed_at" is null;--> statement-breakpoint
-- Sessions that ended before the automatic close existed count as closed: their registers stay as the lecturers left them.
UPDATE "attendance_sessions" SET "closed_at" = "ends_at" WHERE "ends_at" <= now();
