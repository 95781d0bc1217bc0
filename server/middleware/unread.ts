/** The unread-notification count in the header: one indexed count per page for signed-in members. */
import type { NextFunction, Request, Response } from 'express';
import type { Database } from '../db';
import { isSignedIn, isStaff } from '../policies';
import { unreadCount } from '../services/notifications';

export function loadUnreadCount(db: Database) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    res.locals.unreadCount = 0;
    const actor = res.locals.actor;
    if (req.method === 'GET' && isSignedIn(actor)) {
      res.locals.unreadCount = await unreadCount(db, { memberId: actor.memberId, isStaff: isStaff(actor) });
    }
    next();
  };
}
