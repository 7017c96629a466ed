-- Keeps ar_view_rollups exact: every change to ar_view_sessions is logged as row images by statement
-- triggers in the changing transaction (whoever writes: the API, the retention job, an operator's SQL),
-- and arv_roll_up_changes() moves logged images into the rollups in one transaction. Readers add the
-- images still in the log, so the sum is exact at every moment.

CREATE FUNCTION arv_log_view_inserts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ar_view_changes
  SELECT 1, n.company_id, n.project_id, n.ar_content_id, n.created_at, n.session_id, n.duration_seconds,
    n.video_played, n.tracking_quality, n.device_type, n.browser, n.os, n.country, n.city
  FROM new_rows n;
  -- A session seen on a second content item marks all its rows, for the distinct-session correction.
  UPDATE ar_view_sessions v SET multi_view = true
  WHERE NOT v.multi_view AND v.session_id IN (
    SELECT n.session_id FROM new_rows n
    WHERE n.session_id IS NOT NULL
      AND EXISTS (SELECT 1 FROM ar_view_sessions o WHERE o.session_id = n.session_id AND o.id <> n.id)
  );
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION arv_log_view_updates() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH changed AS (
    SELECT o.company_id AS o_company_id, o.project_id AS o_project_id, o.ar_content_id AS o_ar_content_id,
      o.created_at AS o_created_at, o.session_id AS o_session_id, o.duration_seconds AS o_duration_seconds,
      o.video_played AS o_video_played, o.tracking_quality AS o_tracking_quality,
      o.device_type AS o_device_type, o.browser AS o_browser, o.os AS o_os, o.country AS o_country,
      o.city AS o_city, n.*
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.company_id, o.project_id, o.ar_content_id, o.created_at, o.session_id, o.duration_seconds,
        o.video_played, o.tracking_quality, o.device_type, o.browser, o.os, o.country, o.city)
      IS DISTINCT FROM (n.company_id, n.project_id, n.ar_content_id, n.created_at, n.session_id,
        n.duration_seconds, n.video_played, n.tracking_quality, n.device_type, n.browser, n.os, n.country,
        n.city)
  )
  INSERT INTO ar_view_changes
  SELECT -1, o_company_id, o_project_id, o_ar_content_id, o_created_at, o_session_id, o_duration_seconds,
    o_video_played, o_tracking_quality, o_device_type, o_browser, o_os, o_country, o_city
  FROM changed
  UNION ALL
  SELECT 1, company_id, project_id, ar_content_id, created_at, session_id, duration_seconds,
    video_played, tracking_quality, device_type, browser, os, country, city
  FROM changed;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION arv_log_view_deletes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ar_view_changes
  SELECT -1, o.company_id, o.project_id, o.ar_content_id, o.created_at, o.session_id, o.duration_seconds,
    o.video_played, o.tracking_quality, o.device_type, o.browser, o.os, o.country, o.city
  FROM old_rows o;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION arv_forget_views() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE ar_view_changes, ar_view_rollups;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Moves up to max_rows logged images into the rollups; returns how many it moved. One caller at a time,
-- so that two API processes never upsert the same rollup rows in different orders.
CREATE FUNCTION arv_roll_up_changes(max_rows integer) RETURNS integer LANGUAGE plpgsql AS $$
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
    -- Project and content dimensions are kept per day only: per hour they would outnumber the views.
    -- Readers count the partial days at a range's edges from those few rows instead.
    FROM hours WHERE level < 2 OR dimension = 0
    UNION ALL
    SELECT level, scope_id, company_id, 1::smallint, date_trunc('day', hour, 'UTC'), dimension, value,
      sum(views), sum(sessions), sum(duration_sum), sum(duration_count), sum(video_played),
      sum(tracking_good)
    FROM hours GROUP BY level, scope_id, company_id, date_trunc('day', hour, 'UTC'), dimension, value
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
-- Rows written before this migration: logged once, marked, and rolled up now.
INSERT INTO ar_view_changes
SELECT 1, company_id, project_id, ar_content_id, created_at, session_id, duration_seconds, video_played,
  tracking_quality, device_type, browser, os, country, city
FROM ar_view_sessions;
--> statement-breakpoint
UPDATE ar_view_sessions SET multi_view = true
WHERE session_id IN (
  SELECT session_id FROM ar_view_sessions WHERE session_id IS NOT NULL GROUP BY session_id HAVING count(*) > 1
);
--> statement-breakpoint
SELECT arv_roll_up_changes(2147483647);
--> statement-breakpoint
CREATE TRIGGER ar_view_sessions_log_inserts AFTER INSERT ON ar_view_sessions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION arv_log_view_inserts();
--> statement-breakpoint
CREATE TRIGGER ar_view_sessions_log_updates AFTER UPDATE ON ar_view_sessions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION arv_log_view_updates();
--> statement-breakpoint
CREATE TRIGGER ar_view_sessions_log_deletes AFTER DELETE ON ar_view_sessions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION arv_log_view_deletes();
--> statement-breakpoint
CREATE TRIGGER ar_view_sessions_forget AFTER TRUNCATE ON ar_view_sessions
  FOR EACH STATEMENT EXECUTE FUNCTION arv_forget_views();
--> statement-breakpoint
-- API processes cache content lookups for tracking; this tells them to drop the cache.
CREATE FUNCTION arv_notify_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('ar_content_changed', '');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER ar_content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ar_content
  FOR EACH STATEMENT EXECUTE FUNCTION arv_notify_content_changed();
