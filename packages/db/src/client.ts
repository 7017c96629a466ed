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
  /**
   * For the background jobs (rollup fold, VACUUM, retention): on PostgreSQL a connection of their own.
   * postgres.js pipelines a query onto a busy connection when all are busy, so a request could wait
   * behind a job's statement, and VACUUM can take seconds (it tries for up to 5 s to lock the table it
   * shrinks): tracking ends queued behind one timed out under load. PGlite: the same single session.
   */
  jobs: Database;
  /**
   * For the tracking door's group-commit writes: on PostgreSQL a pool of its own. postgres.js hands each
   * query to the connection idle longest, so once a burst of tracking had opened every connection of a
   * shared pool, a dashboard's few reads went round all of them, and each backend paid its first
   * planning, catalog lookups and page faults on the rollups anew (at 10M sessions, every figure through
   * 20 connections took about twice as long as through 4). PGlite: the same single session.
   */
  ingest: Database;
  /**
   * For ANALYZE where no autovacuum keeps the planner's statistics: on PostgreSQL a connection of its
   * own, so that it runs beside the rollup fold, as autovacuum's workers would, rather than holding the
   * fold up for as long as it takes (0.4 to 0.5 s for the sessions table at 3M sessions). PGlite: the
   * same single session.
   */
  maintenance: Database;
  driver: 'postgres' | 'pglite';
  /** Applies the committed drizzle-kit migrations; safe to call from several processes at once. */
  migrate(): Promise<void>;
  /** Calls `onNotify` on every NOTIFY on `channel` (from any process); resolves to a function that stops. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  /** This process's connections by pool and state, as the server sees them; undefined for the embedded PGlite. */
  connections(): Promise<Record<'requests' | 'ingest', PoolState> | undefined>;
  close(): Promise<void>;
}

export interface PoolState {
  active: number;
  idle: number;
  max: number;
}

export interface DatabaseOptions {
  /** A PostgreSQL URL; when absent, the embedded PGlite is used. */
  url?: string;
  /** Where PGlite keeps its files, or `memory://` for a throwaway database. */
  dataDir?: string;
  /** postgres.js pool size for requests. */
  maxConnections?: number;
  /** postgres.js pool size for the tracking door's writes (`ingest`). */
  ingestConnections?: number;
  /** Server settings for every connection of every pool (PostgreSQL only; PGlite has one session). */
  settings?: Record<string, string>;
  /** Server settings for the requests' pool alone, on top of `settings`. */
  requestSettings?: Record<string, string>;
}

// Any constant works; it only has to be the same in every process that migrates this database.
const migrationLockKey = 727_001;

export function createDatabase(options: DatabaseOptions = {}): DatabaseHandle {
  const url = options.url ?? process.env.DATABASE_URL;
  if (url) return createPostgres(url, options);
  return createPglite(options.dataDir ?? process.env.PGLITE_DIR ?? './.data/pglite');
}

/**
 * Drizzle runs every query through postgres.js's `unsafe` unprepared, and postgres.js then describes each
 * statement that has parameters before binding it: two round trips per query, and writes to the database
 * socket were the largest cost in a CPU profile of the tracking door. Prepared, a statement is described
 * once per connection and costs one round trip after that. The statements are cached per connection and
 * dropped with it (postgres.js ends a connection after 30 to 60 minutes), so queries whose text varies
 * cannot pile up for ever.
 */
function preparing(client: postgres.Sql): postgres.Sql {
  return new Proxy(client, {
    get(target, key, receiver) {
      if (key !== 'unsafe') return Reflect.get(target, key, receiver);
      const unsafe: postgres.Sql['unsafe'] = (query, parameters, options) =>
        target.unsafe(query, parameters, { ...options, prepare: true });
      return unsafe;
    },
  });
}

function createPostgres(url: string, options: DatabaseOptions): DatabaseHandle {
  const { maxConnections = 10, ingestConnections = 6, settings = {}, requestSettings = {} } = options;
  // Named per process, so that pg_stat_activity tells this process's connections from others'.
  const applicationName = `arv-${process.pid}`;
  const connect = (max: number, name: string, own: Record<string, string> = {}) =>
    postgres(url, {
      max,
      connection: { ...settings, ...own, application_name: name },
      onnotice: () => {},
      // While the database is away a request must fail fast (503) rather than hang. postgres.js makes a
      // query wait for its connection's reconnect delay, which by default grows to 10-20 s after a few
      // failed attempts (measured by `npm run test:reliability`): cap it at half a second. A host that
      // swallows packets instead of refusing them is given up on after 2 s instead of 30.
      backoff: (retries) => Math.min(0.05 * 2 ** retries, 0.5),
      connect_timeout: 2,
    });
  const client = connect(maxConnections, applicationName, requestSettings);
  // postgres.js connects on the first query: a process that neither migrates nor runs a job never opens it.
  const jobsClient = connect(1, `${applicationName}-jobs`);
  const ingestName = `${applicationName}-ingest`;
  const ingestClient = connect(ingestConnections, ingestName);
  const maintenanceClient = connect(1, `${applicationName}-maintenance`);
  const db = drizzlePostgres({ client: preparing(client), schema });
  return {
    db: db as unknown as Database,
    jobs: drizzlePostgres({ client: preparing(jobsClient), schema }) as unknown as Database,
    ingest: drizzlePostgres({ client: preparing(ingestClient), schema }) as unknown as Database,
    maintenance: drizzlePostgres({ client: maintenanceClient, schema }) as unknown as Database,
    driver: 'postgres',
    async migrate() {
      // The lock is held on the jobs' connection (no job runs before the migrations): a pool of one
      // connection would otherwise have none left to migrate on.
      const lock = await jobsClient.reserve();
      try {
        await lock`select pg_advisory_lock(${migrationLockKey})`;
        await migratePostgres(db, { migrationsFolder });
      } finally {
        await lock`select pg_advisory_unlock(${migrationLockKey})`;
        lock.release();
      }
    },
    async listen(channel, onNotify) {
      const subscription = await client.listen(channel, onNotify);
      return () => subscription.unlisten();
    },
    async connections() {
      const found = await client<{ name: string; active: number; idle: number }[]>`
        select application_name as name, count(*) filter (where state <> 'idle')::int as active,
          count(*) filter (where state = 'idle')::int as idle
        from pg_stat_activity
        where application_name in (${applicationName}, ${ingestName}) and pid <> pg_backend_pid()
        group by 1`;
      const state = (name: string, max: number): PoolState => {
        const row = found.find((r) => r.name === name);
        return { active: row?.active ?? 0, idle: row?.idle ?? 0, max };
      };
      return {
        requests: state(applicationName, maxConnections),
        ingest: state(ingestName, ingestConnections),
      };
    },
    async close() {
      await Promise.all([
        client.end({ timeout: 5 }),
        jobsClient.end({ timeout: 5 }),
        ingestClient.end({ timeout: 5 }),
        maintenanceClient.end({ timeout: 5 }),
      ]);
    },
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
    jobs: db as unknown as Database,
    ingest: db as unknown as Database,
    maintenance: db as unknown as Database,
    driver: 'pglite',
    // PGlite is one process's private database, so there is nobody to race with.
    migrate: () => migratePglite(db, { migrationsFolder }),
    async listen(channel, onNotify) {
      const stop = await client.listen(channel, onNotify);
      return () => stop();
    },
    connections: async () => undefined,
    async close() {
      await client.close();
      unlock();
    },
  };
}
