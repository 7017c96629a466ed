import { arContent, arViewSessions, type Database } from '@arv/db';
import { countDistinct, desc, eq, sql } from 'drizzle-orm';
import { type ViewFilter, viewConditions } from './viewFilter.js';

/** What is being viewed right now: sessions and views in the window, and the most viewed content. */
export async function getRealtime(db: Database, filter: ViewFilter) {
  const s = arViewSessions;
  const where = viewConditions(filter);
  const [[totals], content] = await Promise.all([
    db
      .select({ sessions: countDistinct(s.sessionId), views: sql<number>`count(*)::int` })
      .from(s)
      .where(where),
    db
      .select({ contentId: s.arContentId, title: arContent.title, views: sql<number>`count(*)::int` })
      .from(s)
      .innerJoin(arContent, eq(arContent.id, s.arContentId))
      .where(where)
      .groupBy(s.arContentId, arContent.title)
      .orderBy(desc(sql`count(*)`), s.arContentId)
      .limit(10),
  ]);
  return { sessions: totals?.sessions ?? 0, views: totals?.views ?? 0, content };
}
