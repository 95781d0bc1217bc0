/**
 * "Review 3" and "Questions 3" in the staff header: posts with open reports and open questions,
 * each capped at a hundred ("99+"). Both are read with the session (server/read/sessionMember.ts);
 * the counts are queried here only when that read did not carry them.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Database } from '../db';
import { canManageQuestions, canReviewReports } from '../policies';
import { preloadedStaffCounts } from '../read/sessionMember';
import { openQuestionCount } from '../services/questions/queue';
import { openItemCount } from '../services/reports';

export function loadStaffCounts(db: Database) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    res.locals.reviewCount = 0;
    res.locals.questionCount = 0;
    const actor = res.locals.actor;
    if (req.method === 'GET' && actor.memberId !== null) {
      const preloaded = preloadedStaffCounts(req, actor.memberId);
      if (canReviewReports(actor).allowed) res.locals.reviewCount = preloaded?.reviewItems ?? (await openItemCount(db));
      if (canManageQuestions(actor).allowed) res.locals.questionCount = preloaded?.openQuestions ?? (await openQuestionCount(db));
    }
    next();
  };
}
