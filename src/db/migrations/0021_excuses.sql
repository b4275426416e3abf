CREATE TABLE "excuse_files" (
	"excuse_id" bigint PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"size" integer NOT NULL,
	"bytes" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "excuses" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"activity_id" integer NOT NULL,
	"session_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"reason" text NOT NULL,
	"state" text DEFAULT 'waiting' NOT NULL,
	"decision_note" text DEFAULT '' NOT NULL,
	"decided_by" text,
	"decided_by_name" text DEFAULT '' NOT NULL,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "excuse_files" ADD CONSTRAINT "excuse_files_excuse_id_excuses_id_fk" FOREIGN KEY ("excuse_id") REFERENCES "public"."excuses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "excuses" ADD CONSTRAINT "excuses_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "excuses" ADD CONSTRAINT "excuses_session_id_attendance_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."attendance_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "excuses_activity_idx" ON "excuses" USING btree ("activity_id","state","created_at");--> statement-breakpoint
CREATE INDEX "excuses_student_idx" ON "excuses" USING btree ("activity_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "excuses_open_uq" ON "excuses" USING btree ("session_id","user_id") WHERE "excuses"."state" in ('waiting', 'approved');