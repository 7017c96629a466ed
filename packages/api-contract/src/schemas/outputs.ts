import { z } from 'zod';

/**
 * Answers of the legacy-shaped procedures, checked on the way out: the REST adapter and the OpenAPI
 * document both rest on these, so the legacy JSON cannot drift unnoticed.
 */
export const overviewOutput = z.object({
  total_views: z.number().int().meta({ description: 'View sessions in the last 30 days' }),
  unique_sessions: z.number().int().meta({ description: 'Distinct session_id values in the last 30 days' }),
  active_content: z.number().int().meta({ description: 'AR content items with is_active' }),
  storage_used_gb: z.number().meta({ description: 'Sum of storage_bytes in GB (10^9 bytes), 2 decimals' }),
});

export const companyViewsOutput = z.object({ company_id: z.number().int(), views_30_days: z.number().int() });
export const projectViewsOutput = z.object({ project_id: z.number().int(), views_30_days: z.number().int() });
export const contentViewsOutput = z.object({
  ar_content_id: z.number().int(),
  views_30_days: z.number().int(),
});

const sessionId = z.uuid();

export const trackingStartOutput = z.object({
  status: z.enum(['created', 'exists', 'ignored']),
  session_id: sessionId,
});
export const trackingEndOutput = z.object({ status: z.literal('ended'), session_id: sessionId });
export const trackingUpdateOutput = z.object({ status: z.literal('updated'), session_id: sessionId });
