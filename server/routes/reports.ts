/** Reporting posts, the staff review queue, and the approval queue for new members' first posts. */
import { Router } from 'express';
import type { Config } from '../config';
import type { Database } from '../db';
import { createApprovalController } from '../controllers/approvalController';
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
  const approvals = createApprovalController(db);
  router.get('/staff/approvals', requireSignIn, approvals.queue);
  router.post('/staff/approvals/:pendingId', requireSignIn, approvals.decide);
  router.get('/posts/pending/:pendingId', requireSignIn, approvals.status);
  return router;
}
