/** "Questions 3" in the staff header: the open questions, one indexed count per staff page view. */
import type { NextFunction, Request, Response } from 'express';
import type { Database } from '../db';
import { canManageQuestions } from '../policies';
import { openQuestionCount } from '../services/questions/queue';

export function loadQuestionCount(db: Database) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    res.locals.questionCount = 0;
    if (req.method === 'GET' && canManageQuestions(res.locals.actor).allowed) res.locals.questionCount = await openQuestionCount(db);
    next();
  };
}
