import { endSession, findSessionUser, startSession, verifyPassword } from '@arv/db';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import type { Context } from '../context.js';
import { RetryAfter } from '../retryAfter.js';
import { hasNoNul, noNulMessage } from '../schemas/noNul.js';
import { publicProcedure } from '../trpc.js';

// Passwords are never quoted back in a message, unlike other inputs.
const signInInput = z.object({
  email: z
    .string({ error: 'must be a string' })
    .trim()
    .min(1, { error: 'is required' })
    .max(255, { error: 'must be at most 255 characters' })
    .refine(hasNoNul, { error: noNulMessage }),
  password: z
    .string({ error: 'must be a string' })
    .min(1, { error: 'is required' })
    .max(1024, { error: 'must be at most 1024 characters' }),
});

// One message for an unknown email and a wrong password, so that sign-in does not reveal who has an account.
const wrongCredentials = 'wrong email or password';

async function takeAttempt(ctx: Context, clientKey: string) {
  const waitSeconds = await ctx.signInLimiter.take(clientKey);
  if (waitSeconds > 0) {
    const minutes = Math.ceil(waitSeconds / 60);
    throw new TRPCError({
      code: 'TOO_MANY_REQUESTS',
      message: `too many wrong sign-ins from this address; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
      cause: new RetryAfter(waitSeconds),
    });
  }
}

export const authRouter = {
  /** Checks an email and password and opens a session, held in an httpOnly cookie. */
  signIn: publicProcedure.input(signInInput).mutation(async ({ ctx, input }) => {
    const clientKey = ctx.clientIp ?? 'unknown';
    await takeAttempt(ctx, clientKey);
    const user = await verifyPassword(ctx.db, input.email, input.password);
    if (!user) throw new TRPCError({ code: 'UNAUTHORIZED', message: wrongCredentials });
    await ctx.signInLimiter.giveBack(clientKey);
    // A session the browser held before is replaced, not left behind.
    if (ctx.sessionToken) await endSession(ctx.db, ctx.sessionToken);
    const session = await startSession(ctx.db, user.id);
    ctx.cookies.setSession(session.token, session.expiresAt);
    return { user };
  }),

  /** Ends the session on the server too, so that a copied cookie stops working. */
  signOut: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.sessionToken) await endSession(ctx.db, ctx.sessionToken);
    ctx.cookies.clearSession();
    return { ok: true as const };
  }),

  /** The signed-in user, or null: not being signed in is an answer here, not an error. */
  me: publicProcedure.query(async ({ ctx }) => {
    if (!ctx.sessionToken) return null;
    return (await findSessionUser(ctx.db, ctx.sessionToken)) ?? null;
  }),
} satisfies TRPCRouterRecord;
