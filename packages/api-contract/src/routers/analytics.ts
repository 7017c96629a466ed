import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { assertCanRead, companyScope } from '../access.js';
import type { Context } from '../context.js';
import { analyticsReads } from '../queries/analyticsReads.js';
import { getContentStats } from '../queries/getContentStats.js';
import { last30Days } from '../queries/viewFilter.js';
import {
  analyticsInput,
  breakdownInput,
  companyViewsOutput,
  contentViewsOutput,
  id,
  overviewOutput,
  projectViewsOutput,
  realtimeInput,
  topContentInput,
} from '../schemas/index.js';
import { resolveScope, resolveScopeAndRange } from '../scope.js';
import { authedProcedure } from '../trpc.js';

const bytesPerGb = 1e9;
const gigabytes = (bytes: number) => Math.round((bytes / bytesPerGb) * 100) / 100;
const realtimeWindowMinutes = 5;

/** A figure beside the previous period's; change is relative, and null where it cannot be computed. */
function compare(current: number | null, previous: number | null) {
  const change =
    current === null || previous === null || previous === 0 ? null : (current - previous) / previous;
  return { current, previous, change };
}

const readsOf = (ctx: Context) => analyticsReads[ctx.analyticsSource ?? 'rollups'];

export const analyticsRouter = {
  /** The legacy overview: the last 30 days, confined to the caller's company for a company token. */
  overview: authedProcedure.output(overviewOutput).query(async ({ ctx }) => {
    const companyId = companyScope(ctx.viewer);
    const [views, content] = await Promise.all([
      readsOf(ctx).getViewStats(ctx.db, { companyId, ...last30Days() }),
      getContentStats(ctx.db, { companyId }),
    ]);
    return {
      total_views: views.views,
      unique_sessions: views.uniqueSessions,
      active_content: content.activeContent,
      storage_used_gb: gigabytes(content.storageBytes),
    };
  }),

  company: authedProcedure
    .input(z.object({ company_id: id() }))
    .output(companyViewsOutput)
    .query(async ({ ctx, input }) => {
      await assertCanRead(ctx, 'company', input.company_id);
      const views = await readsOf(ctx).countViews(ctx.db, { companyId: input.company_id, ...last30Days() });
      return { company_id: input.company_id, views_30_days: views };
    }),

  project: authedProcedure
    .input(z.object({ project_id: id() }))
    .output(projectViewsOutput)
    .query(async ({ ctx, input }) => {
      await assertCanRead(ctx, 'project', input.project_id);
      const views = await readsOf(ctx).countViews(ctx.db, { projectId: input.project_id, ...last30Days() });
      return { project_id: input.project_id, views_30_days: views };
    }),

  content: authedProcedure
    .input(z.object({ ar_content_id: id() }))
    .output(contentViewsOutput)
    .query(async ({ ctx, input }) => {
      await assertCanRead(ctx, 'content', input.ar_content_id);
      const views = await readsOf(ctx).countViews(ctx.db, {
        arContentId: input.ar_content_id,
        ...last30Days(),
      });
      return { ar_content_id: input.ar_content_id, views_30_days: views };
    }),

  /** The dashboard's cards: each figure over the range and over the period of the same length before it. */
  summary: authedProcedure.input(analyticsInput).query(async ({ ctx, input }) => {
    const { scope, range, filter } = await resolveScopeAndRange(ctx, input);
    const [current, previous, contentNow, contentBefore] = await Promise.all([
      readsOf(ctx).getSessionFigures(ctx.db, filter),
      readsOf(ctx).getSessionFigures(ctx.db, { ...scope, from: range.previousFrom, to: range.from }),
      getContentStats(ctx.db, { ...scope, createdBefore: range.to }),
      getContentStats(ctx.db, { ...scope, createdBefore: range.from }),
    ]);
    return {
      range: { from: range.from.toISOString(), to: range.to.toISOString() },
      previousRange: { from: range.previousFrom.toISOString(), to: range.from.toISOString() },
      metrics: {
        views: compare(current.views, previous.views),
        uniqueSessions: compare(current.uniqueSessions, previous.uniqueSessions),
        avgDurationSeconds: compare(current.avgDurationSeconds, previous.avgDurationSeconds),
        videoPlayRate: compare(current.videoPlayRate, previous.videoPlayRate),
        trackingSuccessRate: compare(current.trackingSuccessRate, previous.trackingSuccessRate),
        activeContent: compare(contentNow.activeContent, contentBefore.activeContent),
        storageUsedGb: compare(gigabytes(contentNow.storageBytes), gigabytes(contentBefore.storageBytes)),
      },
    };
  }),

  timeseries: authedProcedure.input(analyticsInput).query(async ({ ctx, input }) => {
    const { range, filter } = await resolveScopeAndRange(ctx, input);
    const points = await readsOf(ctx).getTimeseries(ctx.db, filter, range.unit, input.timeZone);
    return { unit: range.unit, timeZone: input.timeZone, points };
  }),

  breakdown: authedProcedure.input(breakdownInput).query(async ({ ctx, input }) => {
    const { filter } = await resolveScopeAndRange(ctx, input);
    const result = await readsOf(ctx).getBreakdown(
      ctx.db,
      filter,
      input.dimension,
      input.limit,
      input.timeZone,
    );
    return { dimension: input.dimension, ...result };
  }),

  topContent: authedProcedure.input(topContentInput).query(async ({ ctx, input }) => {
    const { filter } = await resolveScopeAndRange(ctx, input);
    return readsOf(ctx).getTopContent(ctx.db, filter, input);
  }),

  /** Sessions started in the last few minutes; the dashboard polls it. */
  realtime: authedProcedure.input(realtimeInput).query(async ({ ctx, input }) => {
    const scope = await resolveScope(ctx, input.scope);
    const to = new Date();
    const from = new Date(to.getTime() - realtimeWindowMinutes * 60_000);
    const live = await readsOf(ctx).getRealtime(ctx.db, { ...scope, from, to: new Date(to.getTime() + 1) });
    return { asOf: to.toISOString(), windowMinutes: realtimeWindowMinutes, ...live };
  }),
} satisfies TRPCRouterRecord;
