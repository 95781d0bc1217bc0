/**
 * The rollout dashboard's figures, kept a short while per range and board. Every figure is an
 * aggregate over the range's questions (dashboard.ts): 19,000 questions in 30 days cost about
 * 30 ms of database work, 366 days twice that, and a dashboard left open in a few staff tabs, or
 * reloaded, asks again and again for the same answer. As Discourse does for its admin reports,
 * the figures are computed at most once per DASHBOARD_CACHE_SECONDS (30 in production) per
 * process and range, and the page says when they were computed. A process that has not computed
 * them computes its own, so nothing must be shared between processes; at most
 * DASHBOARD_CACHE_ENTRIES ranges are kept (least recently used go), so ranges cannot pile up.
 */
import { LRUCache } from 'lru-cache';
import type { Database } from '../../db';
import { computeDashboard, Dashboard, DashboardRange } from './dashboard';

export const DASHBOARD_CACHE_ENTRIES = 100;

export interface ComputedDashboard {
  figures: Dashboard;
  computedAt: Date;
}

export function createDashboardCache(db: Database, ttlSeconds: number) {
  const kept = ttlSeconds > 0 ? new LRUCache<string, ComputedDashboard>({ max: DASHBOARD_CACHE_ENTRIES, ttl: ttlSeconds * 1000 }) : null;
  // Requests for a range already being computed wait for that computation instead of starting another.
  const running = new Map<string, Promise<ComputedDashboard>>();
  return async function dashboardOf(range: DashboardRange, now: Date): Promise<ComputedDashboard> {
    if (!kept) return { figures: await computeDashboard(db, range, now), computedAt: now };
    const key = `${range.from.toISOString()}|${range.to.toISOString()}|${range.boardId ?? ''}`;
    const hit = kept.get(key);
    if (hit) return hit;
    let computing = running.get(key);
    if (!computing) {
      computing = computeDashboard(db, range, now)
        .then((figures) => {
          const computed = { figures, computedAt: now };
          kept.set(key, computed);
          return computed;
        })
        .finally(() => running.delete(key));
      running.set(key, computing);
    }
    return computing;
  };
}
