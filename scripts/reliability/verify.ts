import { arViewSessions, type Database } from '@arv/db';
import type { RequestRecord } from './load.js';

export interface StoredSession {
  rows: number;
  durationSeconds: number | null;
}

/** Every stored session of the content under test, by session id, read straight from the database. */
export async function storedSessions(db: Database, contentId: number): Promise<Map<string, StoredSession>> {
  const rows = await db
    .select({
      sessionId: arViewSessions.sessionId,
      arContentId: arViewSessions.arContentId,
      durationSeconds: arViewSessions.durationSeconds,
    })
    .from(arViewSessions);
  const stored = new Map<string, StoredSession>();
  for (const row of rows) {
    if (row.arContentId !== contentId || row.sessionId === null) continue;
    const seen = stored.get(row.sessionId);
    stored.set(row.sessionId, { rows: (seen?.rows ?? 0) + 1, durationSeconds: row.durationSeconds });
  }
  return stored;
}

export interface StorageCounts {
  sent: number;
  acked: number;
  stored: number;
  lost: number;
  /** No answer (timeout or dropped connection): may or may not be stored; reported, never counted as loss. */
  unknown: number;
  /** Answered with an error, or refused before the server saw them: must not be stored. */
  rejected: number;
  /** Acked starts stored more than once, or rejected starts stored anyway. */
  wrong: number;
}

const blank = (): StorageCounts => ({
  sent: 0,
  acked: 0,
  stored: 0,
  lost: 0,
  unknown: 0,
  rejected: 0,
  wrong: 0,
});

/** Acked starts stored exactly once, rejected starts not stored, acked ends with their duration stored. */
export function checkStorage(records: RequestRecord[], stored: Map<string, StoredSession>) {
  const starts = blank();
  const ends = blank();
  for (const record of records) {
    const counts = record.kind === 'start' ? starts : ends;
    const session = stored.get(record.sessionId);
    counts.sent++;
    if (record.outcome === 'timeout' || record.outcome === 'network') {
      counts.unknown++;
      continue;
    }
    if (record.outcome === 'rejected' || record.outcome === 'refused') {
      counts.rejected++;
      if (record.kind === 'start' && session) counts.wrong++;
      continue;
    }
    counts.acked++;
    const kept =
      record.kind === 'start' ? session !== undefined : session?.durationSeconds === record.durationSeconds;
    if (kept) counts.stored++;
    else counts.lost++;
    if (record.kind === 'start' && session && session.rows > 1) counts.wrong++;
  }
  return { starts, ends, ok: starts.lost + starts.wrong + ends.lost === 0 && starts.acked > 0 };
}

export function formatCounts(name: string, c: StorageCounts): string {
  return `${name} sent=${c.sent} acked=${c.acked} stored=${c.stored} lost=${c.lost} unknown=${c.unknown} rejected=${c.rejected}${c.wrong ? ` WRONG=${c.wrong}` : ''}`;
}
