import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where `npm run build` puts the AR viewer (apps/viewer/dist). */
export function viewerDistDir() {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@arv/viewer/package.json')), 'dist');
}

async function readIndex(dir: string) {
  try {
    return await readFile(join(dir, 'index.html'), 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The built AR viewer: its page for every `/ar/<content unique id>` (what a print's QR code opens) and its
 * hashed bundles under `/ar/assets/`. Without a build (tests, a fresh `npm run dev`) it is left out.
 */
export async function viewer(app: FastifyInstance, options: { dir?: string } = {}) {
  const dir = options.dir ?? viewerDistDir();
  const index = await readIndex(dir);
  if (index === undefined) {
    app.log.info({ dir }, 'AR viewer not built: /ar/ is not served (npm run build builds it)');
    return;
  }
  await app.register(fastifyStatic, {
    root: join(dir, 'assets'),
    prefix: '/ar/assets/',
    decorateReply: false,
    index: false,
    cacheControl: false,
    // Vite names every bundle by its content's hash.
    setHeaders: (reply) => reply.header('cache-control', 'public, max-age=31536000, immutable'),
  });
  app.get<{ Params: { uniqueId: string } }>('/ar/:uniqueId', async (req, reply) => {
    if (!uuidPattern.test(req.params.uniqueId)) {
      return reply.code(404).send({ detail: 'Not Found' });
    }
    // The page itself must be revalidated, so that a new build's bundle names reach returning visitors.
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(index);
  });
}
