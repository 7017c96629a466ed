import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Media files are named by their content's hash, so a name never points at other bytes: cache forever. */
export const mediaCacheControl = 'public, max-age=31536000, immutable';

/** Serves MEDIA_DIR (the AR content's target images, compiled targets and videos) at /media/. */
export async function media(app: FastifyInstance, options: { dir: string }) {
  const root = resolve(options.dir);
  await mkdir(root, { recursive: true });
  await app.register(fastifyStatic, {
    root,
    prefix: '/media/',
    decorateReply: false,
    index: false,
    list: false,
    // The header is set below; send's own max-age would otherwise be added as a second value.
    cacheControl: false,
    setHeaders: (reply) => reply.header('cache-control', mediaCacheControl),
  });
}
