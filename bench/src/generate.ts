import type postgres from 'postgres';
import { progressBar } from './progress.js';
import { type ChunkOptions, sessionChunkStatement } from './sessionStatement.js';

const chunkRows = 100_000;

export interface GenerateOptions extends ChunkOptions {
  sql: postgres.Sql;
  sessions: number;
}

export interface Generated {
  sessions: number;
  /** Rows: the sessions plus their second views. */
  rows: number;
  ms: number;
}

/** Adds `sessions` sessions spread over the 60 days before `now`, in chunks, with a progress bar. */
export async function generateSessions(options: GenerateOptions): Promise<Generated> {
  const statement = sessionChunkStatement(options);
  const bar = progressBar('sessions', 'rows', options.sessions);
  const began = performance.now();
  let done = 0;
  let repeats = 0;
  const { from, to } = statement.window;
  const [sliceFromIndex, sliceToIndex] = statement.sliceIndexes;
  try {
    while (done < options.sessions) {
      const rows = Math.min(chunkRows, options.sessions - done);
      statement.values[statement.countIndex] = rows;
      // This chunk's share of the window, in order.
      const at = (share: number) => new Date(from + share * (to - from)).toISOString();
      statement.values[sliceFromIndex] = at(done / options.sessions);
      statement.values[sliceToIndex] = at((done + rows) / options.sessions);
      const result = await options.sql.unsafe(statement.text, statement.values);
      repeats += result.count;
      done += rows;
      bar.update(done);
    }
  } finally {
    bar.stop();
  }
  return { sessions: done, rows: done + repeats, ms: Math.round(performance.now() - began) };
}
