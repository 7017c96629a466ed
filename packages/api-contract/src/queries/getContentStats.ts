import { arContent, type Database } from '@arv/db';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { ScopeFilter } from '../scope.js';

/** Active content and the bytes all content takes within a scope, optionally as of a moment. */
export async function getContentStats(db: Database, filter: ScopeFilter & { createdBefore?: Date } = {}) {
  const [row] = await db
    .select({
      activeContent: sql<number>`count(*) filter (where ${arContent.isActive})::int`,
      storageBytes: sql<string>`coalesce(sum(${arContent.storageBytes}), 0)::text`,
    })
    .from(arContent)
    .where(
      and(
        filter.companyId === undefined ? undefined : eq(arContent.companyId, filter.companyId),
        filter.projectId === undefined ? undefined : eq(arContent.projectId, filter.projectId),
        filter.arContentId === undefined ? undefined : eq(arContent.id, filter.arContentId),
        filter.createdBefore === undefined ? undefined : lt(arContent.createdAt, filter.createdBefore),
      ),
    );
  return { activeContent: row?.activeContent ?? 0, storageBytes: Number(row?.storageBytes ?? 0) };
}
