CREATE TYPE "public"."session_kind" AS ENUM('ceremony', 'plenary', 'panel', 'working_group', 'workshop', 'break', 'side_event');--> statement-breakpoint
CREATE TYPE "public"."session_status" AS ENUM('scheduled', 'cancelled');--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb,
	"kind" "session_kind" NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"room" text,
	"working_group_id" uuid,
	"online_url" text,
	"interpretation" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" "session_status" DEFAULT 'scheduled' NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"qa_enabled" boolean DEFAULT true NOT NULL,
	"qa_moderated" boolean DEFAULT false NOT NULL,
	"qa_open" boolean DEFAULT true NOT NULL,
	"floor_open" boolean DEFAULT true NOT NULL,
	"floor_balanced" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_working_group_id_working_groups_id_fk" FOREIGN KEY ("working_group_id") REFERENCES "public"."working_groups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sessions_meeting_starts" ON "sessions" USING btree ("meeting_id","starts_at");--> statement-breakpoint
ALTER TABLE "live_events" ADD CONSTRAINT "live_events_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_streams" ADD CONSTRAINT "live_streams_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;