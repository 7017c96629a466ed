import { sessionFieldLimits } from '@arv/db';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import type { Context } from '../context.js';
import { directIngest } from '../ingest/ingest.js';
import type { SessionOutcome } from '../queries/updateSessions.js';
import {
  type TrackingStartInput,
  type TrackingUpdateInput,
  trackingEndInput,
  trackingEndOutput,
  trackingStartInput,
  trackingStartOutput,
  trackingUpdateInput,
  trackingUpdateOutput,
} from '../schemas/index.js';
import { publicProcedure } from '../trpc.js';
import { describeUserAgent, isAutomated } from '../visitor.js';

const ingestOf = (ctx: Context) => ctx.ingest ?? directIngest(ctx.db);

function notActive(input: TrackingStartInput) {
  const named = input.ar_content_id
    ? `ar_content_id ${input.ar_content_id}`
    : `unique id ${input.portrait_id ?? input.ar_content_unique_id}`;
  return new TRPCError({
    code: 'NOT_FOUND',
    message: `AR content with ${named} does not exist or is not active`,
  });
}

/** The content a start names: by ar_content_id when given (as the legacy service did), else by unique id. */
async function contentOf(ctx: Context, input: TrackingStartInput) {
  if (input.portrait_id && input.ar_content_unique_id && input.portrait_id !== input.ar_content_unique_id) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: 'portrait_id and ar_content_unique_id name different content',
    });
  }
  const uniqueId = input.portrait_id ?? input.ar_content_unique_id;
  const content = await ingestOf(ctx).findContent(
    input.ar_content_id ? { id: input.ar_content_id } : { uniqueId: uniqueId as string },
  );
  if (!content?.isActive) throw notActive(input);
  if (input.ar_content_id && uniqueId && content.uniqueId !== uniqueId) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `ar_content_id ${input.ar_content_id} does not have unique id ${uniqueId}`,
    });
  }
  return content;
}

/** What an end or update reports, as columns; absent and null fields leave the stored value as it is. */
function outcomeOf(input: TrackingUpdateInput): SessionOutcome {
  return {
    durationSeconds: input.duration_seconds ?? undefined,
    trackingQuality: input.tracking_quality ?? undefined,
    videoPlayed: input.video_played ?? undefined,
    timeToFirstTrackMs: input.time_to_first_track_ms ?? undefined,
    targetFoundCount: input.target_found_count ?? undefined,
    targetLostCount: input.target_lost_count ?? undefined,
    videoPlaySeconds: input.video_play_seconds ?? undefined,
    failureReason: input.failure_reason ?? undefined,
  };
}

/** An end's input is an update's with its duration required. */
async function recordOutcome(ctx: Context, input: TrackingUpdateInput) {
  const matched = await ingestOf(ctx).report({ sessionId: input.session_id, outcome: outcomeOf(input) });
  if (matched === 0)
    throw new TRPCError({ code: 'NOT_FOUND', message: `no session with session_id ${input.session_id}` });
}

export const trackingRouter = {
  /**
   * A visit began. Retrying the same session on the same content is answered alike and stored once; a
   * bot's visit is answered "ignored" and not stored.
   */
  start: publicProcedure
    .input(trackingStartInput)
    .output(trackingStartOutput)
    .mutation(async ({ ctx, input }) => {
      if (ctx.tracking.filterBots && isAutomated(ctx.userAgent, input.user_agent)) {
        ctx.tracking.botFiltered(ctx.userAgent ?? input.user_agent ?? undefined);
        return { status: 'ignored', session_id: input.session_id };
      }
      const content = await contentOf(ctx, input);
      const userAgent = input.user_agent ?? ctx.userAgent?.slice(0, sessionFieldLimits.userAgent) ?? null;
      // Parsing a User-Agent is the costliest step of a start: only when the client left a field out.
      const derived =
        input.device_type && input.browser && input.os
          ? { deviceType: null, browser: null, os: null }
          : describeUserAgent(userAgent);
      const outcome = await ingestOf(ctx).start({
        arContentId: content.id,
        sessionId: input.session_id,
        userAgent,
        deviceType: input.device_type ?? derived.deviceType,
        browser: input.browser ?? derived.browser,
        os: input.os ?? derived.os,
        ...ctx.visitor,
        trackingQuality: input.tracking_quality,
        videoPlayed: input.video_played ?? false,
      });
      // Deactivated between the lookup and the write: refused like content that was never active.
      if (outcome === 'inactive') throw notActive(input);
      return { status: outcome, session_id: input.session_id };
    }),

  /** A visit ended; a later end overwrites an earlier one, so the latest duration wins. */
  end: publicProcedure
    .input(trackingEndInput)
    .output(trackingEndOutput)
    .mutation(async ({ ctx, input }) => {
      await recordOutcome(ctx, input);
      return { status: 'ended', session_id: input.session_id };
    }),

  /** Some of a visit's outcome, reported before its end. */
  update: publicProcedure
    .input(trackingUpdateInput)
    .output(trackingUpdateOutput)
    .mutation(async ({ ctx, input }) => {
      await recordOutcome(ctx, input);
      return { status: 'updated', session_id: input.session_id };
    }),
} satisfies TRPCRouterRecord;
