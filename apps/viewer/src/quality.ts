import type { FailureReason } from '@arv/api-contract';

export type TrackingQuality = 'good' | 'fair' | 'poor' | 'failed';

export type TrackingFacts = {
  failureReason: FailureReason | null;
  /** From the moment the camera and target were ready to the first time the print was recognized. */
  timeToFirstTrackMs: number | null;
  targetLostCount: number;
};

/**
 * How well tracking went for a visitor, sent with the session's end:
 * - failed: AR could not start (a failure reason was recorded);
 * - poor: the print was never recognized, or only after more than 10 s;
 * - fair: recognized after 3 to 10 s, or lost 3 times or more;
 * - good: recognized within 3 s and lost fewer than 3 times.
 */
export function trackingQuality(facts: TrackingFacts): TrackingQuality {
  if (facts.failureReason) return 'failed';
  if (facts.timeToFirstTrackMs === null || facts.timeToFirstTrackMs > 10_000) return 'poor';
  if (facts.timeToFirstTrackMs > 3_000 || facts.targetLostCount >= 3) return 'fair';
  return 'good';
}
