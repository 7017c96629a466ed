import { findActiveToken, findSessionUser, type PublicUser } from '@arv/db';
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

/** An admin user sees everything, a member only its company, as the matching API tokens do. */
function viewerOfUser(user: Pick<PublicUser, 'role' | 'companyId'>): Viewer {
  // The table's check constraint guarantees a company id on members; never widen to admin on doubt.
  return user.role === 'admin' ? { role: 'admin' } : { role: 'company', companyId: user.companyId ?? -1 };
}

async function viewerOfToken(ctx: Context, token: string): Promise<Viewer> {
  const row = await findActiveToken(ctx.db, token);
  if (!row) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'the API token is unknown or revoked' });
  return row.scope === 'admin' ? { role: 'admin' } : { role: 'company', companyId: row.companyId ?? -1 };
}

async function viewerOfSession(ctx: Context, sessionToken: string): Promise<Viewer> {
  const user = await findSessionUser(ctx.db, sessionToken);
  if (!user) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'the session has expired or ended; sign in again' });
  }
  return viewerOfUser(user);
}

/** An API token in the Authorization header wins over a session cookie that a browser may send along. */
async function viewerOfRequest(ctx: Context): Promise<Viewer> {
  const token = bearerToken(ctx.authorization);
  if (token) return viewerOfToken(ctx, token);
  if (ctx.sessionToken) return viewerOfSession(ctx, ctx.sessionToken);
  throw new TRPCError({
    code: 'UNAUTHORIZED',
    message: 'sign in, or send an API token: Authorization: Bearer <token>',
  });
}

/** Narrows the context to a known caller: after it, `ctx.viewer` is set. */
export const authedProcedure = publicProcedure.use(async ({ ctx, next }) =>
  next({ ctx: { viewer: await viewerOfRequest(ctx) } }),
);
