import { parseArgs } from 'node:util';

export interface BenchOptions {
  mode: 'full' | 'quick';
  /** Session counts to generate and read at, growing the same database: each must exceed the one before. */
  sessions: number[];
  /** Measured ingest seconds per server, split evenly over the rounds. */
  durationSeconds: number;
  /** Ingest rounds: each gives every server its turn, so that the machine's drift falls on all alike. */
  ingestRounds: number;
  /** Seconds of load before each measured run, so that no server is measured while its JIT warms up. */
  warmupSeconds: number;
  connections: number;
  /** Timed calls per read figure: ours over HTTP, naive in-process. */
  ourCalls: number;
  naiveCalls: number;
  /** Keep the temporary database for a look afterwards. */
  keep: boolean;
}

const usage = `usage: npm run bench [-- --quick] [-- --sessions=1000000,10000000] [-- --duration=20] [-- --rounds=4] [-- --keep]`;

function count(flag: string, text: string): number {
  const value = Number(text.replaceAll('_', ''));
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new Error(`--${flag}: must be a whole number above 0, got "${text}"\n${usage}`);
  }
  return value;
}

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      sessions: { type: 'string' },
      duration: { type: 'string' },
      rounds: { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
  });
  const quick = values.quick;
  const sessions = values.sessions
    ? values.sessions.split(',').map((part) => count('sessions', part.trim()))
    : quick
      ? [100_000]
      : [1_000_000, 10_000_000];
  if (sessions.some((n, i) => i > 0 && n <= (sessions[i - 1] ?? 0))) {
    throw new Error(`--sessions: each size must be larger than the one before, got ${sessions.join(',')}`);
  }
  return {
    mode: quick ? 'quick' : 'full',
    sessions,
    durationSeconds: values.duration ? count('duration', values.duration) : quick ? 6 : 20,
    ingestRounds: values.rounds ? count('rounds', values.rounds) : quick ? 2 : 4,
    warmupSeconds: quick ? 1 : 3,
    connections: 64,
    ourCalls: quick ? 10 : 30,
    naiveCalls: 3,
    keep: values.keep,
  };
}
