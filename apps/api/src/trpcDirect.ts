import {
  type AnyTRPCProcedure,
  type AnyTRPCRouter,
  callTRPCProcedure,
  getErrorShape,
  getTRPCErrorFromUnknown,
  type TRPCError,
  transformTRPCResponse,
} from '@trpc/server';
import { getHTTPStatusCode } from '@trpc/server/http';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface DirectCallOptions<TContext> {
  router: AnyTRPCRouter;
  createContext(req: FastifyRequest, reply: FastifyReply): TContext;
  /** Headers an answer carrying these errors gets; the adapter's responseMeta gives the same. */
  errorHeaders(errors: TRPCError[]): Record<string, string>;
  onError(opts: { error: TRPCError; path: string }): void;
}

type CallType = 'query' | 'mutation';

const isJson = (contentType: string | undefined) =>
  contentType?.split(';', 1)[0]?.trim().toLowerCase() === 'application/json';

/**
 * The call's type and its input's JSON text, when the request is one the adapter would take as a single
 * unbatched call: a query as `GET /trpc/<path>` with at most an `input` parameter, a mutation as
 * `POST /trpc/<path>` with a JSON body and no query string. Undefined leaves the request to the adapter.
 */
function singleCall(req: FastifyRequest): { type: CallType; json: string } | undefined {
  // Streamed answers (httpBatchStreamLink, subscriptions) are the adapter's.
  if (req.headers['trpc-accept'] !== undefined) return undefined;
  const url = req.raw.url ?? '';
  const mark = url.indexOf('?');
  if (req.method === 'POST') {
    if (mark !== -1 || !isJson(req.headers['content-type']) || typeof req.body !== 'string') return undefined;
    return { type: 'mutation', json: req.body };
  }
  if (req.method === 'GET') {
    const params = new URLSearchParams(mark === -1 ? '' : url.slice(mark + 1));
    for (const key of params.keys()) if (key !== 'input') return undefined;
    return { type: 'query', json: params.get('input') ?? '' };
  }
  return undefined;
}

/**
 * A preHandler for the tRPC routes that serves a single, unbatched call (what httpLink sends) without
 * @trpc/server's fetch adapter, which builds a WHATWG Request, AbortSignals and a Response for every call:
 * through it a tracking start cost about 3x the API CPU of the same start over REST (measured: 820 µs
 * against 255 µs). The procedure is called as the adapter calls it, and the answer is the adapter's: the
 * same envelope, error shape (the router's errorFormatter), status and headers
 * (`apps/api/test/trpc-direct.test.ts` holds the two doors to each other). Anything else (batches,
 * streams, other parameters or content types, input that is not JSON) is left to the adapter.
 */
export function directCalls<TContext>(options: DirectCallOptions<TContext>) {
  const { router } = options;
  const procedures = router._def.procedures as Record<string, AnyTRPCProcedure | undefined>;
  const config = router._def._config;
  return async (req: FastifyRequest<{ Params: { path?: string } }>, reply: FastifyReply) => {
    const path = req.params.path ?? '';
    const procedure = procedures[path];
    if (procedure === undefined) return;
    const call = singleCall(req);
    if (!call || procedure._def.type !== call.type) return;
    let input: unknown;
    try {
      input = call.json === '' ? undefined : config.transformer.input.deserialize(JSON.parse(call.json));
    } catch {
      return;
    }
    let ctx: TContext | undefined;
    let body: Parameters<typeof getHTTPStatusCode>[0];
    let errors: TRPCError[] = [];
    try {
      ctx = options.createContext(req, reply);
      // As the adapter calls it; no procedure of ours reads the abort signal.
      const data = await callTRPCProcedure({
        router,
        path,
        ctx,
        type: call.type,
        getRawInput: async () => input,
        signal: undefined,
        batchIndex: 0,
      });
      body = { result: { data } };
    } catch (cause) {
      const error = getTRPCErrorFromUnknown(cause);
      options.onError({ error, path });
      errors = [error];
      body = { error: getErrorShape({ config, error, type: call.type, path, input, ctx }) };
    }
    return (
      reply
        .code(getHTTPStatusCode(body, errors))
        .headers({
          vary: 'trpc-accept, accept',
          'content-type': 'application/json',
          ...options.errorHeaders(errors),
        })
        // A Buffer, so that Fastify sends the content type as the adapter does, without a charset added.
        .send(Buffer.from(JSON.stringify(transformTRPCResponse(config, body))))
    );
  };
}
