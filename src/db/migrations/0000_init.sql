CREATE TABLE "activities" (
	"id" serial PRIMARY KEY NOT NULL,
	"course_id" integer NOT NULL,
	"resource_link_id" text,
	"link_key" text NOT NULL,
	"title" text NOT NULL,
	"has_grade_column" boolean DEFAULT false NOT NULL,
	"score_maximum" real,
	"line_item_url" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"browser_id" text NOT NULL,
	"kind" text NOT NULL,
	"activity_id" integer,
	"actor" jsonb NOT NULL,
	"launch_token" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "course_members" (
	"course_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"given_name" text DEFAULT '' NOT NULL,
	"family_name" text DEFAULT '' NOT NULL,
	"email" text,
	"username" text,
	"roles" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"is_learner" boolean DEFAULT false NOT NULL,
	"is_enrolled" boolean DEFAULT true NOT NULL,
	"left_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "course_members_course_id_user_id_pk" PRIMARY KEY("course_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "courses" (
	"id" serial PRIMARY KEY NOT NULL,
	"platform_id" text NOT NULL,
	"context_id" text NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"timezone" text DEFAULT 'Europe/Riga' NOT NULL,
	"memberships_url" text,
	"roster_synced_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lti_store" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"collection" text NOT NULL,
	"doc" jsonb NOT NULL,
	"iv" text,
	"data" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_members" ADD CONSTRAINT "course_members_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "activities_course_link_uq" ON "activities" USING btree ("course_id","resource_link_id");--> statement-breakpoint
CREATE UNIQUE INDEX "activities_link_key_uq" ON "activities" USING btree ("link_key");--> statement-breakpoint
CREATE INDEX "app_sessions_expires_idx" ON "app_sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "app_sessions_browser_activity_idx" ON "app_sessions" USING btree ("browser_id","activity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "courses_platform_context_uq" ON "courses" USING btree ("platform_id","context_id");--> statement-breakpoint
CREATE INDEX "lti_store_collection_doc_idx" ON "lti_store" USING gin ("doc");--> statement-breakpoint
CREATE INDEX "lti_store_collection_idx" ON "lti_store" USING btree ("collection");--> statement-breakpoint
CREATE INDEX "lti_store_expires_idx" ON "lti_store" USING btree ("expires_at") WHERE "lti_store"."expires_at" is not null;