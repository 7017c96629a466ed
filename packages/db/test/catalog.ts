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
