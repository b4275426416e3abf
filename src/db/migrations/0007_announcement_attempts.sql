CREATE TABLE "announcement_attempts" (
	"platform_id" text NOT NULL,
	"class_date" date NOT NULL,
	"status" text NOT NULL,
	"error_key" text,
	"error_params" jsonb,
	"attempted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "announcement_attempts_platform_id_class_date_pk" PRIMARY KEY("platform_id","class_date")
);
