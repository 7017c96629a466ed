-- ar_view_rollups split by (grain, dimension) into four partitions: hour totals, hour dimensions, day
-- totals, day dimensions. Unsplit, the day totals that top content and every summary read were a few
-- rows in every thousand of the table (at 10M sessions, 38,000 of 6 million rows), so 30 days of 500
-- content items' day rows lay on 8,700 pages; in their own partition all of them fill 500.
ALTER TABLE "ar_view_rollups" RENAME TO "ar_view_rollups_unsplit";
--> statement-breakpoint
ALTER TABLE "ar_view_rollups_unsplit" RENAME CONSTRAINT "ar_view_rollups_pkey" TO "ar_view_rollups_unsplit_pkey";
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
) PARTITION BY RANGE ("grain", "dimension");
--> statement-breakpoint
CREATE TABLE "ar_view_rollups_hour_totals" PARTITION OF "ar_view_rollups" FOR VALUES FROM (0, 0) TO (0, 1);
--> statement-breakpoint
CREATE TABLE "ar_view_rollups_hour_dimensions" PARTITION OF "ar_view_rollups" FOR VALUES FROM (0, 1) TO (1, 0);
--> statement-breakpoint
CREATE TABLE "ar_view_rollups_day_totals" PARTITION OF "ar_view_rollups" FOR VALUES FROM (1, 0) TO (1, 1);
--> statement-breakpoint
CREATE TABLE "ar_view_rollups_day_dimensions" PARTITION OF "ar_view_rollups" FOR VALUES FROM (1, 1) TO (2, 0);
--> statement-breakpoint
-- In time order, as the rollup job writes them, so that a range's rows lie together.
INSERT INTO "ar_view_rollups"
SELECT * FROM "ar_view_rollups_unsplit" ORDER BY "grain", "dimension", "bucket", "level", "scope_id", "value";
--> statement-breakpoint
DROP TABLE "ar_view_rollups_unsplit";
