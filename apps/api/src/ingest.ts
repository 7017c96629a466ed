import { createIngest } from '@arv/api-contract';
import type { Database, DatabaseHandle } from '@arv/db';
import type { FastifyInstance } from 'fastify';
import { Gauge } from 'prom-client';
import type { Metrics } from './metrics.js';

export interface IngestOptions {
  queueMax?: number;
  batchMax?: number;
  /** Tells the content cache when ar_content changes, in this process or another. */
  listen?: DatabaseHandle['listen'];
}

/** The server's tracking write path: group commit and a content cache that NOTIFY from ar_content clears. */
export async function registerIngest(
  app: FastifyInstance,
  db: Database,
  metrics: Metrics,
  options: IngestOptions,
) {
  const ingest = createIngest(db, {
    ...(options.queueMax === undefined ? {} : { maxQueue: options.queueMax }),
    ...(options.batchMax === undefined ? {} : { maxBatch: options.batchMax }),
    onCommit(write, items, seconds) {
      metrics.ingestBatchSize.observe({ write }, items);
      metrics.ingestCommitSeconds.observe({ write }, seconds);
    },
  });
  new Gauge({
    name: 'arv_ingest_queued',
    help: 'Tracking events (starts, ends, updates) waiting for a group-commit write',
    registers: [metrics.registry],
    collect() {
      this.set(ingest.queued());
    },
  });
  const unlisten = await options.listen?.('ar_content_changed', ingest.contentChanged);
  app.decorate('ingest', ingest);
  app.addHook('onClose', async () => {
    await ingest.drain();
    // A database closed before the server has already dropped the subscription.
    await unlisten?.().catch(() => {});
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    ingest: ReturnType<typeof createIngest>;
  }
}
