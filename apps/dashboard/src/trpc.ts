import type { AppRouter } from '@arv/api-contract';
import { QueryCache, QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export type AnalyticsInput = RouterInputs['analytics']['summary'];
export type Scope = AnalyticsInput['scope'];
export type Range = AnalyticsInput['range'];
export type Summary = RouterOutputs['analytics']['summary'];
export type MetricName = keyof Summary['metrics'];
export type Timeseries = RouterOutputs['analytics']['timeseries'];
export type Breakdown = RouterOutputs['analytics']['breakdown'];
export type BreakdownDimension = RouterInputs['analytics']['breakdown']['dimension'];
export type TopContent = RouterOutputs['analytics']['topContent'];
export type TopContentSort = NonNullable<RouterInputs['analytics']['topContent']['sort']>;
export type ScopePath = RouterOutputs['catalog']['path'];
export type User = NonNullable<RouterOutputs['auth']['me']>;

export function errorCode(error: unknown): string | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const data: unknown = error.data;
  return typeof data === 'object' && data !== null && 'code' in data ? String(data.code) : undefined;
}

/** What to tell the user: the server's messages are written for people, a failed fetch's are not. */
export function errorMessage(error: unknown): string {
  if (errorCode(error)) return (error as Error).message;
  if (error instanceof TRPCClientError)
    return 'The server could not be reached. Check the connection and retry.';
  return error instanceof Error ? error.message : String(error);
}

// These answers will not change on a retry.
const finalCodes = new Set(['BAD_REQUEST', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'TOO_MANY_REQUESTS']);

export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    // An expired or revoked session: forget the user, and the sign-in gate takes over.
    onError: (error) => {
      if (errorCode(error) === 'UNAUTHORIZED') queryClient.setQueryData(trpc.auth.me.queryKey(), null);
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 60_000,
      refetchOnWindowFocus: false,
      retry: (failures, error) => failures < 2 && !finalCodes.has(errorCode(error) ?? ''),
    },
  },
});

/** Same origin: the httpOnly session cookie goes along by itself. */
const client = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: '/trpc' })] });

// A single-page app with one client: the options proxy needs no React context.
export const trpc = createTRPCOptionsProxy<AppRouter>({ client, queryClient });
