import { createDatabase, type DatabaseHandle } from '@arv/db';
import postgres from 'postgres';
import { onCleanup } from './cleanup.js';
import { say } from './log.js';

const serverUrl = 'postgres://postgres@127.0.0.1:5432';

export interface BenchDatabase {
  url: string;
  /** The project's own Drizzle database: catalog, tokens, rollups and the naive answers go through it. */
  handle: DatabaseHandle;
  /** A plain postgres.js client for the bulk generator and the storage checks. */
  sql: postgres.Sql;
  serverVersion: string;
}

async function createScratchDatabase(keep: boolean): Promise<string> {
  const name = `arv_bench_${process.pid}_${Date.now()}`;
  const admin = postgres(`${serverUrl}/postgres`, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = `${serverUrl}/${name}`;
  if (keep) {
    say(`database ${url} (kept: --keep)`);
    return url;
  }
  onCleanup(`drop database ${name}`, async () => {
    const again = postgres(`${serverUrl}/postgres`, { max: 1, onnotice: () => {} });
    try {
      // force: a child server that is still shutting down must not keep the database alive.
      await again.unsafe(`drop database if exists ${name} with (force)`);
    } finally {
      await again.end();
    }
  });
  say(`database ${url} (dropped at the end)`);
  return url;
}

/** BENCH_DATABASE_URL when set (left in place), else a fresh database on the local server; migrated. */
export async function openBenchDatabase(keep: boolean): Promise<BenchDatabase> {
  const given = process.env.BENCH_DATABASE_URL;
  const url = given || (await createScratchDatabase(keep));
  if (given) say(`database ${url} (BENCH_DATABASE_URL, left in place)`);
  const handle = createDatabase({ url, maxConnections: 8 });
  onCleanup('close the Drizzle pool', () => handle.close());
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  onCleanup('close the postgres.js pool', () => sql.end({ timeout: 5 }));
  await handle.migrate();
  const [row] = await sql<{ server_version: string }[]>`show server_version`;
  return { url, handle, sql, serverVersion: row?.server_version ?? 'unknown' };
}
