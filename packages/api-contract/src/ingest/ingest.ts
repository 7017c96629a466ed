import type { Database } from '@arv/db';
import { insertSessions, type NewStart, type StartOutcome } from '../queries/insertSessions.js';
import { resolveContent } from '../queries/resolveContent.js';
import { type ContentKey, createContentDirectory } from './contentDirectory.js';
import { type GroupCommitOptions, groupCommit } from './groupCommit.js';

/** The tracking write path a procedure uses: content lookups and session starts. */
export interface Ingest {
  findContent(key: ContentKey): ReturnType<typeof resolveContent>;
  start(session: NewStart): Promise<StartOutcome>;
}

export const defaultGroupCommit: GroupCommitOptions = { maxBatch: 500, maxQueue: 10_000, maxInFlight: 2 };

/** The HTTP server's ingest: cached content, starts written by group commit. */
export function createIngest(db: Database, options: Partial<GroupCommitOptions> = {}) {
  const directory = createContentDirectory(db);
  const starts = groupCommit((batch: NewStart[]) => insertSessions(db, batch), {
    ...defaultGroupCommit,
    ...options,
  });
  return {
    findContent: directory.find,
    start: starts.push,
    /** ar_content changed somewhere: cached lookups are dropped. */
    contentChanged: directory.clear,
    queued: starts.queued,
    drain: starts.drain,
  } satisfies Ingest & Record<string, unknown>;
}

/** One statement per start and no cache: for in-process callers (scripts, tests) without a server. */
export function directIngest(db: Database): Ingest {
  return {
    findContent: (key) => resolveContent(db, key),
    start: async (session) => (await insertSessions(db, [session]))[0] ?? 'exists',
  };
}
