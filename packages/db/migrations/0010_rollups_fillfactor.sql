-- Every fold updates rollup rows that exist already (this hour's, today's). With full pages an update
-- writes the new row version to another page and a new entry into the primary key, so rollups folded
-- a few thousand changes at a time while sessions kept coming grew bloated: at 4M sessions their
-- primary keys were 1.6 to 1.8 times the size a rewrite gave them, and the reads took 421 ms (the sum of
-- 56 figures' medians) against 352 ms after VACUUM FULL. With room left on each page, 88 to 93% of the
-- updates stayed on their page without a new index entry (HOT), and the same reads took 349 ms.
ALTER TABLE "ar_view_rollups_hour_totals" SET (fillfactor = 70);--> statement-breakpoint
ALTER TABLE "ar_view_rollups_hour_dimensions" SET (fillfactor = 70);--> statement-breakpoint
ALTER TABLE "ar_view_rollups_day_totals" SET (fillfactor = 70);--> statement-breakpoint
ALTER TABLE "ar_view_rollups_day_dimensions" SET (fillfactor = 70);
