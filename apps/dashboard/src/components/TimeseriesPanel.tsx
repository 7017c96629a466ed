import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Area, AreaChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { bucketLabel, bucketTick } from '../lib/buckets';
import { toCsv } from '../lib/csv';
import { formatCompact, formatInteger } from '../lib/format';
import type { AnalyticsInput, Timeseries } from '../trpc';
import { trpc } from '../trpc';
import { CsvButton } from './CsvButton';
import { Panel, QueryView } from './Panel';

const colors = { views: '#4f46e5', uniqueSessions: '#0d9488' };

function timeseriesCsv(data: Timeseries) {
  return toCsv(
    ['bucket', 'start', 'views', 'unique_sessions'],
    data.points.map((p) => [p.bucket, p.start, p.views, p.uniqueSessions]),
  );
}

function Chart({ data }: { data: Timeseries }) {
  const total = data.points.reduce((sum, p) => sum + p.views, 0);
  return (
    <figure className="chart" aria-label={`${formatInteger(total)} views per ${data.unit}`}>
      <AreaChart responsive data={data.points} style={{ width: '100%', height: '100%' }}>
        <CartesianGrid stroke="#e5e7eb" vertical={false} />
        <XAxis
          dataKey="bucket"
          tickFormatter={(bucket: string) => bucketTick(bucket, data.unit)}
          minTickGap={24}
          tick={{ fontSize: 12 }}
        />
        <YAxis allowDecimals={false} tickFormatter={formatCompact} width={44} tick={{ fontSize: 12 }} />
        <Tooltip
          labelFormatter={(bucket) => bucketLabel(String(bucket), data.unit)}
          formatter={(value) => formatInteger(Number(value))}
        />
        <Legend verticalAlign="top" height={28} iconType="circle" itemSorter={null} />
        <Area
          type="monotone"
          dataKey="views"
          name="Views"
          stroke={colors.views}
          fill={colors.views}
          fillOpacity={0.12}
          strokeWidth={2}
          isAnimationActive={false}
        />
        <Area
          type="monotone"
          dataKey="uniqueSessions"
          name="Unique sessions"
          stroke={colors.uniqueSessions}
          fill={colors.uniqueSessions}
          fillOpacity={0.08}
          strokeWidth={2}
          isAnimationActive={false}
        />
      </AreaChart>
    </figure>
  );
}

export function TimeseriesPanel({ input, fileStem }: { input: AnalyticsInput; fileStem: string }) {
  const query = useQuery(
    trpc.analytics.timeseries.queryOptions(input, { placeholderData: keepPreviousData }),
  );
  const data = query.data;
  return (
    <Panel
      title="Views over time"
      busy={query.isFetching}
      className="panel-wide"
      actions={
        <CsvButton
          label="views over time"
          build={data && (() => ({ fileName: `${fileStem}-timeseries.csv`, csv: timeseriesCsv(data) }))}
        />
      }
    >
      <div className="body-chart">
        <QueryView
          query={query}
          skeleton={<div className="skeleton skeleton-block" aria-hidden="true" />}
          isEmpty={(d) => d.points.every((p) => p.views === 0)}
        >
          {(d) => <Chart data={d} />}
        </QueryView>
      </div>
    </Panel>
  );
}
