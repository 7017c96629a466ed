import type { IngestName, IngestRun } from './ingest.js';
import type { ReadResult } from './reads.js';
import type { StorageCheck } from './stored.js';
import type { Row } from './table.js';

/** The targets of issue #5. */
export const targets = {
  vsBaseline: 3,
  vsCeiling: 0.35,
  ingestP99Ms: 50,
  maxRssMb: 250,
  readP95Ms: 20,
  naiveOverOurs: 50,
} as const;

export interface SizeResult {
  sessions: number;
  reads: ReadResult[];
}

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '-');
const whole = (value: number) => Math.round(value).toLocaleString('en-US');
const times = (value: number) => (Number.isFinite(value) ? `${value.toFixed(value < 10 ? 2 : 1)}x` : '-');
const verdict = (ok: boolean) => (ok ? 'pass' : 'FAIL') as Row['verdict'];
const megabytes = (bytes: number) => bytes / 2 ** 20;

/** 100000 as 100k, 10000000 as 10M: how the sizes are named in figures. */
export function sizeLabel(sessions: number): string {
  if (sessions % 1_000_000 === 0) return `${sessions / 1_000_000}M`;
  if (sessions % 1_000 === 0) return `${sessions / 1_000}k`;
  return String(sessions);
}

const storageText = (s: StorageCheck | undefined) =>
  s ? `${whole(s.acked)} acked, lost ${s.lost}, extra ${s.extra}` : '-';

function latencyText(run: IngestRun) {
  return `${fixed(run.load.p50Ms)} / ${fixed(run.load.p99Ms)}`;
}

function failuresText(run: IngestRun) {
  return `${run.load.non2xx} / ${run.load.errors} / ${run.load.timeouts}`;
}

/**
 * Our REST or tRPC run against the baseline's and the ceiling. Ends have no rate target in issue #5 (the
 * legacy service had no end route): their rate is reported against the baseline's end and the ceiling;
 * latency, storage, failures and memory are held to the ingest targets like the starts'.
 */
function ourIngestRows(run: IngestRun, baseline: IngestRun, ceiling: IngestRun, ends = false): Row[] {
  const name = `ingest ${run.name}`;
  const rps = run.load.requestsPerSecond;
  const storageOk = Boolean(run.storage?.ok && baseline.storage?.ok);
  const failures = run.load.non2xx + run.load.errors + run.load.timeouts;
  const row = (figure: string, rest: Omit<Row, 'figure' | 'correctness'>, correctness = false): Row => ({
    figure: `${name} ${figure}`,
    ...rest,
    correctness,
  });
  const rateTarget = (factor: number, of: number) =>
    ends
      ? { target: '', verdict: '' as const }
      : { target: `>= ${factor}x`, verdict: verdict(rps >= factor * of) };
  return [
    row(`req/s vs ${baseline.name}`, {
      ours: whole(rps),
      other: whole(baseline.load.requestsPerSecond),
      ratio: times(rps / baseline.load.requestsPerSecond),
      ...rateTarget(targets.vsBaseline, baseline.load.requestsPerSecond),
    }),
    row('req/s vs ceiling', {
      ours: whole(rps),
      other: `${whole(ceiling.load.requestsPerSecond)} (ceiling)`,
      ratio: times(rps / ceiling.load.requestsPerSecond),
      ...rateTarget(targets.vsCeiling, ceiling.load.requestsPerSecond),
    }),
    row('p50 / p99 ms', {
      ours: latencyText(run),
      other: latencyText(baseline),
      ratio: times(run.load.p99Ms / baseline.load.p99Ms),
      target: `p99 <= ${targets.ingestP99Ms} ms`,
      verdict: verdict(run.load.p99Ms <= targets.ingestP99Ms),
    }),
    row(
      ends ? 'latest end stored' : 'stored == acked',
      {
        ours: storageText(run.storage),
        other: storageText(baseline.storage),
        ratio: '',
        target: 'lost 0, extra 0',
        verdict: verdict(storageOk),
      },
      true,
    ),
    row('non-2xx / errors / timeouts', {
      ours: failuresText(run),
      other: failuresText(baseline),
      ratio: '',
      target: '0 / 0 / 0',
      verdict: verdict(failures === 0),
    }),
    row('max RSS MB', {
      ours: fixed(megabytes(run.maxRssBytes ?? 0), 0),
      other: '',
      ratio: '',
      target: `< ${targets.maxRssMb} MB`,
      verdict: verdict(megabytes(run.maxRssBytes ?? 0) < targets.maxRssMb),
    }),
  ];
}

function crashRows(runs: IngestRun[]): Row[] {
  return runs
    .filter((run) => run.crashed !== undefined)
    .map((run) => ({
      figure: `ingest ${run.name} server stayed up`,
      ours: `exited: ${run.crashed}`,
      other: '',
      ratio: '',
      target: 'stays up',
      verdict: 'FAIL',
      correctness: true,
    }));
}

export function ingestRows(runs: IngestRun[]): Row[] {
  const by = (name: IngestName) => {
    const run = runs.find((r) => r.name === name);
    if (!run) throw new Error(`no ${name} ingest run`);
    return run;
  };
  const ceiling = by('ceiling');
  const baseline = by('baseline');
  return [
    {
      figure: 'ingest ceiling req/s, p50 / p99 ms',
      ours: whole(ceiling.load.requestsPerSecond),
      other: latencyText(ceiling),
      ratio: '',
      target: '',
      verdict: '',
      correctness: false,
    },
    ...ourIngestRows(by('REST'), baseline, ceiling),
    ...ourIngestRows(by('tRPC'), baseline, ceiling),
    ...ourIngestRows(by('REST end'), by('baseline end'), ceiling, true),
    ...ourIngestRows(by('tRPC end'), by('baseline end'), ceiling, true),
    ...crashRows(runs),
  ];
}

export function readRows(size: SizeResult): Row[] {
  return size.reads.map((read) => {
    const ratio = read.naive.p95Ms / read.ours.p95Ms;
    const fast = read.ours.p95Ms <= targets.readP95Ms && ratio >= targets.naiveOverOurs;
    return {
      figure: `read ${read.figure} @${sizeLabel(size.sessions)} p50 / p95 ms`,
      ours: `${fixed(read.ours.p50Ms)} / ${fixed(read.ours.p95Ms)}`,
      other: `${fixed(read.naive.p50Ms)} / ${fixed(read.naive.p95Ms)}`,
      ratio: times(ratio),
      target: `<= ${targets.readP95Ms} ms, >= ${targets.naiveOverOurs}x, equal`,
      verdict: read.equal ? verdict(fast) : 'FAIL',
      correctness: !read.equal,
    };
  });
}

/** How each figure's p95 grew from the first size to the last: ours should hardly grow, naive tenfold. */
export function growthRows(first: SizeResult, last: SizeResult): Row[] {
  const grown = `${sizeLabel(last.sessions)}/${sizeLabel(first.sessions)}`;
  return last.reads.map((read) => {
    const before = first.reads.find((r) => r.figure === read.figure);
    return {
      figure: `growth ${read.figure} p95 ${grown}`,
      ours: times(read.ours.p95Ms / (before?.ours.p95Ms ?? Number.NaN)),
      other: times(read.naive.p95Ms / (before?.naive.p95Ms ?? Number.NaN)),
      ratio: '',
      target: '',
      verdict: '',
      correctness: false,
    };
  });
}
