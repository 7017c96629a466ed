import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database } from './client.js';

// Resolved through the package name so that it also holds when @arv/db is bundled into an app.
export const migrationsFolder = join(
  dirname(createRequire(import.meta.url).resolve('@arv/db/package.json')),
  'migrations',
);

/** The `when` stamp of the newest committed migration, as drizzle-kit wrote it in the journal. */
function newestMigration(): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { when: number }[];
  };
  return Math.max(...journal.entries.map((entry) => entry.when));
}

/** True when the database has every committed migration applied (Drizzle's migrator records each). */
export async function migrationsApplied(db: Database): Promise<boolean> {
  try {
    const [row] = await db
      .select({ newest: sql<string | null>`max(created_at)::text` })
      .from(sql`drizzle.__drizzle_migrations`);
    return Number(row?.newest ?? 0) >= newestMigration();
  } catch (error) {
    // 42P01: no migrations table yet, so nothing was ever applied.
    if ((error as { cause?: { code?: string } }).cause?.code === '42P01') return false;
    throw error;
  }
}
