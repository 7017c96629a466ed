import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { assertCanRead, companyScope } from '../access.js';
import { getContentStats } from '../queries/getContentStats.js';
import { countViews, getViewStats } from '../queries/getViewStats.js';
import { last30Days } from '../queries/viewFilter.js';
import { id } from '../schemas.js';
import { authedProcedure } from '../trpc.js';

const bytesPerGb = 1e9;

export const analyticsRouter = {
  /** The legacy overview: the last 30 days, confined to the caller's company for a company token. */
  overview: authedProcedure.query(async ({ ctx }) => {
    const companyId = companyScope(ctx.viewer);
    const [views, content] = await Promise.all([
      getViewStats(ctx.db, { companyId, ...last30Days() }),
      getContentStats(ctx.db, companyId),
    ]);
    return {
      total_views: views.views,
      unique_sessions: views.uniqueSessions,
      active_content: content.activeContent,
      storage_used_gb: Math.round((content.storageBytes / bytesPerGb) * 100) / 100,
    };
  }),

  company: authedProcedure.input(z.object({ company_id: id() })).query(async ({ ctx, input }) => {
    await assertCanRead(ctx, 'company', input.company_id);
    const views = await countViews(ctx.db, { companyId: input.company_id, ...last30Days() });
    return { company_id: input.company_id, views_30_days: views };
  }),

  project: authedProcedure.input(z.object({ project_id: id() })).query(async ({ ctx, input }) => {
    await assertCanRead(ctx, 'project', input.project_id);
    const views = await countViews(ctx.db, { projectId: input.project_id, ...last30Days() });
    return { project_id: input.project_id, views_30_days: views };
  }),

  content: authedProcedure.input(z.object({ ar_content_id: id() })).query(async ({ ctx, input }) => {
    await assertCanRead(ctx, 'content', input.ar_content_id);
    const views = await countViews(ctx.db, { arContentId: input.ar_content_id, ...last30Days() });
    return { ar_content_id: input.ar_content_id, views_30_days: views };
  }),
} satisfies TRPCRouterRecord;
