import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));

/** `2025-11-23T13-05-09Z-quick.json`: sorts by date, and holds no colon that a file system may refuse. */
function fileName(startedAt: Date, mode: string): string {
  return `${startedAt.toISOString().slice(0, 19).replaceAll(':', '-')}Z-${mode}.json`;
}

/** Writes the run's results as pretty JSON, one file per run, meant to be committed; answers its path. */
export function writeResults(startedAt: Date, mode: string, results: unknown): string {
  mkdirSync(resultsDir, { recursive: true });
  const path = join(resultsDir, fileName(startedAt, mode));
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
  return path;
}
