import { arViewSessions, type Database, rows } from '@arv/db';
import { sql } from 'drizzle-orm';

/** A session start as stored; its company and project are taken from the content row when it is written. */
export type NewStart = Pick<
  typeof arViewSessions.$inferInsert,
  | 'arContentId'
  | 'sessionId'
  | 'userAgent'
  | 'deviceType'
  | 'browser'
  | 'os'
  | 'ipAddress'
  | 'country'
  | 'city'
  | 'trackingQuality'
  | 'videoPlayed'
>;

/** What became of a start: stored, already stored for this session and content, or its content is not active. */
export type StartOutcome = 'created' | 'exists' | 'inactive';

/** A start as one element of the batch's JSON parameter; the keys are the statement's record columns. */
function asRecord(ord: number, start: NewStart) {
  return {
    ord,
    ar_content_id: start.arContentId,
    session_id: start.sessionId ?? null,
    user_agent: start.userAgent ?? null,
    device_type: start.deviceType ?? null,
    browser: start.browser ?? null,
    os: start.os ?? null,
    ip_address: start.ipAddress ?? null,
    country: start.country ?? null,
    city: start.city ?? null,
    tracking_quality: start.trackingQuality ?? null,
    video_played: start.videoPlayed ?? false,
  };
}

/**
 * Stores many starts with one INSERT. The batch travels as a single JSON parameter, so the statement's
 * text is the same for every batch size: each connection prepares it once, and a batch costs one round
 * trip instead of a parse and plan of hundreds of placeholders (measured: writes to the database were the
 * API's largest cost). The content's activity, company and project are read in the same statement, so a
 * start for content deactivated a moment ago is refused, never stored. Rows go in key order, so that two
 * batches sharing a key wait for each other instead of deadlocking.
 */
export async function insertSessions(db: Database, starts: NewStart[]): Promise<StartOutcome[]> {
  const s = arViewSessions;
  const batch = JSON.stringify(starts.map((start, ord) => asRecord(ord, start)));
  const found = await rows<{ ord: number; active: boolean; created: boolean }>(
    db,
    sql`with input as (
        select * from json_to_recordset(${batch}::json) as i(ord int, ar_content_id int, session_id uuid,
          user_agent text, device_type varchar, browser varchar, os varchar, ip_address varchar,
          country varchar, city varchar, tracking_quality varchar, video_played boolean)
      ), valid as (
        select i.*, c.company_id, c.project_id from input i
        join ar_content c on c.id = i.ar_content_id and c.is_active
      ), inserted as (
        insert into ${s} (ar_content_id, project_id, company_id, session_id, user_agent, device_type, browser, os,
          ip_address, country, city, tracking_quality, video_played)
        select ar_content_id, project_id, company_id, session_id, user_agent, device_type, browser, os,
          ip_address, country, city, tracking_quality, video_played
        from valid order by session_id, ar_content_id
        on conflict (session_id, ar_content_id) do nothing
        returning session_id, ar_content_id
      )
      select i.ord as "ord", v.ord is not null as "active",
        exists (select 1 from inserted n where n.session_id = i.session_id and n.ar_content_id = i.ar_content_id)
          as "created"
      from input i left join valid v on v.ord = i.ord`,
  );
  const outcomes: StartOutcome[] = new Array(starts.length).fill('exists');
  const claimed = new Set<string>();
  for (const row of [...found].sort((a, b) => a.ord - b.ord)) {
    const start = starts[row.ord] as NewStart;
    const key = `${start.sessionId}|${start.arContentId}`;
    if (!row.active) outcomes[row.ord] = 'inactive';
    // Two starts of one session and content in the same batch: the first is the one that was stored.
    else if (row.created && !claimed.has(key)) {
      claimed.add(key);
      outcomes[row.ord] = 'created';
    }
  }
  return outcomes;
}
