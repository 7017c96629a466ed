import { describeError, httpStatusOf } from '@arv/api-contract';
import { TRPCError } from '@trpc/server';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/** Every error leaves as the legacy body `{"detail": "..."}`; nothing internal crosses the wire. */
export function sendError(error: FastifyError | TRPCError, req: FastifyRequest, reply: FastifyReply) {
  if (error instanceof TRPCError) {
    const status = httpStatusOf(error);
    if (status >= 500) req.log.error({ err: error.cause ?? error }, error.message);
    return reply.code(status).send({ detail: describeError(error) });
  }
  const status = error.statusCode ?? 500;
  if (status >= 500) {
    req.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ detail: 'internal server error' });
  }
  return reply.code(status).send({ detail: error.message });
}
