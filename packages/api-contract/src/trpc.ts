import { findActiveToken } from '@arv/db';
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { Context, Viewer } from './context.js';
import { databaseUnavailable, describeZodError, isDatabaseUnavailable } from './errors.js';

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const validation = error.cause instanceof ZodError ? describeZodError(error.cause) : null;
    return {
      ...shape,
      message:
        validation ?? (error.code === 'INTERNAL_SERVER_ERROR' ? 'internal server error' : shape.message),
      data: { ...shape.data, stack: undefined, validation },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

const databaseErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && isDatabaseUnavailable(result.error.cause)) throw databaseUnavailable(result.error.cause);
  return result;
});

export const publicProcedure = t.procedure.use(databaseErrors);

function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

/** Narrows the context to a known caller: after it, `ctx.viewer` is set. */
export const authedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const token = bearerToken(ctx.authorization);
  if (!token) {
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message: 'an API token is required: send Authorization: Bearer <token>',
    });
  }
  const row = await findActiveToken(ctx.db, token);
  if (!row) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'the API token is unknown or revoked' });
  // The table's check constraint guarantees a company id on company tokens; never widen to admin on doubt.
  const viewer: Viewer =
    row.scope === 'admin' ? { role: 'admin' } : { role: 'company', companyId: row.companyId ?? -1 };
  return next({ ctx: { viewer } });
});
