-- Content totals per week (grain 3, 7 UTC days), beside their hours and days. Top content over the platform
-- read 31 day rows of each of 500 content items for 30 days (15,500 rows, most of its time at 10M
-- sessions), and 365 each for a year; with weeks an item's range is a few weeks and at most 3.5 days at
-- each edge.
CREATE TABLE "ar_view_rollups_week_totals" PARTITION OF "ar_view_rollups" FOR VALUES FROM (3, 0) TO (3, 1)
  WITH (fillfactor = 70);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION arv_roll_up_changes(max_rows integer) RETURNS integer LANGUAGE plpgsql
  SET enable_seqscan = off SET jit = off AS $$
DECLARE
  moved integer;
BEGIN
  PERFORM pg_advisory_xact_lock(727002);
  WITH taken AS (
    DELETE FROM ar_view_changes
    WHERE ctid = ANY (ARRAY(SELECT ctid FROM ar_view_changes LIMIT max_rows))
    RETURNING *
  ), content_hour AS (
    SELECT t.company_id, t.project_id, t.ar_content_id, date_trunc('hour', t.created_at) AS hour,
      d.dimension, d.value,
      sum(t.sign) AS views,
      coalesce(sum(t.sign) FILTER (WHERE t.session_id IS NOT NULL), 0) AS sessions,
      coalesce(sum(t.sign * t.duration_seconds) FILTER (WHERE d.dimension = 0), 0) AS duration_sum,
      coalesce(sum(t.sign) FILTER (WHERE d.dimension = 0 AND t.duration_seconds IS NOT NULL), 0)
        AS duration_count,
      coalesce(sum(t.sign) FILTER (WHERE d.dimension = 0 AND t.video_played), 0) AS video_played,
      coalesce(sum(t.sign) FILTER (WHERE d.dimension = 0 AND t.tracking_quality = 'good'), 0)
        AS tracking_good
    FROM taken t
    CROSS JOIN LATERAL (VALUES
      (0::smallint, ''::text),
      (1::smallint, coalesce(t.device_type, '')),
      (2::smallint, coalesce(t.browser, '')),
      (3::smallint, coalesce(t.os, '')),
      (4::smallint, coalesce(t.country, '')),
      (5::smallint, coalesce(t.city, '')),
      (6::smallint, coalesce(t.tracking_quality, '')),
      (7::smallint, CASE WHEN t.video_played THEN 'played' ELSE 'not played' END)
    ) AS d(dimension, value)
    GROUP BY 1, 2, 3, 4, 5, 6
  ),
  -- Each level sums the one below it, and days sum hours: every aggregation reads already-summed rows.
  project_hour AS (
    SELECT company_id, project_id, hour, dimension, value, sum(views) AS views, sum(sessions) AS sessions,
      sum(duration_sum) AS duration_sum, sum(duration_count) AS duration_count,
      sum(video_played) AS video_played, sum(tracking_good) AS tracking_good
    FROM content_hour GROUP BY 1, 2, 3, 4, 5
  ), company_hour AS (
    SELECT company_id, hour, dimension, value, sum(views) AS views, sum(sessions) AS sessions,
      sum(duration_sum) AS duration_sum, sum(duration_count) AS duration_count,
      sum(video_played) AS video_played, sum(tracking_good) AS tracking_good
    FROM project_hour GROUP BY 1, 2, 3, 4
  ), platform_hour AS (
    SELECT hour, dimension, value, sum(views) AS views, sum(sessions) AS sessions,
      sum(duration_sum) AS duration_sum, sum(duration_count) AS duration_count,
      sum(video_played) AS video_played, sum(tracking_good) AS tracking_good
    FROM company_hour GROUP BY 1, 2, 3
  ), hours AS (
    SELECT 3::smallint AS level, ar_content_id AS scope_id, company_id, hour, dimension, value, views, sessions,
      duration_sum, duration_count, video_played, tracking_good
    FROM content_hour
    UNION ALL
    SELECT 2::smallint, project_id, company_id, hour, dimension, value, views, sessions, duration_sum,
      duration_count, video_played, tracking_good
    FROM project_hour
    UNION ALL
    SELECT 1::smallint, company_id, company_id, hour, dimension, value, views, sessions, duration_sum,
      duration_count, video_played, tracking_good
    FROM company_hour
    UNION ALL
    SELECT 0::smallint, 0, 0, hour, dimension, value, views, sessions, duration_sum, duration_count,
      video_played, tracking_good
    FROM platform_hour
  ), counted AS (
    SELECT level, scope_id, company_id, 0::smallint AS grain, hour AS bucket, dimension, value, views,
      sessions, duration_sum, duration_count, video_played, tracking_good
    -- Project and content dimensions are kept per day and per quarter day (below), not per hour: per hour
    -- they would outnumber the views.
    FROM hours WHERE level < 2 OR dimension = 0
    UNION ALL
    SELECT level, scope_id, company_id, 1::smallint, date_trunc('day', hour, 'UTC'), dimension, value,
      sum(views), sum(sessions), sum(duration_sum), sum(duration_count), sum(video_played),
      sum(tracking_good)
    FROM hours GROUP BY level, scope_id, company_id, date_trunc('day', hour, 'UTC'), dimension, value
    UNION ALL
    SELECT level, scope_id, company_id, 2::smallint, date_bin('6 hours', hour, timestamptz '2000-01-01 00:00:00+00'),
      dimension, value, sum(views), sum(sessions), sum(duration_sum), sum(duration_count), sum(video_played),
      sum(tracking_good)
    FROM hours WHERE level >= 2 AND dimension <> 0
    GROUP BY level, scope_id, company_id, date_bin('6 hours', hour, timestamptz '2000-01-01 00:00:00+00'), dimension,
      value
    UNION ALL
    -- Content totals per week (7 UTC days from a Thursday, as the epoch): top content reads a week's row
    -- per item.
    SELECT level, scope_id, company_id, 3::smallint, date_bin('7 days', hour, timestamptz '1970-01-01 00:00:00+00'),
      dimension, value, sum(views), sum(sessions), sum(duration_sum), sum(duration_count), sum(video_played),
      sum(tracking_good)
    FROM hours WHERE level = 3 AND dimension = 0
    GROUP BY level, scope_id, company_id, date_bin('7 days', hour, timestamptz '1970-01-01 00:00:00+00'), dimension,
      value
  ), stored AS (
    INSERT INTO ar_view_rollups AS r (level, scope_id, company_id, grain, bucket, dimension, value, views,
      sessions, duration_sum, duration_count, video_played, tracking_good)
    SELECT * FROM counted
    ON CONFLICT (level, scope_id, grain, dimension, bucket, value) DO UPDATE SET
      views = r.views + excluded.views,
      sessions = r.sessions + excluded.sessions,
      duration_sum = r.duration_sum + excluded.duration_sum,
      duration_count = r.duration_count + excluded.duration_count,
      video_played = r.video_played + excluded.video_played,
      tracking_good = r.tracking_good + excluded.tracking_good
    RETURNING 1
  )
  SELECT count(*) INTO moved FROM taken;
  RETURN moved;
END $$;
--> statement-breakpoint
-- No fold may run between the backfill's snapshot and the commit (see 0011).
SELECT pg_advisory_xact_lock(727002);
--> statement-breakpoint
-- The day totals hold everything folded so far; the fold adds the images still in the log, weeks too.
INSERT INTO ar_view_rollups (level, scope_id, company_id, grain, bucket, dimension, value, views, sessions,
  duration_sum, duration_count, video_played, tracking_good)
SELECT level, scope_id, company_id, 3::smallint, date_bin('7 days', bucket, timestamptz '1970-01-01 00:00:00+00'),
  dimension, value, sum(views), sum(sessions), sum(duration_sum), sum(duration_count), sum(video_played),
  sum(tracking_good)
FROM ar_view_rollups WHERE grain = 1 AND level = 3 AND dimension = 0
GROUP BY level, scope_id, company_id, date_bin('7 days', bucket, timestamptz '1970-01-01 00:00:00+00'), dimension,
  value
HAVING sum(views) <> 0;
