import { arViewSessions, type Database, rows } from '@arv/db';
import { type SQL, sql } from 'drizzle-orm';

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

function valuesRow(ord: number, start: NewStart): SQL {
  return sql`(${ord}::int, ${start.arContentId}::int, ${start.sessionId ?? null}::uuid, ${start.userAgent ?? null}::text,
    ${start.deviceType ?? null}::varchar, ${start.browser ?? null}::varchar, ${start.os ?? null}::varchar,
    ${start.ipAddress ?? null}::varchar, ${start.country ?? null}::varchar, ${start.city ?? null}::varchar,
    ${start.trackingQuality ?? null}::varchar, ${start.videoPlayed ?? false}::boolean)`;
}

/**
 * Stores many starts with one multi-row INSERT. The content's activity, company and project are read in
 * the same statement, so a start for content deactivated a moment ago is refused, never stored. Rows go
 * in key order, so that two batches sharing a key wait for each other instead of deadlocking.
 */
export async function insertSessions(db: Database, starts: NewStart[]): Promise<StartOutcome[]> {
  const s = arViewSessions;
  const found = await rows<{ ord: number; active: boolean; created: boolean }>(
    db,
    sql`with input (ord, ar_content_id, session_id, user_agent, device_type, browser, os, ip_address, country,
        city, tracking_quality, video_played) as (values ${sql.join(
          starts.map((start, ord) => valuesRow(ord, start)),
          sql`, `,
        )}
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
