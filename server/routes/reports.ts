/** Reporting posts, the staff review queue, and sanctions and staff notes on members. */
import { Router } from 'express';
import type { Config } from '../config';
import type { Database } from '../db';
import { createReportController } from '../controllers/reportController';
import { createReviewController } from '../controllers/reviewController';
import { requireSignIn } from '../middleware/requireSignIn';

export function reportRoutes(db: Database, config: Config): Router {
  const reports = createReportController(db, config);
  const review = createReviewController(db);
  const router = Router();
  router.get('/posts/:postId/report', requireSignIn, reports.form);
  router.post('/posts/:postId/report', requireSignIn, reports.submit);
  router.get('/staff/review', requireSignIn, review.queue);
  router.post('/staff/review/:postId', requireSignIn, review.act);
  return router;
}
