import type { FastifyInstance } from 'fastify';

/**
 * tRPC's Fastify adapter reads a multipart body as FormData and fails on it with a 500. No procedure
 * takes files or forms, so such a request is refused up front as the unsupported media type it is.
 */
export function refuseMultipartToTrpc(app: FastifyInstance) {
  app.addHook('onRequest', async (req, reply) => {
    if (req.url.startsWith('/trpc/') && /^multipart\//i.test(req.headers['content-type'] ?? '')) {
      return reply
        .code(415)
        .send({ detail: 'multipart bodies are not accepted here: send application/json' });
    }
  });
}
