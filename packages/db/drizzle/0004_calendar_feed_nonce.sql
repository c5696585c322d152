CREATE TABLE "data_key_fallback" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_key_fallback_one_row" CHECK ("data_key_fallback"."id" = 1)
);
--> statement-breakpoint
-- Feeds made before the nonce hold a hash of a token nobody can derive: they get a nonce
-- here, and the next GET of the feed's address gives its new address.
ALTER TABLE "calendar_feeds" ADD COLUMN "nonce" text DEFAULT gen_random_uuid()::text NOT NULL;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ALTER COLUMN "nonce" DROP DEFAULT;