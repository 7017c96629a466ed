import { arContent, type Database } from '@arv/db';
import { eq } from 'drizzle-orm';

export type ResolvedContent = Awaited<ReturnType<typeof resolveContent>>;

/** Finds content by its public unique id or its integer id, with what a session row needs from it. */
export async function resolveContent(db: Database, key: { uniqueId: string } | { id: number }) {
  const [row] = await db
    .select({
      id: arContent.id,
      uniqueId: arContent.uniqueId,
      companyId: arContent.companyId,
      projectId: arContent.projectId,
      isActive: arContent.isActive,
    })
    .from(arContent)
    .where('uniqueId' in key ? eq(arContent.uniqueId, key.uniqueId) : eq(arContent.id, key.id));
  return row;
}
