import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Where `npm run build` puts the dashboard (apps/dashboard/dist). */
export function dashboardDistDir() {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@arv/dashboard/package.json')), 'dist');
}

// Everything else that GET can reach is the dashboard's: its router reads the path in the browser.
const serverPrefixes = ['/api', '/trpc', '/health', '/ar', '/metrics', '/media', '/assets'];

function isServerPath(url: string) {
  const path = url.split('?', 1)[0] ?? '';
  return serverPrefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

// The page loads only its own bundles and talks only to this origin; charts set inline style attributes.
const pageHeaders = {
  'cache-control': 'no-cache',
  'content-security-policy':
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

async function readIndex(dir: string) {
  try {
    return await readFile(join(dir, 'index.html'), 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The built dashboard at `/`: its hashed bundles under `/assets/`, and its page for every other GET path
 * (`/company/3?range=7d` is a page of the single-page app). Without a build it is left out.
 */
export async function dashboard(app: FastifyInstance, options: { dir?: string } = {}) {
  const dir = options.dir ?? dashboardDistDir();
  if ((await readIndex(dir)) === undefined) {
    app.log.info({ dir }, 'dashboard not built: / is not served (npm run build builds it)');
    return;
  }
  await app.register(fastifyStatic, {
    root: join(dir, 'assets'),
    prefix: '/assets/',
    decorateReply: false,
    index: false,
    cacheControl: false,
    // Vite names every bundle by its content's hash.
    setHeaders: (reply) => reply.header('cache-control', 'public, max-age=31536000, immutable'),
  });
  app.get('/*', async (req, reply) => {
    // Read on each request (a few hundred bytes), so that a rebuild's new bundle names are served at once.
    const index = isServerPath(req.url) ? undefined : await readIndex(dir);
    if (index === undefined) {
      reply.callNotFound();
      return reply;
    }
    return reply.headers(pageHeaders).type('text/html; charset=utf-8').send(index);
  });
}
