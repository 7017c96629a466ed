import { arContent, companies, type Database, projects } from '@arv/db';

const companyCount = 20;
const projectsPerCompany = 5;
const contentPerProject = 5;
// A few inactive items, so that active_content differs from the catalog's size; ingest never names them.
const inactiveEvery = 50;
const dayMs = 86_400_000;

export interface CatalogItem {
  id: number;
  uniqueId: string;
  projectId: number;
  companyId: number;
  isActive: boolean;
}

/**
 * The content in popularity order: sessions pick rank k with a chance proportional to 1/k. The ranks are
 * spread over the companies, so that no company holds all of the popular content.
 */
export interface Catalog {
  byPopularity: CatalogItem[];
  active: CatalogItem[];
}

/** A stride coprime with the catalog's size visits every item once, mixing companies along the ranks. */
function popularityOrder(items: CatalogItem[]): CatalogItem[] {
  const stride = 37;
  return items.map((_, rank) => items[(rank * stride) % items.length] as CatalogItem);
}

export async function createCatalog(db: Database, now: number): Promise<Catalog> {
  // Created well before the oldest session, so that every period counts the whole catalog.
  const createdAt = new Date(now - 90 * dayMs);
  const companyRows = await db
    .insert(companies)
    .values(Array.from({ length: companyCount }, (_, i) => ({ name: `Bench company ${i + 1}`, createdAt })))
    .returning({ id: companies.id });
  const projectRows = await db
    .insert(projects)
    .values(
      companyRows.flatMap((company, c) =>
        Array.from({ length: projectsPerCompany }, (_, p) => ({
          companyId: company.id,
          name: `Bench project ${c + 1}.${p + 1}`,
          createdAt,
        })),
      ),
    )
    .returning({ id: projects.id, companyId: projects.companyId });
  const contentRows = await db
    .insert(arContent)
    .values(
      projectRows.flatMap((project, p) =>
        Array.from({ length: contentPerProject }, (_, k) => {
          const index = p * contentPerProject + k;
          return {
            companyId: project.companyId,
            projectId: project.id,
            title: `Bench portrait ${index + 1}`,
            isActive: index % inactiveEvery !== inactiveEvery - 1,
            storageBytes: 20_000_000 + ((index * 7_919_113) % 180_000_000),
            createdAt,
          };
        }),
      ),
    )
    .returning({
      id: arContent.id,
      uniqueId: arContent.uniqueId,
      projectId: arContent.projectId,
      companyId: arContent.companyId,
      isActive: arContent.isActive,
    });
  const byPopularity = popularityOrder(contentRows);
  return { byPopularity, active: byPopularity.filter((item) => item.isActive) };
}
