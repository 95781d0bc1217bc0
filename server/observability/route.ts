/**
 * The route a request matched, as a pattern ("/t/:threadId/:slug"), for log lines and metric
 * labels. Never the raw URL: query values and path parameters may hold what a member typed, and a
 * label per URL would grow without bound. Read when the response finishes.
 */
import type { Request, Response } from 'express';

/** Requests no route answered: 404s, static files, and pages served from the anonymous page cache. */
export const UNMATCHED = 'unmatched';
export const STATIC_FILES = '/public/*';
export const PAGE_CACHE = 'page-cache';

function patternText(path: unknown): string {
  if (typeof path === 'string') return path;
  if (Array.isArray(path)) return path.map(patternText).join('|');
  return String(path);
}

export function routePattern(req: Request, res: Response): string {
  const route = (req as { route?: { path?: unknown } }).route;
  // Our routers are mounted at the root, so baseUrl is empty; it is kept for a router mounted at a path.
  if (route?.path !== undefined) return `${req.baseUrl ?? ''}${patternText(route.path)}`;
  if (req.originalUrl.startsWith('/public/')) return STATIC_FILES;
  // A cache hit is answered before routing; the cache marks it (server/middleware/anonymousCache.ts).
  if (res.getHeader('x-anonymous-cache') === 'hit') return PAGE_CACHE;
  return UNMATCHED;
}
