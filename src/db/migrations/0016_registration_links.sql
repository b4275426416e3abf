CREATE TABLE "registration_links" (
	"id" serial PRIMARY KEY NOT NULL,
	"key_hash" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"claimed_at" timestamp with time zone,
	"platform_id" text,
	CONSTRAINT "registration_links_key_hash_unique" UNIQUE("key_hash")
);
