CREATE TABLE "ar_view_changes" (
	"sign" smallint NOT NULL,
	"company_id" integer NOT NULL,
	"project_id" integer NOT NULL,
	"ar_content_id" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"session_id" uuid,
	"duration_seconds" integer,
	"video_played" boolean NOT NULL,
	"tracking_quality" varchar(50),
	"device_type" varchar(50),
	"browser" varchar(100),
	"os" varchar(100),
	"country" varchar(100),
	"city" varchar(100)
);
--> statement-breakpoint
CREATE TABLE "ar_view_rollups" (
	"level" smallint NOT NULL,
	"scope_id" integer NOT NULL,
	"company_id" integer NOT NULL,
	"grain" smallint NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"dimension" smallint NOT NULL,
	"value" text NOT NULL,
	"views" bigint NOT NULL,
	"sessions" bigint NOT NULL,
	"duration_sum" bigint DEFAULT 0 NOT NULL,
	"duration_count" bigint DEFAULT 0 NOT NULL,
	"video_played" bigint DEFAULT 0 NOT NULL,
	"tracking_good" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "ar_view_rollups_pkey" PRIMARY KEY("level","scope_id","grain","dimension","bucket","value")
);
--> statement-breakpoint
ALTER TABLE "ar_view_sessions" ADD COLUMN "multi_view" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "ar_view_sessions_multi_view_created_idx" ON "ar_view_sessions" USING btree ("created_at") WHERE "ar_view_sessions"."multi_view";