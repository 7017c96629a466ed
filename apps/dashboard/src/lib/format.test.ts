import { describe, expect, it } from 'vitest';
import { formatChange, formatDuration, formatGigabytes, formatInteger, formatRate } from './format';

describe('formats', () => {
  it('writes durations as seconds, minutes or hours', () => {
    expect(formatDuration(42.4)).toBe('42s');
    expect(formatDuration(185)).toBe('3m 05s');
    expect(formatDuration(3720)).toBe('1h 02m');
    expect(formatDuration(null)).toBe('—');
  });

  it('writes rates and changes as percentages with a sign', () => {
    expect(formatRate(0.6025)).toBe('60.3%');
    expect(formatChange(0.125)).toBe('+12.5%');
    expect(formatChange(-0.03)).toBe('−3.0%');
    expect(formatChange(0)).toBe('0%');
  });

  it('groups thousands and shows storage in GB', () => {
    expect(formatInteger(1234567)).toBe('1,234,567');
    expect(formatGigabytes(1.5)).toBe('1.50 GB');
  });
});
