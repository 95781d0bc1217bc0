/** Reading routes: catch-up views of a thread, followed threads, a thread's live events. */
import { Router } from 'express';
import type { Database } from '../db';
import { createReadingController } from '../controllers/readingController';
import { requireSignIn } from '../middleware/requireSignIn';

export function readingRoutes(db: Database): Router {
  const reading = createReadingController(db);
  const router = Router();
  router.get('/following', requireSignIn, reading.followed);
  // Only with ?view=…; the plain thread page is forumRoutes' (the controller passes it on).
  router.get('/t/:threadId/:slug', reading.catchUp);
  return router;
}
