/**
 * Everything operations needs on every request, mounted first by createApp: Connection: close
 * while stopping, the request id and log line, request timing for metrics, and the health and metrics routes (before the page cache,
 * sessions and CSRF, which they do not need).
 */
import type { Express } from 'express';
import type { Config } from '../config';
import type { Database } from '../db';
import { closeConnectionsWhileStopping } from '../lifecycle/connectionClose';
import type { Lifecycle } from '../lifecycle/shutdown';
import { healthRoutes } from '../routes/health';
import { metricsRoutes } from '../routes/metrics';
import type { Logger } from './logger';
import { joinClusterMetrics } from './clusterMetrics';
import { createMetrics } from './metrics';
import { requestLogger } from './requestLog';

export function mountOperations(app: Express, deps: { db: Database; config: Config; logger: Logger; lifecycle: Lifecycle }): void {
  const metrics = deps.config.metricsToken ? createMetrics(deps.db) : null;
  if (metrics) {
    joinClusterMetrics(metrics.registry);
    deps.lifecycle.onShutdown('metrics', () => metrics.stop());
  }
  app.use(closeConnectionsWhileStopping(deps.lifecycle));
  app.use(requestLogger(deps.logger));
  if (metrics) app.use(metrics.timeRequests);
  app.use(healthRoutes(deps.db, deps.lifecycle));
  app.use(metricsRoutes(metrics, deps.config.metricsToken));
}
