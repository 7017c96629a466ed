import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { getViewerContent } from '../queries/getViewerContent.js';
import { viewerContentInput, viewerContentOutput } from '../schemas/index.js';
import { publicProcedure } from '../trpc.js';

export const viewerRouter = {
  /**
   * The assets of one AR content item, by the unique id its QR code carries. Public: anyone holding the
   * print may view it. Inactive content, or content whose assets are not all uploaded, is not shown.
   */
  content: publicProcedure
    .input(viewerContentInput)
    .output(viewerContentOutput)
    .query(async ({ ctx, input }) => {
      const row = await getViewerContent(ctx.db, input.uniqueId);
      if (!row?.isActive || !row.markerUrl || !row.videoUrl) {
        throw new TRPCError({ code: 'NOT_FOUND', message: 'this AR content is not available' });
      }
      return {
        uniqueId: row.uniqueId,
        title: row.title,
        targetUrl: row.markerUrl,
        videoUrl: row.videoUrl,
        posterUrl: row.imageUrl,
      };
    }),
} satisfies TRPCRouterRecord;
