import { describe, expect, it } from 'vitest';
import { bucketLabel, bucketTick } from './buckets';

describe('bucket labels', () => {
  it('shows the wall-clock label the server sent, whatever the browser time zone', () => {
    expect(bucketTick('2026-03-29T02:00', 'hour')).toBe('02:00');
    expect(bucketTick('2026-01-05', 'day')).toBe('5 Jan');
    expect(bucketTick('2026-01', 'month')).toBe('Jan 26');
  });

  it('spells a bucket out in full for the tooltip', () => {
    expect(bucketLabel('2026-01-05', 'day')).toBe('Mon, 5 Jan 2026');
    expect(bucketLabel('2026-01', 'month')).toBe('January 2026');
    expect(bucketLabel('2026-01-05T14:00', 'hour')).toBe('Mon 5 Jan, 14:00');
  });
});
