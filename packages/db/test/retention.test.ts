import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arViewSessions, type DatabaseHandle, deleteSessionsBefore } from '../src/index.js';
import { createTestDatabase } from '../src/testing.js';
import { createContentItem } from './catalog.js';

const dayMs = 86_400_000;
let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  const content = await createContentItem(db);
  const row = (daysAgo: number) => ({
    arContentId: content.id,
    projectId: content.projectId,
    companyId: content.companyId,
    sessionId: randomUUID(),
    createdAt: new Date(Date.now() - daysAgo * dayMs),
  });
  await db.insert(arViewSessions).values([400, 398, 396, 500, 700, 1000, 396].map(row));
  await db.insert(arViewSessions).values([394, 10, 0].map(row));
});
afterAll(() => handle.close());

describe('retention', () => {
  it('deletes only sessions older than the cutoff, batch by batch', async () => {
    const deleted = await deleteSessionsBefore(handle.db, new Date(Date.now() - 395 * dayMs), 2);
    expect(deleted).toBe(7);
    const [left] = await handle.db
      .select({ n: sql<number>`count(*)::int`, oldest: sql<string>`min(created_at)::text` })
      .from(arViewSessions);
    expect(left?.n).toBe(3);
    expect(Date.now() - new Date(left?.oldest ?? '').getTime()).toBeLessThan(395 * dayMs);
  });

  it('is a no-op when nothing is old enough', async () => {
    expect(await deleteSessionsBefore(handle.db, new Date(Date.now() - 395 * dayMs))).toBe(0);
  });
});
