DROP INDEX "moodle_attendance_session_map_session_uq";--> statement-breakpoint
ALTER TABLE "moodle_attendance_session_map" ADD COLUMN "moodle_group_id" text DEFAULT '0' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "moodle_attendance_session_map_group_uq" ON "moodle_attendance_session_map" USING btree ("link_id","session_id","moodle_group_id");--> statement-breakpoint
-- Hand-written: an export row made before this migration was for the session's first Moodle group by name (0: none), so it keeps that group and is not added twice.
UPDATE "moodle_attendance_session_map" AS m SET "moodle_group_id" = COALESCE((
  SELECT g."moodle_group_id" FROM "attendance_session_groups" AS sg INNER JOIN "course_groups" AS g ON g."id" = sg."group_id"
  WHERE sg."session_id" = m."session_id" AND g."moodle_group_id" IS NOT NULL ORDER BY g."name" LIMIT 1), '0')
WHERE m."link_id" IN (SELECT "id" FROM "moodle_attendance_links" WHERE "direction" = 'export');
