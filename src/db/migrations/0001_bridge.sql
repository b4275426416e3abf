CREATE TABLE "moodle_connections" (
	"platform_id" text PRIMARY KEY NOT NULL,
	"base_url" text NOT NULL,
	"token_sealed" text NOT NULL,
	"token_hint" text NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_checked_at" timestamp with time zone,
	"last_check" jsonb
);
--> statement-breakpoint
CREATE TABLE "moodle_message_recipients" (
	"message_request_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"status" text NOT NULL,
	"msgid" integer,
	"error" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "moodle_message_recipients_message_request_id_user_id_pk" PRIMARY KEY("message_request_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "moodle_message_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"course_id" integer NOT NULL,
	"request_id" text NOT NULL,
	"sender_user_id" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "moodle_message_recipients" ADD CONSTRAINT "moodle_message_recipients_message_request_id_moodle_message_requests_id_fk" FOREIGN KEY ("message_request_id") REFERENCES "public"."moodle_message_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moodle_message_requests" ADD CONSTRAINT "moodle_message_requests_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "moodle_message_requests_course_request_uq" ON "moodle_message_requests" USING btree ("course_id","request_id");