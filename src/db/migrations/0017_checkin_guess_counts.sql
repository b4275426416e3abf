CREATE TABLE "checkin_guess_counts" (
	"session_id" integer NOT NULL,
	"who" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "checkin_guess_counts_session_id_who_pk" PRIMARY KEY("session_id","who")
);
--> statement-breakpoint
ALTER TABLE "checkin_guess_counts" ADD CONSTRAINT "checkin_guess_counts_session_id_attendance_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."attendance_sessions"("id") ON DELETE cascade ON UPDATE no action;