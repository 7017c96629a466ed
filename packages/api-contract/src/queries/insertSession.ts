import { arViewSessions, type Database } from '@arv/db';

export type NewSession = typeof arViewSessions.$inferInsert;

/** Stores a session start; false when this session was already recorded for this content. */
export async function insertSession(db: Database, session: NewSession): Promise<boolean> {
  const rows = await db
    .insert(arViewSessions)
    .values(session)
    .onConflictDoNothing({ target: [arViewSessions.sessionId, arViewSessions.arContentId] })
    .returning({ id: arViewSessions.id });
  return rows.length > 0;
}
