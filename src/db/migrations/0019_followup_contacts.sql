CREATE TABLE "followup_contacts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"activity_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"channel" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"by_user_id" text NOT NULL,
	"by_name" text DEFAULT '' NOT NULL,
	"contacted_at" timestamp with time zone NOT NULL,
	"message_id" bigint,
	"follow_until" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "followup_contacts" ADD CONSTRAINT "followup_contacts_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_contacts" ADD CONSTRAINT "followup_contacts_message_id_notify_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."notify_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "followup_contacts_student_idx" ON "followup_contacts" USING btree ("activity_id","user_id","contacted_at");