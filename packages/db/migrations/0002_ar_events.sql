ALTER TABLE "ar_view_sessions" ADD COLUMN "time_to_first_track_ms" integer;--> statement-breakpoint
ALTER TABLE "ar_view_sessions" ADD COLUMN "target_found_count" integer;--> statement-breakpoint
ALTER TABLE "ar_view_sessions" ADD COLUMN "target_lost_count" integer;--> statement-breakpoint
ALTER TABLE "ar_view_sessions" ADD COLUMN "video_play_seconds" integer;--> statement-breakpoint
ALTER TABLE "ar_view_sessions" ADD COLUMN "failure_reason" varchar(50);