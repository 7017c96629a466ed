import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  arContent,
  arViewSessions,
  createDatabase,
  type DatabaseHandle,
  pendingChanges,
  rollUpChanges,
  rows,
} from '../src/index.js';
import { migrationsFolder } from '../src/migrations.js';
import { createContentItem } from './catalog.js';

let handle: DatabaseHandle;
let before: string;

/** The committed migrations up to and including `tag`, as a database deployed before the next one had them. */
function migrationsUpTo(tag: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'arv-migrations-'));
  cpSync(migrationsFolder, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  const last = journal.entries.findIndex((entry) => entry.tag === tag);
  if (last < 0) throw new Error(`no migration ${tag}`);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, last + 1) }));
  return folder;
}

let visitor: string;
let ids: { poster: { companyId: number; projectId: number }; elsewhere: { companyId: number } };
let times: Date[];

/**
 * A database at migration 0010 with views in it, half of them rolled up, then migrated to the newest:
 * what an existing deployment goes through.
 */
beforeAll(async () => {
  handle = createDatabase({ dataDir: 'memory://' });
  before = migrationsUpTo('0010_rollups_fillfactor');
  // The handle's database is PGlite's, typed as the driver-neutral Database.
  await migrate(handle.db as unknown as Parameters<typeof migrate>[0], { migrationsFolder: before });
  const db = handle.db;
  await insertViews(await createContentItem(db, 'Before'), 300);
  // One visitor's session: two content items of one project, then one of another company.
  const poster = await createContentItem(db, 'Acme');
  const [portrait] = await db
    .insert(arContent)
    .values({ companyId: poster.companyId, projectId: poster.projectId, title: 'Portrait' })
    .returning();
  const elsewhere = await createContentItem(db, 'Globex');
  if (!portrait) throw new Error('no content');
  visitor = randomUUID();
  times = [
    new Date('2026-03-02T10:00:00Z'),
    new Date('2026-03-02T10:05:00Z'),
    new Date('2026-03-03T09:00:00Z'),
  ];
  await db.insert(arViewSessions).values(
    [poster, portrait, elsewhere].map((item, i) => ({
      arContentId: item.id,
      projectId: item.projectId,
      companyId: item.companyId,
      sessionId: visitor,
      createdAt: times[i],
    })),
  );
  // Half rolled up before the migration, half still in the log: the backfill must count each once.
  await rollUpChanges(db, { limit: Math.floor((await pendingChanges(db)) / 2) });
  expect(await pendingChanges(db)).toBeGreaterThan(0);
  await handle.migrate();
  ids = { poster, elsewhere };
});
afterAll(async () => {
  await handle.close();
  rmSync(before, { recursive: true, force: true });
});

/** Views over three days at odd minutes, with a few dimension values and some rows without a session. */
async function insertViews(content: Awaited<ReturnType<typeof createContentItem>>, count: number) {
  await handle.db.execute(sql`insert into ar_view_sessions
      (ar_content_id, project_id, company_id, session_id, created_at, device_type, country, video_played)
    select ${content.id}, ${content.projectId}, ${content.companyId},
      case when h % 7 = 0 then null else gen_random_uuid() end,
      timestamptz '2026-03-01' + h * interval '37 minutes',
      (array['mobile', 'tablet', null])[h % 3 + 1], (array['DE', 'FR', '', 'JP'])[h % 4 + 1], h % 2 = 0
    from generate_series(1, ${count}) h`);
}

/** Quarter-day dimension rows as stored, and as the raw rows give them. */
async function quarterRows() {
  const stored = await rows<Record<string, unknown>>(
    handle.db,
    sql`select level, scope_id, bucket::text, dimension, value, views::int, sessions::int
      from ar_view_rollups where grain = 2 and views <> 0 order by 1, 2, 3, 4, 5`,
  );
  const counted = await rows<Record<string, unknown>>(
    handle.db,
    sql`select l.level, l.scope_id, date_bin('6 hours', v.created_at, timestamptz '2000-01-01 00:00:00+00')::text
        as bucket, d.dimension, d.value, count(*)::int as views, count(v.session_id)::int as sessions
      from ar_view_sessions v
      cross join lateral (values (2::smallint, v.project_id), (3::smallint, v.ar_content_id)) l(level, scope_id)
      cross join lateral (values (1::smallint, coalesce(v.device_type, '')), (2::smallint, coalesce(v.browser, '')),
        (3::smallint, coalesce(v.os, '')), (4::smallint, coalesce(v.country, '')), (5::smallint, coalesce(v.city, '')),
        (6::smallint, coalesce(v.tracking_quality, '')),
        (7::smallint, case when v.video_played then 'played' else 'not played' end)) d(dimension, value)
      group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5`,
  );
  return { stored, counted };
}

