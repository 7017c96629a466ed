import { createDatabase, createUser, type Database, rows, seedDemoData } from '@arv/db';
import { type SQL, sql } from 'drizzle-orm';

export const adminUser = { email: 'admin@browser.test', password: 'admin password 1' };
export const memberUser = { email: 'member@browser.test', password: 'member password 1' };

/** Calendar days in a time zone, both included: what the custom range picker sends. */
export interface DayRange {
  from: string;
  to: string;
  timeZone: string;
}

async function one<T>(db: Database, statement: SQL): Promise<T> {
  const [row] = await rows<T>(db, statement);
  if (!row) throw new Error('the query returned no row');
  return row;
}

/** The range's first and last instants, with PostgreSQL's own time zone rules (as the API uses). */
function bounds(range: DayRange) {
  return {
    from: sql`((${range.from}::date)::timestamp at time zone ${range.timeZone})`,
    to: sql`((${range.to}::date + 1)::timestamp at time zone ${range.timeZone})`,
  };
}

/** The summary cards' figures over everything, or over one content item. */
async function summary(db: Database, range: DayRange, contentId?: number) {
  const { from, to } = bounds(range);
  const viewScope = contentId === undefined ? sql`true` : sql`ar_content_id = ${contentId}`;
  const contentScope = contentId === undefined ? sql`true` : sql`id = ${contentId}`;
  const views = await one<{
    views: number;
    unique_sessions: number;
    avg_duration: number | null;
    video_play_rate: number | null;
    tracking_success_rate: number | null;
  }>(
    db,
    sql`select count(*)::int as views, count(distinct session_id)::int as unique_sessions,
      avg(duration_seconds)::float8 as avg_duration,
      (count(*) filter (where video_played))::float8 / nullif(count(*), 0) as video_play_rate,
      (count(*) filter (where tracking_quality = 'good'))::float8 / nullif(count(*), 0) as tracking_success_rate
      from ar_view_sessions where created_at >= ${from} and created_at < ${to} and ${viewScope}`,
  );
  const content = await one<{ active: number; bytes: string }>(
    db,
    sql`select (count(*) filter (where is_active))::int as active, coalesce(sum(storage_bytes), 0)::text as bytes
      from ar_content where created_at < ${to} and ${contentScope}`,
  );
  return {
    views: views.views,
    uniqueSessions: views.unique_sessions,
    avgDurationSeconds: views.avg_duration,
    videoPlayRate: views.video_play_rate,
    trackingSuccessRate: views.tracking_success_rate,
    activeContent: content.active,
    storageUsedGb: Math.round((Number(content.bytes) / 1e9) * 100) / 100,
  };
}

export type Figures = Awaited<ReturnType<typeof summary>>;

async function dailyViews(db: Database, range: DayRange) {
  const { from, to } = bounds(range);
  return rows<{ day: string; views: number }>(
    db,
    sql`select to_char(created_at at time zone ${range.timeZone}, 'YYYY-MM-DD') as day, count(*)::int as views
      from ar_view_sessions where created_at >= ${from} and created_at < ${to} group by 1 order by 1`,
  );
}

async function devices(db: Database, range: DayRange) {
  const { from, to } = bounds(range);
  return rows<{ value: string | null; views: number; unique_sessions: number }>(
    db,
    sql`select device_type as value, count(*)::int as views, count(distinct session_id)::int as unique_sessions
      from ar_view_sessions where created_at >= ${from} and created_at < ${to}
      group by 1 order by 2 desc, 1 asc nulls last`,
  );
}

async function topContent(db: Database, range: DayRange) {
  const { from, to } = bounds(range);
  return rows<{
    id: number;
    title: string;
    unique_id: string;
    project_id: number;
    company_id: number;
    is_active: boolean;
    views: number;
  }>(
    db,
    sql`select c.id, c.title, c.unique_id::text, c.project_id, c.company_id, c.is_active, count(*)::int as views
      from ar_view_sessions s join ar_content c on c.id = s.ar_content_id
      where s.created_at >= ${from} and s.created_at < ${to}
      group by c.id order by views desc, c.id asc limit 10`,
  );
}

async function names(db: Database, table: 'companies' | 'projects', where: SQL = sql`true`) {
  return rows<{ id: number; name: string }>(
    db,
    sql`select id, name from ${sql.identifier(table)} where ${where} order by name, id`,
  );
}

/**
 * A database as `npm start --demo` makes it (3 companies, 60 days, 6,000 sessions, fixed seed), with two
 * users, and the figures the dashboard must show for `range`, read straight from the tables. PGlite
 * belongs to one process, so everything is read here, before the server opens it.
 */
export async function prepareDatabase(dataDir: string, range: DayRange) {
  const handle = createDatabase({ dataDir });
  try {
    await handle.migrate();
    const { db } = handle;
    await seedDemoData(db, { companies: 3, days: 60, sessions: 6000, seed: 42 });
    // The demo catalog is created now, after its own views; dated before them, the content cards
    // (active content, storage, both counted as of the range's end) have something to show.
    await db.execute(sql`update ar_content set created_at = now() - interval '90 days'`);
    const companies = await names(db, 'companies');
    const company = companies[0];
    if (!company) throw new Error('the demo data has no company');
    await createUser(db, { ...adminUser, name: 'Browser admin', role: 'admin' });
    await createUser(db, { ...memberUser, name: 'Browser member', role: 'member', companyId: company.id });

    const top = await topContent(db, range);
    const content = top[0];
    if (!content) throw new Error('the demo data has no views in the test range');
    const [project] = await names(db, 'projects', sql`id = ${content.project_id}`);
    const [contentCompany] = await names(db, 'companies', sql`id = ${content.company_id}`);
    if (!project || !contentCompany) throw new Error('the top content has no project or company');
    return {
      all: await summary(db, range),
      dailyViews: await dailyViews(db, range),
      devices: await devices(db, range),
      topContent: top,
      companies,
      member: { companyId: company.id, companyName: company.name },
      content: {
        ...content,
        figures: await summary(db, range, content.id),
      },
      project: {
        ...project,
        siblings: await rows<{ title: string }>(
          db,
          sql`select title from ar_content where project_id = ${project.id} order by title, id`,
        ),
      },
      company: {
        ...contentCompany,
        projects: await names(db, 'projects', sql`company_id = ${contentCompany.id}`),
      },
    };
  } finally {
    await handle.close();
  }
}

export type Truth = Awaited<ReturnType<typeof prepareDatabase>>;
