import { arContent, companies, type Database, projects } from '@arv/db';
import { asc, eq } from 'drizzle-orm';

export function listCompanies(db: Database, onlyCompanyId?: number) {
  return db
    .select({ id: companies.id, name: companies.name })
    .from(companies)
    .where(onlyCompanyId === undefined ? undefined : eq(companies.id, onlyCompanyId))
    .orderBy(asc(companies.name), asc(companies.id));
}

export function listProjects(db: Database, companyId: number) {
  return db
    .select({ id: projects.id, name: projects.name, companyId: projects.companyId })
    .from(projects)
    .where(eq(projects.companyId, companyId))
    .orderBy(asc(projects.name), asc(projects.id));
}

export function listContent(db: Database, projectId: number) {
  return db
    .select({
      id: arContent.id,
      uniqueId: arContent.uniqueId,
      title: arContent.title,
      isActive: arContent.isActive,
      projectId: arContent.projectId,
      companyId: arContent.companyId,
    })
    .from(arContent)
    .where(eq(arContent.projectId, projectId))
    .orderBy(asc(arContent.title), asc(arContent.id));
}

/** The names along a scope's path, for breadcrumbs: the company, then the project, then the content. */
export async function findPath(
  db: Database,
  entity: { companyId?: number; projectId?: number; arContentId?: number },
) {
  const [content] =
    entity.arContentId === undefined
      ? []
      : await db
          .select({
            id: arContent.id,
            title: arContent.title,
            uniqueId: arContent.uniqueId,
            isActive: arContent.isActive,
            projectId: arContent.projectId,
          })
          .from(arContent)
          .where(eq(arContent.id, entity.arContentId));
  const projectId = content?.projectId ?? entity.projectId;
  const [project] =
    projectId === undefined
      ? []
      : await db
          .select({ id: projects.id, name: projects.name, companyId: projects.companyId })
          .from(projects)
          .where(eq(projects.id, projectId));
  const companyId = project?.companyId ?? entity.companyId;
  const [company] =
    companyId === undefined
      ? []
      : await db
          .select({ id: companies.id, name: companies.name })
          .from(companies)
          .where(eq(companies.id, companyId));
  return {
    company: company ?? null,
    project: project ? { id: project.id, name: project.name } : null,
    content: content
      ? {
          id: content.id,
          title: content.title,
          uniqueId: content.uniqueId,
          isActive: content.isActive,
          viewerPath: `/ar/${content.uniqueId}`,
        }
      : null,
  };
}
