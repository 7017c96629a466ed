import { randomUUID } from 'node:crypto';
import { arContent, arViewSessions, companies, type Database, projects } from '@arv/db';
import type { generator } from './generator.js';

/** Two companies of two projects of three content items each. */
export async function insertCatalog(db: Database) {
  const ids: { companies: number[]; projects: number[]; content: number[] } = {
    companies: [],
    projects: [],
    content: [],
  };
  for (const companyName of ['Acme', 'Globex']) {
    const [company] = await db.insert(companies).values({ name: companyName }).returning();
    if (!company) throw new Error('no company');
    ids.companies.push(company.id);
    for (const projectName of ['Posters', 'Portraits']) {
      const [project] = await db
        .insert(projects)
        .values({ companyId: company.id, name: projectName })
        .returning();
      if (!project) throw new Error('no project');
      ids.projects.push(project.id);
      for (const title of ['One', 'Two', 'Three']) {
        const [item] = await db
          .insert(arContent)
          .values({ companyId: company.id, projectId: project.id, title })
          .returning();
        if (item) ids.content.push(item.id);
      }
    }
  }
  return ids;
}

/** The platform, and one company, project and content item of the catalog, as analytics scopes. */
export function scopesOf(ids: Awaited<ReturnType<typeof insertCatalog>>) {
  return [
    { kind: 'all' as const },
    { kind: 'company' as const, id: ids.companies[1] as number },
    { kind: 'project' as const, id: ids.projects[2] as number },
    { kind: 'content' as const, id: ids.content[4] as number },
  ];
}

/**
 * `count` views stamped in the `spanMs` before `newest`, with every kind of value the figures treat
 * specially: sessions that view a second content item minutes or days later, views with no session,
 * empty and missing device, place and outcome fields.
 */
export async function insertViews(
  db: Database,
  random: ReturnType<typeof generator>,
  { count, newest, spanMs }: { count: number; newest: Date; spanMs: number },
) {
  const content = await db.select().from(arContent);
  const rows = [];
  let previous: { sessionId: string; contentId: number } | undefined;
  for (let i = 0; i < count; i++) {
    const item = random.pick(content);
    const createdAt = new Date(newest.getTime() - random.next() * spanMs);
    const repeat = previous && random.next() < 0.08 && previous.contentId !== item.id;
    const sessionId = repeat ? (previous?.sessionId ?? null) : random.next() < 0.05 ? null : randomUUID();
    rows.push({
      arContentId: item.id,
      projectId: item.projectId,
      companyId: item.companyId,
      sessionId,
      deviceType: random.pick(['mobile', 'tablet', 'desktop', null, '']),
      browser: random.pick(['Chrome', 'Safari', 'Firefox', 'Samsung Internet', null]),
      os: random.pick(['Android', 'iOS', 'Windows', null]),
      country: random.pick(['DE', 'FR', 'US', 'JP', 'BR', null, '']),
      city: random.pick(['Berlin', 'Paris', 'Austin', 'Osaka', 'Recife', 'Lyon', 'Munich', null]),
      durationSeconds: random.next() < 0.2 ? null : Math.floor(random.next() * 600),
      trackingQuality: random.pick(['good', 'fair', 'poor', null]),
      videoPlayed: random.next() < 0.7,
      createdAt,
    });
    if (sessionId) previous = { sessionId, contentId: item.id };
  }
  await db.insert(arViewSessions).values(rows).onConflictDoNothing();
}
