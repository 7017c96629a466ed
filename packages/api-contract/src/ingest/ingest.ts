import type { Database } from '@arv/db';
import { insertSessions, type NewStart, type StartOutcome } from '../queries/insertSessions.js';
import { resolveContent } from '../queries/resolveContent.js';
import { type OutcomeReport, updateSessions } from '../queries/updateSessions.js';
import { type ContentKey, createContentDirectory } from './contentDirectory.js';
import { type GroupCommitOptions, groupCommit } from './groupCommit.js';

/** The tracking write path a procedure uses: content lookups, session starts and their outcomes. */
export interface Ingest {
  findContent(key: ContentKey): ReturnType<typeof resolveContent>;
  start(session: NewStart): Promise<StartOutcome>;
  /** Resolves to the number of rows the report updated (0: no such session). */
  report(report: OutcomeReport): Promise<number>;
}

export const defaultGroupCommit: GroupCommitOptions = { maxBatch: 500, maxQueue: 10_000, maxInFlight: 2 };

/** The HTTP server's ingest: cached content; starts, and ends and updates, written by group commit. */
export function createIngest(
  db: Database,
  options: Partial<Omit<GroupCommitOptions, 'onCommit'>> & {
    /** Told the size and duration of every committed write: of starts, or of outcomes (ends and updates). */
    onCommit?: (write: 'start' | 'outcome', items: number, seconds: number) => void;
  } = {},
) {
  const directory = createContentDirectory(db);
  const { onCommit, ...chosen } = options;
  const settings = { ...defaultGroupCommit, ...chosen };
  const starts = groupCommit((batch: NewStart[]) => insertSessions(db, batch), {
    ...settings,
    onCommit: (items, seconds) => onCommit?.('start', items, seconds),
  });
  const reports = groupCommit((batch: OutcomeReport[]) => updateSessions(db, batch), {
    ...settings,
    onCommit: (items, seconds) => onCommit?.('outcome', items, seconds),
  });
  return {
    findContent: directory.find,
    start: starts.push,
    report: reports.push,
    /** ar_content changed somewhere: cached lookups are dropped. */
    contentChanged: directory.clear,
    queued: () => starts.queued() + reports.queued(),
    drain: async () => {
      await Promise.all([starts.drain(), reports.drain()]);
    },
  } satisfies Ingest & Record<string, unknown>;
}

/** One statement per start and no cache: for in-process callers (scripts, tests) without a server. */
export function directIngest(db: Database): Ingest {
  return {
    findContent: (key) => resolveContent(db, key),
    start: async (session) => (await insertSessions(db, [session]))[0] ?? 'exists',
    report: async (report) => (await updateSessions(db, [report]))[0] ?? 0,
  };
}
