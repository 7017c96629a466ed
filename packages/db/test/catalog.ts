import { sql } from 'drizzle-orm';
import { arContent, companies, type Database, projects } from '../src/index.js';

/** A company with one project and one content item: what a stored view needs to point at. */
export async function createContentItem(db: Database, name = 'Acme') {
  const [company] = await db.insert(companies).values({ name }).returning();
  if (!company) throw new Error('no company');
  const [project] = await db.insert(projects).values({ companyId: company.id, name: 'P' }).returning();
  if (!project) throw new Error('no project');
  const [content] = await db
    .insert(arContent)
    .values({ companyId: company.id, projectId: project.id, title: 'C' })
    .returning();
  if (!content) throw new Error('no content');
  return content;
}

type ContentItem = Awaited<ReturnType<typeof createContentItem>>;

/** `count` views of the content item by new sessions: now, or (`hourly`) one in each hour from 2026-01-01. */
export async function insertViews(
  db: Database,
  content: ContentItem,
  count: number,
  { hourly = false } = {},
) {
  const createdAt = hourly ? sql`timestamptz '2026-01-01' + h * interval '1 hour'` : sql`now()`;
  await db.execute(sql`insert into ar_view_sessions (ar_content_id, project_id, company_id, session_id, created_at)
    select ${content.id}, ${content.projectId}, ${content.companyId}, gen_random_uuid(), ${createdAt}
    from generate_series(1, ${count}) h`);
}
