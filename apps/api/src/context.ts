import type { Context } from '@arv/api-contract';
import type { Database } from '@arv/db';
import type { FastifyRequest } from 'fastify';

/** One context shape for both doors, so that a REST call and a tRPC call see the same procedure input. */
export function createContext(db: Database, req: FastifyRequest): Context {
  return { db, authorization: req.headers.authorization, clientIp: req.ip };
}
