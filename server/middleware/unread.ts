/** The unread-notification count in the header: usually read with the session row, else one indexed count. */
import type { NextFunction, Request, Response } from 'express';
import type { Database } from '../db';
import { isSignedIn, isStaff } from '../policies';
import { preloadedUnreadCount, preloadedUnreadMessages } from '../read/sessionMember';
import { unreadMessageCount } from '../services/messages/read';
import { unreadCount } from '../services/notifications';

export function loadUnreadCount(db: Database) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    res.locals.unreadCount = 0;
    res.locals.unreadMessages = 0;
    const actor = res.locals.actor;
    if (req.method === 'GET' && isSignedIn(actor)) {
      const reader = { memberId: actor.memberId, isStaff: isStaff(actor) };
      res.locals.unreadCount = preloadedUnreadCount(req, reader) ?? (await unreadCount(db, reader));
      res.locals.unreadMessages = preloadedUnreadMessages(req, actor.memberId) ?? (await unreadMessageCount(db, actor.memberId));
    }
    next();
  };
}
