-- Links of each view to the session's previous view in the same UTC hour of the day (dimension 8), so that
-- hours of the day count distinct sessions from links, as the other breakdowns do, instead of grouping
-- every marked row of the range by session.
CREATE OR REPLACE FUNCTION arv_link_sessions(sessions uuid[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM ar_view_session_links WHERE session_id = ANY (sessions);
  INSERT INTO ar_view_session_links (level, scope_id, dimension, value, session_id, created_at, previous_at)
  SELECT level, scope_id, dimension, value, session_id, created_at, previous_at FROM (
    SELECT l.level, l.scope_id, d.dimension, d.value, v.session_id, v.created_at,
      lag(v.created_at) OVER (
        PARTITION BY l.level, l.scope_id, d.dimension, d.value, v.session_id ORDER BY v.created_at, v.id
      ) AS previous_at
    FROM ar_view_sessions v
    CROSS JOIN LATERAL (VALUES (0::smallint, 0), (1::smallint, v.company_id), (2::smallint, v.project_id))
      AS l(level, scope_id)
    CROSS JOIN LATERAL (
      SELECT * FROM arv_dimension_values(v.device_type, v.browser, v.os, v.country, v.city,
        v.tracking_quality, v.video_played)
      UNION ALL
      SELECT 8::smallint, to_char(v.created_at AT TIME ZONE 'UTC', 'HH24')
    ) AS d
    WHERE v.session_id = ANY (sessions)
  ) linked
  WHERE previous_at IS NOT NULL;
$$;
--> statement-breakpoint
SELECT arv_link_sessions(ARRAY(SELECT DISTINCT session_id FROM ar_view_sessions WHERE multi_view));
