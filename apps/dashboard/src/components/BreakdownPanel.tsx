import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { toCsv } from '../lib/csv';
import { dimensionNames, dimensionValueLabel } from '../lib/dimensions';
import { formatCompact, formatInteger, formatRate } from '../lib/format';
import type { AnalyticsInput, Breakdown, BreakdownDimension } from '../trpc';
import { trpc } from '../trpc';
import { CsvButton } from './CsvButton';
import { Panel, QueryView, SkeletonLines } from './Panel';
import { Tabs } from './Tabs';

const breakdownLimit = 10;

function breakdownCsv(data: Breakdown) {
  return toCsv(
    [data.dimension, 'views', 'unique_sessions', 'share_percent'],
    data.rows.map((row) => [
      dimensionValueLabel(data.dimension, row.value),
      row.views,
      row.uniqueSessions,
      Math.round(row.share * 1000) / 10,
    ]),
  );
}

function BarList({ data }: { data: Breakdown }) {
  const top = Math.max(...data.rows.map((row) => row.views), 1);
  return (
    <table className="bars">
      <caption className="visually-hidden">Views by {dimensionNames[data.dimension].toLowerCase()}</caption>
      <thead className="visually-hidden">
        <tr>
          <th scope="col">{dimensionNames[data.dimension]}</th>
          <th scope="col">Views</th>
          <th scope="col">Share</th>
        </tr>
      </thead>
      <tbody>
        {data.rows.map((row) => (
          <tr key={`${row.isOther}-${row.value}`} className={row.isOther ? 'bar-other' : undefined}>
            <th scope="row" className="bar-label">
              <span
                className="bar-fill"
                style={{ width: `${(row.views / top) * 100}%` }}
                aria-hidden="true"
              />
              <span className="bar-text">{dimensionValueLabel(data.dimension, row.value)}</span>
            </th>
            <td className="num">{formatInteger(row.views)}</td>
            <td className="num muted">{formatRate(row.share)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function HourChart({ data }: { data: Breakdown }) {
  return (
    <figure className="chart" aria-label="Views by hour of the day">
      <BarChart responsive data={data.rows} style={{ width: '100%', height: '100%' }}>
        <CartesianGrid stroke="#e5e7eb" vertical={false} />
        <XAxis dataKey="value" tick={{ fontSize: 11 }} interval={2} />
        <YAxis allowDecimals={false} tickFormatter={formatCompact} width={40} tick={{ fontSize: 11 }} />
        <Tooltip
          labelFormatter={(hour) => `${hour}:00–${hour}:59`}
          formatter={(value) => formatInteger(Number(value))}
        />
        <Bar dataKey="views" name="Views" fill="#4f46e5" radius={[3, 3, 0, 0]} isAnimationActive={false} />
      </BarChart>
    </figure>
  );
}

interface BreakdownPanelProps<D extends BreakdownDimension> {
  title: string;
  dimensions: readonly D[];
  input: AnalyticsInput;
  fileStem: string;
}

export function BreakdownPanel<D extends BreakdownDimension>({
  title,
  dimensions,
  input,
  fileStem,
}: BreakdownPanelProps<D>) {
  const [first] = dimensions;
  if (!first) throw new Error('a breakdown panel needs a dimension');
  const idPrefix = useId();
  const [dimension, setDimension] = useState<D>(first);
  const query = useQuery(
    trpc.analytics.breakdown.queryOptions(
      { ...input, dimension, limit: breakdownLimit },
      // A new range keeps the old rows on screen until the new ones come; another tab's rows must not.
      { placeholderData: (previous) => (previous?.dimension === dimension ? previous : undefined) },
    ),
  );
  const data = query.data;
  const hasTabs = dimensions.length > 1;
  const body = (
    <QueryView
      query={query}
      skeleton={<SkeletonLines count={breakdownLimit} />}
      isEmpty={(d) => d.total === 0}
    >
      {(d) => (dimension === 'hour_of_day' ? <HourChart data={d} /> : <BarList data={d} />)}
    </QueryView>
  );
  return (
    <Panel
      title={title}
      busy={query.isFetching}
      actions={
        <CsvButton
          label={dimensionNames[dimension].toLowerCase()}
          build={data && (() => ({ fileName: `${fileStem}-${dimension}.csv`, csv: breakdownCsv(data) }))}
        />
      }
    >
      {hasTabs ? (
        <>
          <Tabs
            label={title}
            tabs={dimensions.map((id) => ({ id, label: dimensionNames[id] }))}
            idPrefix={idPrefix}
            selected={dimension}
            onSelect={setDimension}
          />
          <div
            className="body-list"
            id={`${idPrefix}-panel`}
            role="tabpanel"
            aria-labelledby={`${idPrefix}-tab-${dimension}`}
          >
            {body}
          </div>
        </>
      ) : (
        <div className="body-list body-list-tabless">{body}</div>
      )}
    </Panel>
  );
}
