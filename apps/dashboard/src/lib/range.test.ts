import { describe, expect, it } from 'vitest';
import { isCalendarDate, rangeFromSearch, rangeLabel, rangeSlug, rangeToSearch } from './range';

const search = (query: string) => new URLSearchParams(query);

describe('rangeFromSearch', () => {
  it('reads a preset', () => {
    expect(rangeFromSearch(search('range=7d'))).toEqual({ preset: '7d' });
  });

  it('reads custom dates, which win over a preset', () => {
    expect(rangeFromSearch(search('range=7d&from=2026-01-01&to=2026-01-31'))).toEqual({
      from: '2026-01-01',
      to: '2026-01-31',
    });
  });

  it('falls back to the last 30 days for a missing or unknown range', () => {
    expect(rangeFromSearch(search(''))).toEqual({ preset: '30d' });
    expect(rangeFromSearch(search('range=5y'))).toEqual({ preset: '30d' });
    expect(rangeFromSearch(search('from=2026-02-30&to=2026-03-01'))).toEqual({ preset: '30d' });
  });
});

describe('rangeToSearch', () => {
  it('leaves the default out of the address and round-trips the others', () => {
    expect(rangeToSearch({ preset: '30d' })).toBe('');
    for (const range of [{ preset: '12m' as const }, { from: '2026-01-01', to: '2026-01-31' }]) {
      expect(rangeFromSearch(search(rangeToSearch(range).slice(1)))).toEqual(range);
    }
  });
});

describe('labels', () => {
  it('names presets and custom ranges', () => {
    expect(rangeLabel({ preset: '24h' })).toBe('Last 24 hours');
    expect(rangeLabel({ from: '2026-01-01', to: '2026-01-31' })).toBe('1 Jan – 31 Jan 2026');
    expect(rangeLabel({ from: '2025-12-01', to: '2026-01-31' })).toBe('1 Dec 2025 – 31 Jan 2026');
    expect(rangeLabel({ from: '2026-01-05', to: '2026-01-05' })).toBe('5 Jan 2026');
  });

  it('gives file names the range they cover', () => {
    expect(rangeSlug({ preset: '7d' }, '2026-11-23')).toBe('7d-2026-11-23');
    expect(rangeSlug({ from: '2026-01-01', to: '2026-01-31' }, '2026-11-23')).toBe('2026-01-01_2026-01-31');
  });
});

describe('isCalendarDate', () => {
  it('accepts real days only', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-1-01')).toBe(false);
  });
});
