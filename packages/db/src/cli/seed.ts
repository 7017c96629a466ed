import { parseArgs } from 'node:util';
import { seedDemoData } from '../seed/demo.js';
import { progressBar } from './progress.js';
import { withDatabase } from './run.js';

const usage = 'usage: npm run seed -- [--companies 5] [--days 60] [--sessions 20000] [--seed N]';

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name} must be a positive whole number, got "${value}"\n${usage}`);
    process.exit(2);
  }
  return n;
}

const { values } = parseArgs({
  options: {
    companies: { type: 'string' },
    days: { type: 'string' },
    sessions: { type: 'string' },
    seed: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const options = {
  companies: positiveInt('companies', values.companies, 5),
  days: positiveInt('days', values.days, 60),
  sessions: positiveInt('sessions', values.sessions, 20_000),
  seed: values.seed === undefined ? undefined : positiveInt('seed', values.seed, 1),
};

await withDatabase(async (handle) => {
  const bar = progressBar('sessions');
  const result = await seedDemoData(handle.db, {
    ...options,
    onProgress: (written, total) => bar.update(written, total),
  });
  bar.stop();
  console.log(
    `seeded ${result.companies} companies, ${result.content} content items and ${result.sessions} view sessions ` +
      `into ${handle.driver === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : 'the embedded PGlite'}`,
  );
});
