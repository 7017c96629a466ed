import { z } from 'zod';

const list = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

const unitSeconds = { s: 1, m: 60, h: 3600 } as const;

/** "10/15m": at most 10 per client address in a window of 15 minutes. */
const rateLimit = (fallback: string) =>
  z
    .string()
    .regex(/^[1-9]\d*\/[1-9]\d*[smh]$/, {
      error: 'must be ATTEMPTS/WINDOW with the window in s, m or h, e.g. 10/15m',
    })
    .default(fallback)
    .transform((value) => {
      const [attempts = '', window = ''] = value.split('/');
      const unit = window.slice(-1) as keyof typeof unitSeconds;
      return { attempts: Number(attempts), windowSeconds: Number(window.slice(0, -1)) * unitSeconds[unit] };
    });

export const defaultSignInRateLimit = rateLimit('10/15m').parse(undefined);

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: 'must be a postgres:// or postgresql:// URL' })
    .optional(),
  PGLITE_DIR: z.string().min(1).default('./.data/pglite'),
  // Uploaded AR assets (target images, compiled .mind targets, videos), served at /media/.
  MEDIA_DIR: z.string().min(1).default('./.data/media'),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(500).default(10),
  // Group commit keeps two writes of starts and two of outcomes running, plus content lookups on a miss.
  DB_INGEST_POOL_MAX: z.coerce.number().int().min(1).max(500).default(6),
  CORS_ORIGINS: list,
  // "true" trusts every proxy; anything else but "false" is a list of trusted proxy addresses or CIDRs.
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value): boolean | string[] => {
      if (value === 'true' || value === 'false') return value === 'true';
      return value.split(',').map((item) => item.trim());
    }),
  // /metrics is served only when protected: with a bearer token on the main port, or on an internal port.
  METRICS_TOKEN: z.string().min(16, { error: 'must be at least 16 characters' }).optional(),
  METRICS_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  // Sessions older than this many days are deleted (395: a year and a month, so year-on-year views stay).
  RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(395),
  RETENTION_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(10_080).default(60),
  // Bots (crawlers, HTTP libraries, headless browsers, by isbot) are not counted as views unless turned off.
  BOT_FILTER: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('true')
    .transform((v) => v === 'true'),
  // Privacy: client addresses are stored cut to their /24 (IPv4) or /48 (IPv6), or not at all.
  IP_ADDRESS_STORAGE: z.enum(['truncate', 'drop'], { error: 'must be truncate or drop' }).default('truncate'),
  // Headers a trusted proxy sets with the visitor's country and city (e.g. cloudfront-viewer-country);
  // read only from requests whose direct peer is in TRUST_PROXY.
  GEO_COUNTRY_HEADER: z.string().toLowerCase().optional(),
  GEO_CITY_HEADER: z.string().toLowerCase().optional(),
  // Group commit: starts waiting for a write at most (past it, 503), and starts one INSERT takes at most.
  INGEST_QUEUE_MAX: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  INGEST_BATCH_MAX: z.coerce.number().int().min(1).max(2_000).default(500),
  // How often logged changes are folded into the rollups; figures are exact either way, reads get slower
  // as the log grows.
  ROLLUP_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(2_000),
  ANALYZE_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SIGNIN_RATE_LIMIT: rateLimit('10/15m'),
  // A visit makes a handful of tracking calls; a venue's shared address may carry hundreds of visitors.
  TRACKING_RATE_LIMIT: z.union([z.literal('off'), rateLimit('600/1m')], {
    error: 'must be off, or ATTEMPTS/WINDOW with the window in s, m or h, e.g. 600/1m',
  }),
});

export type Env = z.infer<typeof envSchema>;

/** Reads the configuration; a bad value stops the process with a message naming the variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // An empty variable means "not set", as shells and compose files often leave them.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = envSchema.safeParse(present);
  if (result.success) return result.data;
  const problems = result.error.issues
    .map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
    .join('\n');
  console.error(`invalid configuration:\n${problems}`);
  process.exit(1);
}
