/** Reading routes: home, boards, threads, post permalinks. */
import { Router } from 'express';
import type { Database } from '../db';
import { createForumController } from '../controllers/forumController';

export function forumRoutes(db: Database): Router {
  const forum = createForumController(db);
  const router = Router();
  router.get('/', forum.home);
  router.get('/b/:boardSlug', forum.board);
  router.get('/t/:threadId', forum.thread);
  router.get('/t/:threadId/:slug', forum.thread);
  router.get('/t/:threadId/:slug/:postNumber', forum.post);
  return router;
}
