/**
 * The verification service's event feed. Mounted before sessions and CSRF: it needs neither, its
 * HMAC signature replaces both, and it reads the raw body (only here) to check that signature.
 */
import express, { Router } from 'express';
import type { Config } from '../config';
import type { Database } from '../db';
import { createVerificationFeedController } from '../controllers/verificationFeedController';

export const FEED_BODY_LIMIT = '64kb';

export function verificationFeedRoutes(db: Database, config: Pick<Config, 'verificationFeedSecret'>): Router {
  const feed = createVerificationFeedController(db, config);
  const router = Router();
  router.post('/api/verification-events', express.raw({ type: 'application/json', limit: FEED_BODY_LIMIT }), feed.receive, feed.jsonErrors);
  return router;
}
