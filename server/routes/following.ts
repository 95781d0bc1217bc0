/** Following and notification routes. */
import { Router } from 'express';
import type { Database } from '../db';
import { createFollowController } from '../controllers/followController';
import { requireSignIn } from '../middleware/requireSignIn';

export function followingRoutes(db: Database): Router {
  const following = createFollowController(db);
  const router = Router();
  router.post('/t/:threadId/follow', requireSignIn, following.thread(true));
  router.post('/t/:threadId/unfollow', requireSignIn, following.thread(false));
  router.post('/b/:boardSlug/follow', requireSignIn, following.board(true));
  router.post('/b/:boardSlug/unfollow', requireSignIn, following.board(false));
  router.get('/notifications', requireSignIn, following.notifications);
  router.post('/notifications/read-all', requireSignIn, following.readAll);
  router.post('/notifications/:notificationId/open', requireSignIn, following.open);
  return router;
}
