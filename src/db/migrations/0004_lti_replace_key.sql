ALTER TABLE "lti_store" ADD COLUMN "replace_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "lti_store_replace_key_uq" ON "lti_store" USING btree ("collection","replace_key");