import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorState } from '../components/Panel';
import { trpc } from '../trpc';
import { UserContext } from './UserContext';

export const meOptions = () => trpc.auth.me.queryOptions(undefined, { staleTime: Number.POSITIVE_INFINITY });

function BrandOnly({ children }: { children: ReactNode }) {
  return (
    <>
      <header className="site-header">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          ARV Analytics
        </span>
      </header>
      {children}
    </>
  );
}

/** The sign-in gate: signed-in users see the children, everyone else the sign-in page. */
export function RequireUser({ children }: { children: ReactNode }) {
  const me = useQuery(meOptions());
  const location = useLocation();
  if (me.isPending) {
    return (
      <BrandOnly>
        <main className="page-loading" aria-busy="true">
          <span className="visually-hidden">Loading…</span>
        </main>
      </BrandOnly>
    );
  }
  if (me.isError) {
    return (
      <BrandOnly>
        <main className="page page-narrow">
          <ErrorState error={me.error} onRetry={() => void me.refetch()} />
        </main>
      </BrandOnly>
    );
  }
  if (!me.data) {
    const next = location.pathname + location.search;
    const search = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;
    return <Navigate to={`/sign-in${search}`} replace />;
  }
  return <UserContext value={me.data}>{children}</UserContext>;
}
