/** The nearest-rank percentile of some samples (p in 0..100). */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1] as number;
}

/** Milliseconds to 0.01: finer is noise, and the result files stay readable. */
export const hundredths = (ms: number) => Math.round(ms * 100) / 100;

export interface Timings {
  calls: number;
  p50Ms: number;
  p95Ms: number;
}

/**
 * Calls fn one call after another and answers the percentiles of its wall-clock times, together with
 * samples taken before.
 */
export async function timeCalls(
  calls: number,
  fn: () => Promise<unknown>,
  before: number[] = [],
): Promise<Timings> {
  const samples = [...before];
  for (let i = 0; i < calls; i++) {
    const began = performance.now();
    await fn();
    samples.push(performance.now() - began);
  }
  return {
    calls: samples.length,
    p50Ms: hundredths(percentile(samples, 50)),
    p95Ms: hundredths(percentile(samples, 95)),
  };
}
