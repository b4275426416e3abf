CREATE TABLE "checkin_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"session_id" integer NOT NULL,
	"user_id" text,
	"outcome" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"via" text NOT NULL,
	"ip" text DEFAULT '' NOT NULL,
	"user_agent" text DEFAULT '' NOT NULL,
	"device_token" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checkin_devices" (
	"session_id" integer NOT NULL,
	"device_token" text NOT NULL,
	"user_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "checkin_devices_session_id_device_token_pk" PRIMARY KEY("session_id","device_token")
);
--> statement-breakpoint
CREATE TABLE "checkin_options" (
	"activity_id" integer PRIMARY KEY NOT NULL,
	"allowed_ip_ranges" text DEFAULT '' NOT NULL,
	"is_one_device_per_session" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checkin_pending" (
	"browser_id" text NOT NULL,
	"activity_id" integer NOT NULL,
	"session_id" integer NOT NULL,
	"code" text NOT NULL,
	"scanned_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "checkin_pending_browser_id_activity_id_pk" PRIMARY KEY("browser_id","activity_id")
);
--> statement-breakpoint
CREATE TABLE "checkin_settings" (
	"session_id" integer PRIMARY KEY NOT NULL,
	"is_enabled" boolean DEFAULT false NOT NULL,
	"opens_minutes_before" integer DEFAULT 10 NOT NULL,
	"closes_minutes_after_start" integer,
	"fixed_status_id" integer,
	"method" text DEFAULT 'rotating_qr' NOT NULL,
	"step_seconds" integer DEFAULT 10 NOT NULL,
	"password" text NOT NULL,
	"secret" text NOT NULL,
	"closed_early_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "checkin_attempts" ADD CONSTRAINT "checkin_attempts_session_id_attendance_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."attendance_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_devices" ADD CONSTRAINT "checkin_devices_session_id_attendance_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."attendance_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_options" ADD CONSTRAINT "checkin_options_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_pending" ADD CONSTRAINT "checkin_pending_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_pending" ADD CONSTRAINT "checkin_pending_session_id_attendance_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."attendance_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_settings" ADD CONSTRAINT "checkin_settings_session_id_attendance_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."attendance_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_settings" ADD CONSTRAINT "checkin_settings_fixed_status_id_attendance_statuses_id_fk" FOREIGN KEY ("fixed_status_id") REFERENCES "public"."attendance_statuses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "checkin_attempts_session_at_idx" ON "checkin_attempts" USING btree ("session_id","at");--> statement-breakpoint
CREATE INDEX "checkin_attempts_session_user_idx" ON "checkin_attempts" USING btree ("session_id","user_id","at");