import type { AppRouter } from '@arv/api-contract';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';

/** The API on the page's own origin (Vite's dev server proxies it to the API). */
export const api = createTRPCClient<AppRouter>({ links: [httpLink({ url: '/trpc' })] });

export function isNotFound(error: unknown) {
  return error instanceof TRPCClientError && error.data?.code === 'NOT_FOUND';
}
