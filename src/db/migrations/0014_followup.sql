CREATE TABLE "followup_rules" (
	"activity_id" integer PRIMARY KEY NOT NULL,
	"config" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"evaluated_at" timestamp with time zone,
	"next_check_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "followup_warnings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"activity_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"rule" text NOT NULL,
	"fact_key" text NOT NULL,
	"session_ids" jsonb NOT NULL,
	"percent" real,
	"in_a_row" integer NOT NULL,
	"message_id" bigint,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "course_members" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "followup_rules" ADD CONSTRAINT "followup_rules_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_warnings" ADD CONSTRAINT "followup_warnings_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_warnings" ADD CONSTRAINT "followup_warnings_message_id_notify_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."notify_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "followup_warnings_fact_uq" ON "followup_warnings" USING btree ("activity_id","fact_key");--> statement-breakpoint
CREATE INDEX "followup_warnings_user_idx" ON "followup_warnings" USING btree ("activity_id","user_id");