CREATE TABLE "ar_view_session_links" (
	"level" smallint NOT NULL,
	"scope_id" integer NOT NULL,
	"dimension" smallint NOT NULL,
	"value" text NOT NULL,
	"session_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"previous_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "ar_view_session_links_scope_idx" ON "ar_view_session_links" USING btree ("level","scope_id","dimension","created_at","previous_at","value");--> statement-breakpoint
CREATE INDEX "ar_view_session_links_session_idx" ON "ar_view_session_links" USING btree ("session_id");
--> statement-breakpoint
-- Rebuilds the links of the given sessions from their rows as they are now.
CREATE FUNCTION arv_link_sessions(sessions uuid[]) RETURNS void LANGUAGE sql AS $$
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
    CROSS JOIN LATERAL arv_dimension_values(v.device_type, v.browser, v.os, v.country, v.city,
      v.tracking_quality, v.video_played) AS d
    WHERE v.session_id = ANY (sessions)
  ) linked
  WHERE previous_at IS NOT NULL;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION arv_log_view_inserts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  multi uuid[];
BEGIN
  INSERT INTO ar_view_changes
  SELECT 1, n.company_id, n.project_id, n.ar_content_id, n.created_at, n.session_id, n.duration_seconds,
    n.video_played, n.tracking_quality, n.device_type, n.browser, n.os, n.country, n.city
  FROM new_rows n;
  -- A session seen on a second content item marks all its rows and gets its links.
  SELECT array_agg(DISTINCT n.session_id) INTO multi FROM new_rows n
  WHERE n.session_id IS NOT NULL
    AND EXISTS (SELECT 1 FROM ar_view_sessions o WHERE o.session_id = n.session_id AND o.id <> n.id);
  IF multi IS NOT NULL THEN
    UPDATE ar_view_sessions v SET multi_view = true WHERE NOT v.multi_view AND v.session_id = ANY (multi);
    PERFORM arv_link_sessions(multi);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Updates and deletes of multi-view sessions' rows rebuild those sessions' links. Row triggers whose
-- condition PostgreSQL tests itself: the ends' batched UPDATEs call this for the few marked rows whose
-- outcome they change, and the retention job for marked rows only.
CREATE FUNCTION arv_link_view_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM arv_link_sessions(ARRAY(
    SELECT DISTINCT s FROM (VALUES (OLD.session_id), (CASE WHEN TG_OP = 'UPDATE' THEN NEW.session_id END)) AS linked(s)
    WHERE s IS NOT NULL
  ));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER ar_view_sessions_link_updates AFTER UPDATE ON ar_view_sessions FOR EACH ROW
  WHEN ((OLD.multi_view OR NEW.multi_view)
    AND (OLD.session_id, OLD.created_at, OLD.company_id, OLD.project_id, OLD.device_type, OLD.browser, OLD.os,
        OLD.country, OLD.city, OLD.tracking_quality, OLD.video_played)
      IS DISTINCT FROM (NEW.session_id, NEW.created_at, NEW.company_id, NEW.project_id, NEW.device_type,
        NEW.browser, NEW.os, NEW.country, NEW.city, NEW.tracking_quality, NEW.video_played))
  EXECUTE FUNCTION arv_link_view_changes();
--> statement-breakpoint
CREATE TRIGGER ar_view_sessions_link_deletes AFTER DELETE ON ar_view_sessions FOR EACH ROW
  WHEN (OLD.multi_view) EXECUTE FUNCTION arv_link_view_changes();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION arv_forget_views() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE ar_view_changes, ar_view_rollups, ar_view_session_links;
  RETURN NULL;
END $$;
--> statement-breakpoint
SELECT arv_link_sessions(ARRAY(SELECT DISTINCT session_id FROM ar_view_sessions WHERE multi_view));
