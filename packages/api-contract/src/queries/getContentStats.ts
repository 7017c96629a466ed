import { arContent, type Database } from '@arv/db';
import { eq, sql } from 'drizzle-orm';

/** Active content and the bytes all content takes, for everyone or one company. */
export async function getContentStats(db: Database, companyId?: number) {
  const [row] = await db
    .select({
      activeContent: sql<number>`count(*) filter (where ${arContent.isActive})::int`,
      storageBytes: sql<string>`coalesce(sum(${arContent.storageBytes}), 0)::text`,
    })
    .from(arContent)
    .where(companyId === undefined ? undefined : eq(arContent.companyId, companyId));
  return { activeContent: row?.activeContent ?? 0, storageBytes: Number(row?.storageBytes ?? 0) };
}
