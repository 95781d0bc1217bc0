/** Atom feed routes (mounted before the reading routes: "feed.atom" is not a thread slug). */
import { Router } from 'express';
import type { Config } from '../config';
import type { Database } from '../db';
import { createFeedController } from '../controllers/feedController';

export function feedRoutes(db: Database, config: Pick<Config, 'publicUrl'>): Router {
  const feeds = createFeedController(db, config);
  const router = Router();
  router.get('/b/:boardSlug/feed.atom', feeds.board);
  router.get('/t/:threadId/feed.atom', feeds.thread);
  router.get('/feeds/official-answers.atom', feeds.officialAnswers);
  return router;
}
