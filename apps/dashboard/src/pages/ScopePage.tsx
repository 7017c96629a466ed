import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useUser } from '../auth/UserContext';
import { Breadcrumbs } from '../components/Breadcrumbs';
import { BreakdownPanel } from '../components/BreakdownPanel';
import { ChildrenPanel } from '../components/ChildrenPanel';
import { ErrorState } from '../components/Panel';
import { RangePicker } from '../components/RangePicker';
import { Realtime } from '../components/Realtime';
import { SummaryCards } from '../components/SummaryCards';
import { TimeseriesPanel } from '../components/TimeseriesPanel';
import { TopContentTable } from '../components/TopContentTable';
import { ViewerLink } from '../components/ViewerLink';
import { localToday, rangeSlug, rangeToSearch } from '../lib/range';
import { scopeSlug } from '../lib/scope';
import { useAnalyticsInput } from '../lib/useAnalyticsInput';
import { errorCode, errorMessage, type Scope, type ScopePath, trpc } from '../trpc';

const missingCodes = new Set(['NOT_FOUND', 'FORBIDDEN']);

function pageTitle(scope: Scope, path: ScopePath | undefined): string | undefined {
  if (scope.kind === 'all') return 'All companies';
  if (!path) return undefined;
  if (scope.kind === 'content') return path.content?.title;
  return scope.kind === 'project' ? path.project?.name : path.company?.name;
}

function Missing({ message }: { message: string }) {
  return (
    <main className="page" id="main">
      <div className="panel notice" role="alert">
        <h1>Not available</h1>
        <p>{message}</p>
        <Link to="/">Back to the overview</Link>
      </div>
    </main>
  );
}

/** One dashboard for every level: everything, a company, a project, or one AR content item. */
export function ScopePage({ scope }: { scope: Scope }) {
  const user = useUser();
  const [search] = useSearchParams();
  const input = useAnalyticsInput(scope);
  const linkSearch = rangeToSearch(input.range);
  const fileStem = `arv-${scopeSlug(scope)}-${rangeSlug(input.range, localToday())}`;
  const pathQuery = useQuery(trpc.catalog.path.queryOptions({ scope }));
  // The same query as the cards': a range the server refuses is said once, for the whole page.
  const summary = useQuery(trpc.analytics.summary.queryOptions(input));
  const title = pageTitle(scope, pathQuery.data);

  useEffect(() => {
    document.title = title ? `${title} · ARV Analytics` : 'ARV Analytics';
  }, [title]);

  if (pathQuery.isError && missingCodes.has(errorCode(pathQuery.error) ?? '')) {
    return <Missing message={errorMessage(pathQuery.error)} />;
  }
  const rangeRefused = summary.isError && errorCode(summary.error) === 'BAD_REQUEST';
  const content = pathQuery.data?.content;

  return (
    <main className="page" id="main">
      {pathQuery.data && scope.kind !== 'all' ? (
        <Breadcrumbs path={pathQuery.data} linkSearch={linkSearch} showAll={user.role === 'admin'} />
      ) : (
        <div className="breadcrumbs" aria-hidden="true" />
      )}
      <div className="page-head">
        <h1>
          {title ?? (
            <>
              <span className="skeleton-text skeleton-title" aria-hidden="true" />
              <span className="visually-hidden">Loading…</span>
            </>
          )}
        </h1>
        <Realtime scope={scope} />
      </div>
      {pathQuery.isError && <ErrorState error={pathQuery.error} onRetry={() => void pathQuery.refetch()} />}
      <RangePicker key={search.has('from') ? 'custom' : 'preset'} />
      {content && <ViewerLink content={content} />}
      {rangeRefused ? (
        <div className="panel notice" role="alert">
          <p>{errorMessage(summary.error)}</p>
          <p className="muted">Choose a shorter range.</p>
        </div>
      ) : (
        <div className="grid">
          <SummaryCards input={input} />
          <TimeseriesPanel input={input} fileStem={fileStem} />
          <BreakdownPanel
            title="Devices"
            dimensions={['device_type', 'os', 'browser'] as const}
            input={input}
            fileStem={fileStem}
          />
          <BreakdownPanel
            title="Locations"
            dimensions={['country', 'city'] as const}
            input={input}
            fileStem={fileStem}
          />
          <BreakdownPanel
            title="AR experience"
            dimensions={['tracking_quality', 'video_played'] as const}
            input={input}
            fileStem={fileStem}
          />
          <BreakdownPanel
            title="Time of day"
            dimensions={['hour_of_day'] as const}
            input={input}
            fileStem={fileStem}
          />
          {scope.kind !== 'content' && <TopContentTable input={input} fileStem={fileStem} />}
          <ChildrenPanel scope={scope} linkSearch={linkSearch} />
        </div>
      )}
    </main>
  );
}
