import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { migrationsFolder } from './migrations.js';
import { lockDataDir } from './pgliteLock.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
/** The driver-independent Drizzle database: what queries are written against. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export interface DatabaseHandle {
  db: Database;
  driver: 'postgres' | 'pglite';
  /** Applies the committed drizzle-kit migrations; safe to call from several processes at once. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL URL; when absent, the embedded PGlite is used. */
  url?: string;
  /** Where PGlite keeps its files, or `memory://` for a throwaway database. */
  dataDir?: string;
  /** postgres.js pool size. */
  maxConnections?: number;
}

// Any constant works; it only has to be the same in every process that migrates this database.
const migrationLockKey = 727_001;

export function createDatabase(options: DatabaseOptions = {}): DatabaseHandle {
  const url = options.url ?? process.env.DATABASE_URL;
  if (url) return createPostgres(url, options.maxConnections);
  return createPglite(options.dataDir ?? process.env.PGLITE_DIR ?? './.data/pglite');
}

function createPostgres(url: string, maxConnections = 10): DatabaseHandle {
  const client = postgres(url, {
    max: maxConnections,
    onnotice: () => {},
    // While the database is away a request must fail fast (503) rather than hang. postgres.js makes a
    // query wait for its connection's reconnect delay, which by default grows to 10-20 s after a few
    // failed attempts (measured by `npm run test:reliability`): cap it at half a second. A host that
    // swallows packets instead of refusing them is given up on after 2 s instead of 30.
    backoff: (retries) => Math.min(0.05 * 2 ** retries, 0.5),
    connect_timeout: 2,
  });
  const db = drizzlePostgres({ client, schema });
  return {
    db: db as unknown as Database,
    driver: 'postgres',
    async migrate() {
      const lock = await client.reserve();
      try {
        await lock`select pg_advisory_lock(${migrationLockKey})`;
        await migratePostgres(db, { migrationsFolder });
      } finally {
        await lock`select pg_advisory_unlock(${migrationLockKey})`;
        lock.release();
      }
    },
    close: () => client.end({ timeout: 5 }),
  };
}

function createPglite(dataDir: string): DatabaseHandle {
  const inMemory = dataDir.startsWith('memory://');
  const path = inMemory ? dataDir : resolve(dataDir);
  if (!inMemory) mkdirSync(path, { recursive: true });
  const unlock = inMemory ? () => {} : lockDataDir(path);
  const client = new PGlite(path);
  const db = drizzlePglite({ client, schema });
  return {
    db: db as unknown as Database,
    driver: 'pglite',
    // PGlite is one process's private database, so there is nobody to race with.
    migrate: () => migratePglite(db, { migrationsFolder }),
    async close() {
      await client.close();
      unlock();
    },
  };
}
