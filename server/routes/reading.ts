/** Reading routes: catch-up views of a thread, followed threads, a thread's live events. */
import { Router } from 'express';
import type { Config } from '../config';
import type { Database } from '../db';
import type { Lifecycle } from '../lifecycle/shutdown';
import { createLiveController } from '../controllers/liveController';
import { createReadingController } from '../controllers/readingController';
import { requireSignIn } from '../middleware/requireSignIn';

export function readingRoutes(db: Database, config: Config, lifecycle: Lifecycle): Router {
  const reading = createReadingController(db);
  const live = createLiveController(db, config, lifecycle);
  const router = Router();
  router.get('/following', requireSignIn, reading.followed);
  // Only with ?view=…; the plain thread page is forumRoutes' (the controller passes it on).
  router.get('/live/t/:threadId', live.events);
  router.get('/t/:threadId/:slug', reading.catchUp);
  return router;
}
