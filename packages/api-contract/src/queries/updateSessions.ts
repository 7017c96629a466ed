import { arViewSessions, type Database, rows } from '@arv/db';
import { sql } from 'drizzle-orm';

export type SessionOutcome = Partial<
  Pick<
    typeof arViewSessions.$inferInsert,
    | 'durationSeconds'
    | 'videoPlayed'
    | 'trackingQuality'
    | 'timeToFirstTrackMs'
    | 'targetFoundCount'
    | 'targetLostCount'
    | 'videoPlaySeconds'
    | 'failureReason'
  >
>;

/** How a session went, as reported by one end or update; absent fields leave the stored value as it is. */
export interface OutcomeReport {
  sessionId: string;
  outcome: SessionOutcome;
}

// PostgreSQL's uuid ignores case: so must the merging of one session's reports.
const keyOf = (sessionId: string) => sessionId.toLowerCase();

/** Reports of one session, merged in arrival order: a later report's fields win. */
function merged(reports: OutcomeReport[]): Map<string, SessionOutcome> {
  const bySession = new Map<string, SessionOutcome>();
  for (const { sessionId, outcome } of reports) {
    const fields = Object.entries(outcome).filter(([, value]) => value !== undefined);
    bySession.set(keyOf(sessionId), { ...bySession.get(keyOf(sessionId)), ...Object.fromEntries(fields) });
  }
  return bySession;
}

/**
 * Records how sessions went, on every content row of each, with one UPDATE; returns how many rows each
 * report matched (0: no such session). Like inserted starts, the reports travel as one JSON parameter,
 * so the statement is prepared once per connection, and rows are updated in session order, so that two
 * batches sharing a session wait for each other instead of deadlocking.
 */
export async function updateSessions(db: Database, reports: OutcomeReport[]): Promise<number[]> {
  const sessions = merged(reports);
  const batch = JSON.stringify(
    [...sessions].map(([sessionId, o]) => ({
      session_id: sessionId,
      duration_seconds: o.durationSeconds ?? null,
      video_played: o.videoPlayed ?? null,
      tracking_quality: o.trackingQuality ?? null,
      time_to_first_track_ms: o.timeToFirstTrackMs ?? null,
      target_found_count: o.targetFoundCount ?? null,
      target_lost_count: o.targetLostCount ?? null,
      video_play_seconds: o.videoPlaySeconds ?? null,
      failure_reason: o.failureReason ?? null,
    })),
  );
  const s = arViewSessions;
  const found = await rows<{ session_id: string; matched: number }>(
    db,
    sql`with input as materialized (
        select * from json_to_recordset(${batch}::json) as i(session_id uuid, duration_seconds int,
          video_played boolean, tracking_quality varchar, time_to_first_track_ms int, target_found_count int,
          target_lost_count int, video_play_seconds int, failure_reason varchar)
        order by session_id
        -- All of them: the planner takes a JSON array for 100 rows, and for 100 it hashed the whole
        -- sessions table up to some 40,000 rows instead of probing its index for each session.
        limit ${sessions.size}
      ), updated as (
        update ${s} v set
          duration_seconds = coalesce(i.duration_seconds, v.duration_seconds),
          video_played = coalesce(i.video_played, v.video_played),
          tracking_quality = coalesce(i.tracking_quality, v.tracking_quality),
          time_to_first_track_ms = coalesce(i.time_to_first_track_ms, v.time_to_first_track_ms),
          target_found_count = coalesce(i.target_found_count, v.target_found_count),
          target_lost_count = coalesce(i.target_lost_count, v.target_lost_count),
          video_play_seconds = coalesce(i.video_play_seconds, v.video_play_seconds),
          failure_reason = coalesce(i.failure_reason, v.failure_reason)
        from input i
        where v.session_id = i.session_id
        returning v.session_id
      )
      select session_id::text as "session_id", count(*)::int as "matched" from updated group by session_id`,
  );
  const matched = new Map(found.map((row) => [row.session_id, row.matched]));
  return reports.map((report) => matched.get(keyOf(report.sessionId)) ?? 0);
}
