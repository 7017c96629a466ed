import { arViewSessions, type Database } from '@arv/db';
import { eq } from 'drizzle-orm';

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

/** Records how a session went, on every content row of that session; returns how many rows matched. */
export async function updateSession(
  db: Database,
  sessionId: string,
  outcome: SessionOutcome,
): Promise<number> {
  const rows = await db
    .update(arViewSessions)
    .set(outcome)
    .where(eq(arViewSessions.sessionId, sessionId))
    .returning({ id: arViewSessions.id });
  return rows.length;
}
