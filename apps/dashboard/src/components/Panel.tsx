import type { UseQueryResult } from '@tanstack/react-query';
import { type ReactNode, useId } from 'react';
import { errorMessage } from '../trpc';

interface PanelProps {
  title: string;
  actions?: ReactNode;
  busy?: boolean;
  className?: string;
  children: ReactNode;
}

/** A titled card; `busy` dims it while fresh figures for a new range are on their way. */
export function Panel({ title, actions, busy = false, className, children }: PanelProps) {
  const headingId = useId();
  return (
    <section className={`panel ${className ?? ''}`} aria-labelledby={headingId} aria-busy={busy}>
      <header className="panel-head">
        <h2 id={headingId}>{title}</h2>
        {actions && <div className="panel-actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <p>{errorMessage(error)}</p>
      <button type="button" className="button" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <div className="state state-empty">
      <p>{children}</p>
    </div>
  );
}

export function SkeletonLines({ count, className = 'skeleton-line' }: { count: number; className?: string }) {
  return (
    <div className="skeleton" aria-hidden="true">
      {Array.from({ length: count }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have nothing but their position
        <div key={i} className={className} />
      ))}
    </div>
  );
}

interface QueryViewProps<T, E> {
  query: UseQueryResult<T, E>;
  skeleton: ReactNode;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}

/** The four states of a panel's body, each the same size: loading, failed, empty, and the figures. */
export function QueryView<T, E>({ query, skeleton, isEmpty, empty, children }: QueryViewProps<T, E>) {
  if (query.isPending) return <>{skeleton}</>;
  if (query.isError && query.data === undefined)
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data as T;
  if (isEmpty?.(data)) return <EmptyState>{empty ?? 'No views in this range'}</EmptyState>;
  return <>{children(data)}</>;
}
