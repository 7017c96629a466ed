import { type DatabaseHandle, rows } from '@arv/db';
import { createTestDatabase, sequentialScans } from '@arv/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateSessions } from '../src/queries/updateSessions.js';
import { insertCatalog } from './views.js';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

describe('a batch of ends', () => {
  it('finds its sessions by index, though the table is small enough for a scan to look cheaper than 100 probes', async () => {
    const { content } = await insertCatalog(handle.db);
    await handle.db.execute(sql`insert into ar_view_sessions (ar_content_id, project_id, company_id, session_id)
      select id, project_id, company_id, gen_random_uuid() from ar_content, generate_series(1, 20000)
      where id = ${content[0]}`);
    await handle.db.execute(sql`analyze ar_view_sessions`);
    const sessions = await rows<{ session_id: string }>(
      handle.db,
      sql`select session_id from ar_view_sessions order by random() limit 20`,
    );

    const { result: matched, scans } = await sequentialScans(handle.db, 'ar_view_sessions', (tx) =>
      updateSessions(
        tx,
        sessions.map((s) => ({ sessionId: s.session_id, outcome: { durationSeconds: 42 } })),
      ),
    );
    expect(matched).toEqual(sessions.map(() => 1));
    expect(scans).toBe(0);
  });
});
