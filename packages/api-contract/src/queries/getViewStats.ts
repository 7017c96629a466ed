import { arViewSessions, type Database } from '@arv/db';
import { countDistinct, sql } from 'drizzle-orm';
import { type ViewFilter, viewConditions } from './viewFilter.js';

export async function getViewStats(db: Database, filter: ViewFilter) {
  const [row] = await db
    .select({
      views: sql<number>`count(*)::int`,
      uniqueSessions: countDistinct(arViewSessions.sessionId),
    })
    .from(arViewSessions)
    .where(viewConditions(filter));
  return { views: row?.views ?? 0, uniqueSessions: row?.uniqueSessions ?? 0 };
}

export async function countViews(db: Database, filter: ViewFilter): Promise<number> {
  const [row] = await db
    .select({ views: sql<number>`count(*)::int` })
    .from(arViewSessions)
    .where(viewConditions(filter));
  return row?.views ?? 0;
}
