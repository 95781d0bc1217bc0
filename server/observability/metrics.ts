/**
 * Prometheus metrics (prom-client), on only when METRICS_TOKEN is set. Each app has its own
 * registry (tests build many apps in one process). Under start:cluster, GET /metrics on any
 * worker asks the primary, whose AggregatorRegistry collects every worker's registry (see
 * clusterMetrics.ts), so one scrape covers the whole cluster.
 */
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db';
import { routePattern } from './route';

/** Queues whose depth is reported; the email outbox and approval queues add their names here. */
export type QueueName = 'sqlite_writes';

export interface Metrics {
  registry: Registry;
  /** Times every request by method, route pattern and status. */
  timeRequests: RequestHandler;
  /** Open server-sent-event streams; 0 until the forum has any. */
  sseConnections: Gauge;
  /** Adds a queue whose depth is read at every scrape. */
  reportQueue(queue: QueueName, depth: () => number): void;
  /** Stops the timers default metrics keep (event-loop lag, GC). */
  stop(): void;
}

export function createMetrics(db: Database): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });

  const requestDuration = new Histogram({
    name: 'forum_http_request_duration_seconds',
    help: 'Time to answer a request, by route pattern (never the raw URL) and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const queryDuration = new Histogram({
    name: 'forum_db_query_duration_seconds',
    help: 'Time each SQL statement took',
    buckets: [0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
    registers: [registry],
  });
  const stopTiming = db.observeQueryDurations((seconds) => queryDuration.observe(seconds));

  new Gauge({
    name: 'forum_db_pool_connections',
    help: 'PostgreSQL connection pool: connections by state (absent on SQLite)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const pool = db.stats().pool;
      if (!pool) return;
      this.set({ state: 'idle' }, pool.idle);
      this.set({ state: 'in_use' }, pool.inUse);
      this.set({ state: 'waiting' }, pool.waiting);
    },
  });

  const queues = new Map<QueueName, () => number>([['sqlite_writes', () => db.stats().queuedWrites]]);
  new Gauge({
    name: 'forum_queue_depth',
    help: 'Items waiting in an in-process queue, by queue',
    labelNames: ['queue'] as const,
    registers: [registry],
    collect() {
      for (const [queue, depth] of queues) this.set({ queue }, depth());
    },
  });

  const sseConnections = new Gauge({
    name: 'forum_sse_connections_open',
    help: 'Open server-sent-event streams',
    registers: [registry],
  });
  sseConnections.set(0);

  const timeRequests: RequestHandler = (req, res, next) => {
    const end = requestDuration.startTimer();
    res.once('finish', () => end({ method: req.method, route: routePattern(req, res), status: String(res.statusCode) }));
    next();
  };

  return {
    registry,
    timeRequests,
    sseConnections,
    reportQueue: (queue, depth) => { queues.set(queue, depth); },
    stop() {
      stopTiming();
      registry.clear();
    },
  };
}
