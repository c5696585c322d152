CREATE TABLE "live_events" (
	"session_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "live_events_session_id_seq_pk" PRIMARY KEY("session_id","seq")
);
--> statement-breakpoint
CREATE TABLE "live_streams" (
	"session_id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- Existing text is kept as the meeting's first language.
ALTER TABLE "meetings" ALTER COLUMN "title" SET DATA TYPE jsonb USING jsonb_build_object(coalesce("languages"[1], 'en'), "title");--> statement-breakpoint
ALTER TABLE "meetings" ALTER COLUMN "description" SET DATA TYPE jsonb USING CASE WHEN "description" IS NULL THEN NULL ELSE jsonb_build_object(coalesce("languages"[1], 'en'), "description") END;--> statement-breakpoint
ALTER TABLE "working_groups" ALTER COLUMN "name" SET DATA TYPE jsonb USING jsonb_build_object('en', "name");--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "locale" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "params" jsonb;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "priority" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "coalesce_key" text;--> statement-breakpoint
CREATE INDEX "mail_outbox_coalesce" ON "mail_outbox" USING btree ("coalesce_key") WHERE sent_at is null and coalesce_key is not null;