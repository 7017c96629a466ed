import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  dash,
  formatChange,
  formatDuration,
  formatGigabytes,
  formatInteger,
  formatRate,
} from '../lib/format';
import { type AnalyticsInput, type MetricName, type Summary, trpc } from '../trpc';
import { ErrorState } from './Panel';

const cards: { metric: MetricName; label: string; format: (value: number | null) => string }[] = [
  { metric: 'views', label: 'Views', format: formatInteger },
  { metric: 'uniqueSessions', label: 'Unique sessions', format: formatInteger },
  { metric: 'avgDurationSeconds', label: 'Avg. duration', format: formatDuration },
  { metric: 'videoPlayRate', label: 'Video play rate', format: formatRate },
  { metric: 'trackingSuccessRate', label: 'Tracking success', format: formatRate },
  { metric: 'activeContent', label: 'Active content', format: formatInteger },
  { metric: 'storageUsedGb', label: 'Storage used', format: formatGigabytes },
];

function Change({
  metric,
  format,
}: {
  metric: Summary['metrics'][MetricName];
  format: (v: number | null) => string;
}) {
  const previous = `${format(metric.previous)} in the previous period`;
  if (metric.change === null) {
    return (
      <span className="change change-none" title={previous}>
        {dash}
        <span className="visually-hidden">no change to show; {previous}</span>
      </span>
    );
  }
  const direction = metric.change > 0 ? 'up' : metric.change < 0 ? 'down' : 'flat';
  const arrow = direction === 'up' ? '▲' : direction === 'down' ? '▼' : '▶';
  return (
    <span className={`change change-${direction}`} title={previous}>
      <span aria-hidden="true">{arrow} </span>
      {formatChange(metric.change)}
      <span className="visually-hidden">, against {previous}</span>
    </span>
  );
}

export function SummaryCards({ input }: { input: AnalyticsInput }) {
  const query = useQuery(trpc.analytics.summary.queryOptions(input, { placeholderData: keepPreviousData }));
  if (query.isError && !query.data) {
    return (
      <section className="panel" aria-label="Summary">
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </section>
    );
  }
  return (
    <section aria-label="Summary" aria-busy={query.isFetching}>
      <ul className="cards">
        {cards.map(({ metric, label, format }) => {
          const figure = query.data?.metrics[metric];
          return (
            <li key={metric} className="card" data-metric={metric}>
              <span className="card-label">{label}</span>
              {figure ? (
                <>
                  <span className="card-value">{format(figure.current)}</span>
                  <Change metric={figure} format={format} />
                </>
              ) : (
                <>
                  <span className="card-value skeleton-text" aria-hidden="true" />
                  <span className="change skeleton-text" aria-hidden="true" />
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
