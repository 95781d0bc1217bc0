/**
 * GET /metrics in Prometheus's text format, for a scraper holding METRICS_TOKEN as a bearer
 * token. Always mounted (so the route table is the same in every configuration) but answers 404
 * while no token is set, and 401 to a wrong or missing token.
 */
import crypto from 'node:crypto';
import { Router } from 'express';
import type { Metrics } from '../observability/metrics';
import { metricsText } from '../observability/clusterMetrics';

/** Compares digests, so the time taken says nothing about how much of the token matched. */
function sameToken(given: string, expected: string): boolean {
  const digest = (value: string) => crypto.createHash('sha256').update(value).digest();
  return crypto.timingSafeEqual(digest(given), digest(expected));
}

export function metricsRoutes(metrics: Metrics | null, token: string | null): Router {
  const router = Router();
  router.get('/metrics', async (req, res, next) => {
    if (!metrics || !token) {
      next();
      return;
    }
    const match = /^Bearer ([\x21-\x7e]+)$/.exec(req.get('authorization') ?? '');
    if (!match || !sameToken(match[1], token)) {
      res.status(401).set('WWW-Authenticate', 'Bearer realm="metrics"').type('text/plain').send('A valid bearer token is required.');
      return;
    }
    try {
      const text = await metricsText(metrics.registry);
      res.set('Cache-Control', 'no-store').type(metrics.registry.contentType).send(text);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
