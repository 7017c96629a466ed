import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { createDatabase, type Database, type DatabaseHandle, type DatabaseOptions } from './client.js';
import { rows } from './rows.js';

/**
 * A migrated, empty database of its own for one test file: in-memory PGlite, or, when
 * TEST_DATABASE_URL names a PostgreSQL server, a new database there (at `url`) that close() drops again.
 */
export async function createTestDatabase(
  options: Pick<DatabaseOptions, 'maxConnections'> = {},
): Promise<DatabaseHandle & { url?: string }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const handle = createDatabase({ dataDir: 'memory://' });
    await handle.migrate();
    return handle;
  }
  const name = `arv_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = createDatabase({ url: url.toString(), ...options });
  await handle.migrate();
  return {
    ...handle,
    url: url.toString(),
    async close() {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/**
 * What `work` returns, and how many sequential scans of `table` it made, run in a transaction of its own.
 * A session's scan counters include its earlier transactions until they are flushed, which never happens
 * inside a transaction: the difference within one is the work's.
 */
export async function sequentialScans<T>(
  db: Database,
  table: string,
  work: (tx: Database) => Promise<T>,
): Promise<{ result: T; scans: number }> {
  return db.transaction(async (tx) => {
    const scans = async () => {
      const [row] = await rows<{ scans: number }>(
        tx,
        sql`select coalesce(seq_scan, 0)::int as scans from pg_stat_xact_user_tables where relname = ${table}`,
      );
      return row?.scans ?? 0;
    };
    const before = await scans();
    const result = await work(tx);
    return { result, scans: (await scans()) - before };
  });
}
