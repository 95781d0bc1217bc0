/**
 * Health checks for load balancers and process managers, unauthenticated and cheap:
 * GET /healthz — the process is up and its event loop turns;
 * GET /readyz — it can serve: the database answers and has every migration this code knows
 * (503 otherwise, and from the first shutdown signal on, so traffic drains before it stops).
 * Mounted before the page cache and excluded from the request log.
 */
import { Router } from 'express';
import type { Database } from '../db';
import type { Lifecycle } from '../lifecycle/shutdown';
import { createMigrator } from '../../models/migrations';

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function healthRoutes(db: Database, lifecycle: Lifecycle): Router {
  const router = Router();
  // Once every migration is applied it stays so for this process; later checks only ping.
  let migrationsCurrent = false;

  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    if (lifecycle.stopping) {
      res.status(503).json({ status: 'stopping' });
      return;
    }
    try {
      await withTimeout(db.sequelize.query('SELECT 1'), CHECK_TIMEOUT_MS);
      if (!migrationsCurrent) {
        const pending = await withTimeout(createMigrator(db.sequelize).pending(), CHECK_TIMEOUT_MS);
        if (pending.length) {
          res.status(503).json({ status: 'migrations pending', pending: pending.map((migration) => migration.name) });
          return;
        }
        migrationsCurrent = true;
      }
      res.json({ status: 'ready' });
    } catch {
      // The reason goes to nobody outside: a load balancer needs only the status.
      res.status(503).json({ status: 'database unavailable' });
    }
  });
  return router;
}
