/**
 * A page made for one visitor (a signed-in member's, or one holding a session's CSRF token) must
 * not be kept by a shared cache (a CDN or proxy in front of the forum) and served to someone else:
 * it says so with Cache-Control, and the anonymous page cache reads the same mark. The browser may
 * keep it but asks again before reusing it (no-cache), and the weak ETag makes that answer a 304.
 */
import type { Response } from 'express';

export const PERSONAL_CACHE_CONTROL = 'private, no-cache';

export function markPersonal(res: Response): void {
  res.locals.personal = true;
  // A route that set its own (an avatar's immutable image, a draft's no-store) keeps it.
  if (!res.headersSent && !res.getHeader('Cache-Control')) res.setHeader('Cache-Control', PERSONAL_CACHE_CONTROL);
}
