import { type Database, rows } from '@arv/db';
import { sql } from 'drizzle-orm';
import type { TopContentOptions } from '../getTopContent.js';
import type { ViewFilter } from '../viewFilter.js';
import { facts } from './facts.js';

interface TopContentRow {
  contentId: number;
  uniqueId: string;
  title: string;
  projectId: number;
  projectName: string;
  companyId: number;
  companyName: string;
  views: number;
  uniqueSessions: number;
  avgDurationSeconds: number | null;
  videoPlayRate: number;
  total: number;
}

const sortColumns: Record<TopContentOptions['sort'], string> = {
  views: 'views',
  uniqueSessions: 'sessions',
  avgDurationSeconds: 'avg_duration_seconds',
  videoPlayRate: 'video_play_rate',
};

/**
 * Content ranked by one figure from the content-level rollups. A content item's views of distinct
 * sessions need no correction: a session is stored once per content item.
 */
export async function getTopContent(db: Database, filter: ViewFilter, options: TopContentOptions) {
  const perContent = sql`select content_id, sum(views) as views, sum(sessions) as sessions,
      (sum(duration_sum)::numeric / nullif(sum(duration_count), 0))::float8 as avg_duration_seconds,
      sum(video_played)::float8 / sum(views) as video_play_rate
    from (${facts(filter, { perContent: true })}) f group by content_id having sum(views) <> 0`;
  const direction = sql.raw(options.direction);
  const found = await rows<TopContentRow>(
    db,
    sql`with per_content as (${perContent})
      select p.content_id as "contentId", c.unique_id as "uniqueId", c.title as "title",
        pr.id as "projectId", pr.name as "projectName", co.id as "companyId", co.name as "companyName",
        p.views::int as "views", p.sessions::int as "uniqueSessions",
        p.avg_duration_seconds as "avgDurationSeconds", p.video_play_rate as "videoPlayRate",
        (select count(*) from per_content)::int as "total"
      from per_content p
      join ar_content c on c.id = p.content_id
      join projects pr on pr.id = c.project_id
      join companies co on co.id = c.company_id
      order by ${sql.identifier(sortColumns[options.sort])} ${direction} nulls last, p.content_id asc
      limit ${options.pageSize} offset ${(options.page - 1) * options.pageSize}`,
  );
  const total =
    found[0]?.total ??
    (await rows<{ total: number }>(db, sql`select count(*)::int as "total" from (${perContent}) p`))[0]
      ?.total ??
    0;
  return {
    total,
    page: options.page,
    pageSize: options.pageSize,
    rows: found.map(({ total: _total, ...row }) => row),
  };
}
