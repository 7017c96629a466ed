import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { toCsv } from '../lib/csv';
import { formatDuration, formatInteger, formatRate } from '../lib/format';
import { rangeFromSearch, rangeToSearch } from '../lib/range';
import type { AnalyticsInput, TopContent, TopContentSort } from '../trpc';
import { trpc } from '../trpc';
import { CsvButton } from './CsvButton';
import { Panel, QueryView, SkeletonLines } from './Panel';

const topContentPageSize = 10;

const columns: { sort: TopContentSort; label: string }[] = [
  { sort: 'views', label: 'Views' },
  { sort: 'uniqueSessions', label: 'Unique sessions' },
  { sort: 'avgDurationSeconds', label: 'Avg. duration' },
  { sort: 'videoPlayRate', label: 'Video play rate' },
];

type Direction = 'asc' | 'desc';

/** Sorting and paging live in the URL beside the range, so that a shared link shows the same page. */
function useTableState() {
  const [search, setSearch] = useSearchParams();
  const sortParam = search.get('sort');
  const sort = columns.find((c) => c.sort === sortParam)?.sort ?? 'views';
  const direction: Direction = search.get('dir') === 'asc' ? 'asc' : 'desc';
  const page = Math.max(1, Math.min(10_000, Number.parseInt(search.get('page') ?? '1', 10) || 1));
  const update = (next: { sort: TopContentSort; direction: Direction; page: number }) => {
    const params = new URLSearchParams(search);
    const set = (key: string, value: string, fallback: string) =>
      value === fallback ? params.delete(key) : params.set(key, value);
    set('sort', next.sort, 'views');
    set('dir', next.direction, 'desc');
    set('page', String(next.page), '1');
    setSearch(params, { preventScrollReset: true });
  };
  return { sort, direction, page, update };
}

function topContentCsv(data: TopContent) {
  return toCsv(
    [
      'content_id',
      'unique_id',
      'title',
      'project',
      'company',
      'views',
      'unique_sessions',
      'avg_duration_seconds',
      'video_play_rate_percent',
    ],
    data.rows.map((row) => [
      row.contentId,
      row.uniqueId,
      row.title,
      row.projectName,
      row.companyName,
      row.views,
      row.uniqueSessions,
      row.avgDurationSeconds === null ? null : Math.round(row.avgDurationSeconds * 10) / 10,
      Math.round(row.videoPlayRate * 1000) / 10,
    ]),
  );
}

function SortHeader({
  column,
  sort,
  direction,
  onSort,
}: {
  column: (typeof columns)[number];
  sort: TopContentSort;
  direction: Direction;
  onSort: (sort: TopContentSort, direction: Direction) => void;
}) {
  const active = column.sort === sort;
  const ariaSort = active ? (direction === 'asc' ? 'ascending' : 'descending') : undefined;
  return (
    <th scope="col" className="num" aria-sort={ariaSort}>
      <button
        type="button"
        className="sort"
        onClick={() => onSort(column.sort, active && direction === 'desc' ? 'asc' : 'desc')}
      >
        {column.label}
        <span aria-hidden="true" className="sort-mark">
          {active ? (direction === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

function Rows({ data, linkSearch }: { data: TopContent; linkSearch: string }) {
  return (
    <tbody>
      {data.rows.map((row) => (
        <tr key={row.contentId}>
          <th scope="row">
            <Link to={`/content/${row.contentId}${linkSearch}`}>{row.title}</Link>
            <span className="sub">
              {row.companyName} · {row.projectName}
            </span>
          </th>
          <td className="num">{formatInteger(row.views)}</td>
          <td className="num">{formatInteger(row.uniqueSessions)}</td>
          <td className="num">{formatDuration(row.avgDurationSeconds)}</td>
          <td className="num">{formatRate(row.videoPlayRate)}</td>
        </tr>
      ))}
    </tbody>
  );
}

export function TopContentTable({ input, fileStem }: { input: AnalyticsInput; fileStem: string }) {
  const [search] = useSearchParams();
  const { sort, direction, page, update } = useTableState();
  const query = useQuery(
    trpc.analytics.topContent.queryOptions(
      { ...input, sort, direction, page, pageSize: topContentPageSize },
      { placeholderData: keepPreviousData },
    ),
  );
  const data = query.data;
  const linkSearch = rangeToSearch(rangeFromSearch(search));
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const first = data && data.total > 0 ? (data.page - 1) * data.pageSize + 1 : 0;
  const last = data ? Math.min(data.total, data.page * data.pageSize) : 0;
  return (
    <Panel
      title="Top content"
      busy={query.isFetching}
      className="panel-wide"
      actions={
        <CsvButton
          label="top content"
          build={
            data &&
            (() => ({ fileName: `${fileStem}-top-content-page-${data.page}.csv`, csv: topContentCsv(data) }))
          }
        />
      }
    >
      <div className="body-table">
        <QueryView
          query={query}
          skeleton={<SkeletonLines count={topContentPageSize} className="skeleton-row" />}
          isEmpty={(d) => d.total === 0}
        >
          {(d) => (
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
            <section className="table-scroll" tabIndex={0} aria-label="Top content table">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Content</th>
                    {columns.map((column) => (
                      <SortHeader
                        key={column.sort}
                        column={column}
                        sort={sort}
                        direction={direction}
                        onSort={(nextSort, nextDirection) =>
                          update({ sort: nextSort, direction: nextDirection, page: 1 })
                        }
                      />
                    ))}
                  </tr>
                </thead>
                <Rows data={d} linkSearch={linkSearch} />
              </table>
            </section>
          )}
        </QueryView>
      </div>
      {data && data.total > 0 && (
        <nav className="pager" aria-label="Top content pages">
          <span>
            {formatInteger(first)}–{formatInteger(last)} of {formatInteger(data.total)}
          </span>
          <button
            type="button"
            className="button button-small"
            disabled={page <= 1}
            onClick={() => update({ sort, direction, page: page - 1 })}
          >
            Previous
          </button>
          <button
            type="button"
            className="button button-small"
            disabled={page >= pages}
            onClick={() => update({ sort, direction, page: page + 1 })}
          >
            Next
          </button>
        </nav>
      )}
    </Panel>
  );
}
