import { describe, expect, it } from 'vitest';
import { coverage, type Grain, type Span, segmentRange } from '../src/queries/rollups/segments.js';
import { generator } from './generator.js';

const hourMs = 3_600_000;
const at = (iso: string) => new Date(iso);
const covers = (span: Span, moment: Date) => span.from <= moment && moment < span.to;

const grainSets: Grain[][] = [['week', 'day', 'hour'], ['day', 'hour'], ['day', 'quarter'], ['hour'], []];

describe('a range split into rollup buckets and rows', () => {
  it('counts every moment of the range once and nothing outside it, for any range, clock and grains', () => {
    const { next } = generator(20_261_207);
    const base = at('2026-10-01T00:00:00Z').getTime();
    for (let i = 0; i < 400; i++) {
      // Edges on whole hours and minutes as well as anywhere, as presets and local dates give them.
      const round = [1, 60_000, hourMs][i % 3] as number;
      const from = Math.floor((base + next() * 60 * 24 * hourMs) / round) * round;
      const to = from + Math.max(round, Math.floor((next() * 40 * 24 * hourMs) / round) * round);
      const now = new Date(to - next() * 2 * hourMs);
      const range = { from: new Date(from), to: new Date(to) };
      for (const grains of grainSets) {
        const parts = segmentRange(range, grains, now);
        expect(coverage(parts), JSON.stringify({ range, now, grains })).toEqual([
          { weight: 1, spans: [range] },
        ]);
        // Raw rows of one sign are read as one set: their stretches must not overlap.
        for (const sign of [1, -1]) {
          const rows = parts.filter((part) => part.source === 'rows' && part.sign === sign);
          expect(coverage(rows).every(({ weight }) => weight === sign)).toBe(true);
        }
      }
    }
  });

  it('counts the rollups of a moment under nested parts of one sign once in all', () => {
    // The 30 days before a Monday 12:02 UTC: the first week (from Thursday 5 November) is counted whole,
    // its days before Saturday 12:02 taken away, and that Saturday's hours after 12:00 added back.
    const now = at('2026-12-07T12:02:00Z');
    const parts = segmentRange({ from: at('2026-11-07T12:02:00Z'), to: now }, ['week', 'day', 'hour'], now);
    const rolled = parts.filter((part) => part.source !== 'rows');
    const moment = at('2026-11-07T18:00:00Z');
    expect(
      rolled.filter((part) => covers(part.span, moment)).map(({ source, sign }) => ({ source, sign })),
    ).toEqual([
      { source: 'week', sign: 1 },
      { source: 'day', sign: -1 },
      { source: 'hour', sign: 1 },
    ]);
    const weight = coverage(rolled).find(({ spans }) => spans.some((span) => covers(span, moment)));
    expect(weight?.weight).toBe(1);
  });
});
