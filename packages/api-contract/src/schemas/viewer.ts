import { z } from 'zod';
import { shown } from './shown.js';

export const viewerContentInput = z.object({
  uniqueId: z.uuid({
    error: (issue) =>
      issue.input === undefined ? 'is required' : `must be a UUID, got ${shown(issue.input)}`,
  }),
});

export const viewerContentOutput = z.object({
  uniqueId: z.string(),
  title: z.string(),
  targetUrl: z.string(),
  videoUrl: z.string(),
  posterUrl: z.string().nullable(),
});

export type ViewerContent = z.infer<typeof viewerContentOutput>;
