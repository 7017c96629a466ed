import { arContent, companies, type Database, projects } from '@arv/db';
import { eq } from 'drizzle-orm';

export type Entity = 'company' | 'project' | 'content';

/** The id of the company that owns an entity, or undefined when the entity does not exist. */
export async function findOwner(db: Database, entity: Entity, id: number): Promise<number | undefined> {
  const query =
    entity === 'company'
      ? db.select({ companyId: companies.id }).from(companies).where(eq(companies.id, id))
      : entity === 'project'
        ? db.select({ companyId: projects.companyId }).from(projects).where(eq(projects.id, id))
        : db.select({ companyId: arContent.companyId }).from(arContent).where(eq(arContent.id, id));
  const [row] = await query;
  return row?.companyId;
}
