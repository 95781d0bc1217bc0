/** The staff Q&A desk: the questions queue, the desk's actions on posts, the dashboard and saved replies. */
import { Router } from 'express';
import type { Config } from '../config';
import type { Database } from '../db';
import { createDeskController } from '../controllers/deskController';
import { createSavedRepliesController } from '../controllers/savedRepliesController';
import { requireSignIn } from '../middleware/requireSignIn';

export function deskRoutes(db: Database, config: Pick<Config, 'questionClaimMinutes' | 'deskLimits' | 'dashboardCacheSeconds'>): Router {
  const desk = createDeskController(db, config);
  const saved = createSavedRepliesController(db, config);
  const router = Router();
  router.get('/staff/questions', requireSignIn, desk.queue);
  router.post('/posts/:postId/question', requireSignIn, desk.mark);
  router.post('/posts/:postId/question/remove', requireSignIn, desk.unmark);
  router.post('/posts/:postId/question/claim', requireSignIn, desk.claim);
  router.post('/posts/:postId/question/release', requireSignIn, desk.release);
  router.post('/posts/:postId/question/answered', requireSignIn, desk.answered);
  router.post('/posts/:postId/question/not-needed', requireSignIn, desk.notNeeded);
  router.get('/staff/dashboard', requireSignIn, desk.dashboard);
  router.get('/staff/dashboard/export', requireSignIn, desk.exportCsv);
  router.get('/staff/saved-replies', requireSignIn, saved.list);
  router.post('/staff/saved-replies', requireSignIn, saved.create);
  router.get('/staff/saved-replies/:replyId/edit', requireSignIn, saved.editPage);
  router.post('/staff/saved-replies/:replyId', requireSignIn, saved.update);
  router.post('/staff/saved-replies/:replyId/delete', requireSignIn, saved.remove);
  return router;
}
