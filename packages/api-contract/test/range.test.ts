import { describe, expect, it } from 'vitest';
import { bucketUnit, resolveRange } from '../src/range.js';

const db = undefined as never; // presets never reach the database
const now = new Date('2026-06-15T12:00:00Z');

describe('range presets', () => {
  it('end now and bucket by hour, day or month by their length', async () => {
    const day = await resolveRange(db, { preset: '24h' }, 'UTC', now);
    expect(day).toEqual({
      from: new Date('2026-06-14T12:00:00Z'),
      to: now,
      previousFrom: new Date('2026-06-13T12:00:00Z'),
      unit: 'hour',
    });
    expect((await resolveRange(db, { preset: '7d' }, 'UTC', now)).unit).toBe('day');
    expect((await resolveRange(db, { preset: '90d' }, 'UTC', now)).unit).toBe('day');
    const year = await resolveRange(db, { preset: '12m' }, 'UTC', now);
    expect(year.from).toEqual(new Date('2025-06-15T12:00:00Z'));
    expect(year.unit).toBe('month');
  });

  it('switch units at exactly 2 and 180 days', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    const after = (days: number) => new Date(from.getTime() + days * 86_400_000);
    expect(bucketUnit(from, after(2))).toBe('hour');
    expect(bucketUnit(from, after(2.01))).toBe('day');
    expect(bucketUnit(from, after(180))).toBe('day');
    expect(bucketUnit(from, after(181))).toBe('month');
  });
});
