/** "Review 3" in the staff header: the number of posts with open reports, one indexed count per staff page. */
import type { NextFunction, Request, Response } from 'express';
import type { Database } from '../db';
import { canReviewReports } from '../policies';
import { openItemCount } from '../services/reports';

export function loadReviewCount(db: Database) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    res.locals.reviewCount = 0;
    if (req.method === 'GET' && canReviewReports(res.locals.actor).allowed) res.locals.reviewCount = await openItemCount(db);
    next();
  };
}
