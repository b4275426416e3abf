CREATE TABLE "notify_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"message_id" bigint NOT NULL,
	"channel" text NOT NULL,
	"user_id" text,
	"moodle_user_id" text,
	"name" text DEFAULT '' NOT NULL,
	"email" text,
	"locale" text NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"lease_until" timestamp with time zone,
	"give_up_at" timestamp with time zone NOT NULL,
	"last_error" text,
	"header_id" text NOT NULL,
	"moodle_msg_id" integer,
	"sent_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notify_kind_settings" (
	"platform_id" text NOT NULL,
	"kind" text NOT NULL,
	"channels" jsonb NOT NULL,
	"is_opt_out_allowed" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notify_kind_settings_platform_id_kind_pk" PRIMARY KEY("platform_id","kind")
);
--> statement-breakpoint
CREATE TABLE "notify_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"platform_id" text NOT NULL,
	"course_id" integer,
	"dedupe_key" text NOT NULL,
	"kind" text NOT NULL,
	"data" jsonb NOT NULL,
	"timezone" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notify_opt_outs" (
	"platform_id" text NOT NULL,
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notify_opt_outs_platform_id_user_id_kind_pk" PRIMARY KEY("platform_id","user_id","kind")
);
--> statement-breakpoint
ALTER TABLE "notify_deliveries" ADD CONSTRAINT "notify_deliveries_message_id_notify_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."notify_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notify_messages" ADD CONSTRAINT "notify_messages_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notify_deliveries_message_channel_recipient_uq" ON "notify_deliveries" USING btree ("message_id","channel","header_id");--> statement-breakpoint
CREATE INDEX "notify_deliveries_due_idx" ON "notify_deliveries" USING btree ("due_at") WHERE "notify_deliveries"."state" in ('queued', 'retrying');--> statement-breakpoint
CREATE INDEX "notify_deliveries_sent_at_idx" ON "notify_deliveries" USING btree ("sent_at") WHERE "notify_deliveries"."sent_at" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "notify_messages_platform_dedupe_uq" ON "notify_messages" USING btree ("platform_id","dedupe_key");