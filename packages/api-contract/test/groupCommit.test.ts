import { describe, expect, it } from 'vitest';
import { groupCommit } from '../src/ingest/groupCommit.js';

describe('groupCommit', () => {
  it('writes items pushed together in one batch and answers each after its write', async () => {
    const batches: number[][] = [];
    const writer = groupCommit(
      async (items: number[]) => {
        batches.push(items);
        return items.map((n) => n * 2);
      },
      { maxBatch: 100, maxQueue: 1000, maxInFlight: 1 },
    );
    const answers = await Promise.all([1, 2, 3, 4].map((n) => writer.push(n)));
    expect(answers).toEqual([2, 4, 6, 8]);
    expect(batches).toEqual([[1, 2, 3, 4]]);
  });

  it('fails only the item that cannot be written, not the others in its batch', async () => {
    const writer = groupCommit(
      async (items: string[]) => {
        if (items.includes('bad')) throw new Error('value too long');
        return items.map((item) => item.toUpperCase());
      },
      { maxBatch: 100, maxQueue: 1000, maxInFlight: 2 },
    );
    const answers = await Promise.allSettled(['a', 'bad', 'c'].map((item) => writer.push(item)));
    expect(answers.map((answer) => answer.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(answers[0]).toMatchObject({ value: 'A' });
  });

  it('refuses items past the queue bound instead of holding them', async () => {
    const writer = groupCommit(async (items: number[]) => items, {
      maxBatch: 1,
      maxQueue: 2,
      maxInFlight: 1,
    });
    const answers = await Promise.allSettled([1, 2, 3, 4].map((n) => writer.push(n)));
    expect(answers.filter((answer) => answer.status === 'rejected')).toHaveLength(2);
    await writer.drain();
    expect(writer.queued()).toBe(0);
  });
});
