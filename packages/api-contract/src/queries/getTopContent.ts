import { arContent, arViewSessions, companies, type Database, projects } from '@arv/db';
import { asc, countDistinct, desc, eq, sql } from 'drizzle-orm';
import type { topContentSorts } from '../schemas/analytics.js';
import { type ViewFilter, viewConditions } from './viewFilter.js';

export interface TopContentOptions {
  sort: (typeof topContentSorts)[number];
  direction: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

/** Content with views in the range, ranked by one figure; ties fall back to the content id. */
export async function getTopContent(db: Database, filter: ViewFilter, options: TopContentOptions) {
  const s = arViewSessions;
  const perContent = db
    .select({
      contentId: s.arContentId,
      views: sql<number>`count(*)::int`.as('views'),
      uniqueSessions: sql<number>`count(distinct ${s.sessionId})::int`.as('unique_sessions'),
      avgDurationSeconds: sql<number | null>`avg(${s.durationSeconds})::float8`.as('avg_duration_seconds'),
      videoPlayRate: sql<number>`(count(*) filter (where ${s.videoPlayed}))::float8 / count(*)`.as(
        'video_play_rate',
      ),
    })
    .from(s)
    .where(viewConditions(filter))
    .groupBy(s.arContentId)
    .as('per_content');

  const order = options.direction === 'asc' ? asc : desc;
  const sortColumn = perContent[options.sort];
  const [page, [count]] = await Promise.all([
    db
      .select({
        contentId: perContent.contentId,
        uniqueId: arContent.uniqueId,
        title: arContent.title,
        projectId: projects.id,
        projectName: projects.name,
        companyId: companies.id,
        companyName: companies.name,
        views: perContent.views,
        uniqueSessions: perContent.uniqueSessions,
        avgDurationSeconds: perContent.avgDurationSeconds,
        videoPlayRate: perContent.videoPlayRate,
      })
      .from(perContent)
      .innerJoin(arContent, eq(arContent.id, perContent.contentId))
      .innerJoin(projects, eq(projects.id, arContent.projectId))
      .innerJoin(companies, eq(companies.id, arContent.companyId))
      .orderBy(sql`${order(sortColumn)} nulls last`, asc(perContent.contentId))
      .limit(options.pageSize)
      .offset((options.page - 1) * options.pageSize),
    db
      .select({ total: countDistinct(s.arContentId) })
      .from(s)
      .where(viewConditions(filter)),
  ]);
  return { total: count?.total ?? 0, page: options.page, pageSize: options.pageSize, rows: page };
}
