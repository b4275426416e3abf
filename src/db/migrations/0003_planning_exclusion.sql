-- Hand-written (drizzle-kit cannot express exclusion constraints): keep this file when migrations are regenerated.
-- One lane of a Zoom host never holds two overlapping live classes; lanes run 1..concurrency (study_classes_lane_ck),
-- so at no instant does a host hold more meetings than its concurrency.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "study_classes" ADD CONSTRAINT "study_classes_host_lane_excl"
  EXCLUDE USING gist ("zoom_host_id" WITH =, "zoom_lane" WITH =, tstzrange("starts_at", "ends_at") WITH &&)
  WHERE ("zoom_host_id" IS NOT NULL AND "state" <> 'cancelled');
