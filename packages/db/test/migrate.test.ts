import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { createDatabase, migrationsApplied } from '../src/index.js';

const serverUrl = process.env.TEST_DATABASE_URL;

// Two API processes starting together against one PostgreSQL: only a real server has that race.
describe.runIf(serverUrl)('migrations on PostgreSQL', () => {
  it('are applied once when several processes migrate at the same moment', async () => {
    const name = `arv_test_${randomBytes(6).toString('hex')}`;
    const admin = postgres(serverUrl as string, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl as string);
    url.pathname = `/${name}`;
    const processes = Array.from({ length: 4 }, () =>
      createDatabase({ url: url.toString(), maxConnections: 2 }),
    );
    try {
      expect(await migrationsApplied(processes[0]?.db as never)).toBe(false);
      await Promise.all(processes.map((p) => p.migrate()));
      const db = processes[0]?.db;
      if (!db) throw new Error('no database');
      expect(await migrationsApplied(db)).toBe(true);
      const [row] = await db
        .select({ applied: sql<number>`count(*)::int`, distinct: sql<number>`count(distinct hash)::int` })
        .from(sql`drizzle.__drizzle_migrations`);
      expect(row?.applied).toBe(row?.distinct);
    } finally {
      await Promise.all(processes.map((p) => p.close()));
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
