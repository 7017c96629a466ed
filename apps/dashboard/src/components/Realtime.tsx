import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { formatInteger } from '../lib/format';
import { rangeFromSearch, rangeToSearch } from '../lib/range';
import { type Scope, trpc } from '../trpc';

const pollMs = 10_000;

/** Sessions in the last few minutes, polled: the "right now" counter. */
export function Realtime({ scope }: { scope: Scope }) {
  const [search] = useSearchParams();
  const query = useQuery(
    trpc.analytics.realtime.queryOptions({ scope }, { refetchInterval: pollMs, staleTime: 0, retry: false }),
  );
  const data = query.data;
  const linkSearch = rangeToSearch(rangeFromSearch(search));
  return (
    <section className="realtime" aria-label="Right now">
      <p className="realtime-count" aria-live="polite">
        <span className={`pulse ${data && data.sessions > 0 ? 'pulse-live' : ''}`} aria-hidden="true" />
        {data ? (
          <>
            <strong data-testid="realtime-sessions">{formatInteger(data.sessions)}</strong>{' '}
            {data.sessions === 1 ? 'session' : 'sessions'} in the last {data.windowMinutes} minutes
          </>
        ) : query.isError ? (
          <span className="muted">Live count unavailable</span>
        ) : (
          <span className="skeleton-text skeleton-inline" aria-hidden="true" />
        )}
      </p>
      {data && data.content.length > 0 && (
        <ul className="realtime-content">
          {data.content.slice(0, 3).map((item) => (
            <li key={item.contentId}>
              <Link to={`/content/${item.contentId}${linkSearch}`}>{item.title}</Link>{' '}
              <span className="muted">({formatInteger(item.views)})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