describe('migrations 0012 and 0013: session links', () => {
  it('links the views of sessions stored before it, per level', async () => {
    const links = await rows<{ level: number; scopeId: number; at: number; previous: number }>(
      handle.db,
      sql`select level, scope_id as "scopeId", extract(epoch from created_at)::float8 * 1000 as "at",
          extract(epoch from previous_at)::float8 * 1000 as "previous"
        from ar_view_session_links where session_id = ${visitor} and dimension = 0 order by level, created_at`,
    );
    // Every view has the same (unknown or 'not played') value of each breakdown dimension: the same links per
    // value. The third view is in another UTC hour of the day: nothing links it in that dimension (8).
    const perDimension = await rows<{ links: number }>(
      handle.db,
      sql`select count(*)::int as links from ar_view_session_links where session_id = ${visitor}
        group by dimension order by dimension`,
    );
    expect(perDimension).toEqual([...Array.from({ length: 8 }, () => ({ links: 4 })), { links: 3 }]);
    const [first, second, third] = times.map((time) => time.getTime());
    const { poster, elsewhere } = ids;
    expect(links).toEqual([
      { level: 0, scopeId: 0, at: second, previous: first },
      { level: 0, scopeId: 0, at: third, previous: second },
      { level: 1, scopeId: poster.companyId, at: second, previous: first },
      { level: 2, scopeId: poster.projectId, at: second, previous: first },
    ]);
    expect(elsewhere.companyId).not.toBe(poster.companyId);
  });
});

type Compared = () => Promise<{ stored: Record<string, unknown>[]; counted: Record<string, unknown>[] }>;

/**
 * A migration's backfilled rollup rows, once the images it found pending are folded, equal what the rows
 * give; and still do after `change` adds, updates and deletes views and the fold takes those in.
 */
async function expectBackfilledThenFolded(
  compared: Compared,
  change: (db: DatabaseHandle['db']) => Promise<void>,
) {
  const db = handle.db;
  expect((await compared()).stored.length).toBeGreaterThan(0);
  await rollUpChanges(db, { limit: 1_000_000 });
  const backfilled = await compared();
  expect(backfilled.stored).toEqual(backfilled.counted);
  await change(db);
  await rollUpChanges(db, { limit: 1_000_000 });
  const folded = await compared();
  expect(folded.counted.length).toBeGreaterThan(backfilled.counted.length);
  expect(folded.stored).toEqual(folded.counted);
}

/** Content totals per week as stored, and as the raw rows give them. */
async function weekRows() {
  const stored = await rows<Record<string, unknown>>(
    handle.db,
    sql`select scope_id, bucket::text, views::int, sessions::int, duration_sum::int, duration_count::int,
        video_played::int, tracking_good::int
      from ar_view_rollups where grain = 3 and views <> 0 order by 1, 2`,
  );
  const counted = await rows<Record<string, unknown>>(
    handle.db,
    sql`select ar_content_id as scope_id,
        date_bin('7 days', created_at, timestamptz '1970-01-01 00:00:00+00')::text as bucket,
        count(*)::int as views, count(session_id)::int as sessions,
        coalesce(sum(duration_seconds), 0)::int as duration_sum, count(duration_seconds)::int as duration_count,
        count(*) filter (where video_played)::int as video_played,
        count(*) filter (where tracking_quality = 'good')::int as tracking_good
      from ar_view_sessions group by 1, 2 order by 1, 2`,
  );
  return { stored, counted };
}

describe('migration 0014: content week totals', () => {
  it('backfills what was rolled up before it, and the fold adds the rest and what comes after', async () => {
    await expectBackfilledThenFolded(weekRows, async (db) => {
      await insertViews(await createContentItem(db, 'Weekly'), 150);
      await db.execute(
        sql`update ar_view_sessions set duration_seconds = 30, tracking_quality = 'good' where id % 4 = 0`,
      );
      await db.execute(sql`delete from ar_view_sessions where id % 13 = 0`);
    });
  });
});

describe('migration 0011: quarter-day rollups', () => {
  it('backfills what was rolled up before it, and the fold adds the rest and what comes after', async () => {
    await expectBackfilledThenFolded(quarterRows, async (db) => {
      await insertViews(await createContentItem(db, 'After'), 200);
      await db.execute(sql`update ar_view_sessions set country = 'BR' where id % 5 = 0`);
      await db.execute(sql`delete from ar_view_sessions where id % 11 = 0`);
    });
  });
});
