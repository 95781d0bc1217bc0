/** Writing routes: new threads, replies, edits and edit history. */
import { Router } from 'express';
import type { Config } from '../config';
import type { Database } from '../db';
import { createPostingController } from '../controllers/postingController';
import { requireSignIn } from '../middleware/requireSignIn';

export function postingRoutes(db: Database, config: Pick<Config, 'postsPerMinute' | 'editLimits' | 'firstPostApproval'>): Router {
  const posting = createPostingController(db, config);
  const router = Router();
  router.get('/b/:boardSlug/threads/new', requireSignIn, posting.newThreadPage);
  router.post('/b/:boardSlug/threads', requireSignIn, posting.createThread);
  router.get('/t/:threadId/replies/new', requireSignIn, posting.replyPage);
  router.post('/t/:threadId/replies', requireSignIn, posting.createReply);
  router.get('/posts/:postId/edit', requireSignIn, posting.editPage);
  router.post('/posts/:postId/edit', requireSignIn, posting.saveEdit);
  router.get('/posts/:postId/history', posting.history);
  return router;
}
