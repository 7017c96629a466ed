import type { Database } from '@arv/db';
import { expect } from 'vitest';
import { inProcessContext } from '../src/inProcessContext.js';
import type { AnalyticsSource } from '../src/queries/analyticsReads.js';
import { createCaller } from '../src/root.js';

const volatile = new Set(['range', 'previousRange', 'asOf']);

/** An answer without the moments it was asked at, its fractions cut to the digits both sides agree on. */
function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !volatile.has(key))
        .map(([key, inner]) => [key, stable(inner)]),
    );
  // Both sides divide the same integers; rounding may differ only in the last place.
  return typeof value === 'number' && !Number.isInteger(value) ? Number(value.toPrecision(12)) : value;
}

type Caller = ReturnType<typeof createCaller>;

export function callerOf(db: Database, token: string, analyticsSource: AnalyticsSource): Caller {
  return createCaller(inProcessContext(db, { authorization: `Bearer ${token}`, analyticsSource }));
}

/** Asks the rollups and the naive SQL over raw rows the same question and expects the same answer. */
export function sameAnswers(db: Database, token: string) {
  const rollups = callerOf(db, token, 'rollups');
  const rows = callerOf(db, token, 'rows');
  return async <T>(label: string, ask: (caller: Caller) => Promise<T>) => {
    const [ours, naive] = await Promise.all([ask(rollups), ask(rows)]);
    expect(stable(ours), label).toEqual(stable(naive));
  };
}
