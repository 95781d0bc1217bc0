/** Following threads and boards, and the notifications that come of it. */
import type { Request, Response } from 'express';
import type { Database } from '../db';
import { NotFoundError } from '../errors';
import { Actor, canFollow, canReadNotifications, ensure, isStaff } from '../policies';
import { BADGE_PAGE, presentNotifications } from '../presenters/notifications';
import { boardUrl, postAnchor, postUrl, threadUrl } from '../presenters/urls';
import { readNotifications } from '../read/notifications';
import { follow, unfollow } from '../services/following';
import { markAllRead, markRead } from '../services/notifications';
import { getThread } from '../services/threads';
import { parsePathNumber } from './params';
import { ensureThreadVisible } from './visible';

export function createFollowController(db: Database) {
  async function boardFromParams(req: Request) {
    const board = await db.models.Board.findOne({ where: { slug: String(req.params.boardSlug) } });
    if (!board) throw new NotFoundError('There is no board at this address.');
    return board;
  }

  return {
    thread: (following: boolean) => async (req: Request, res: Response): Promise<void> => {
      const actor: Actor = res.locals.actor;
      ensure(canFollow(actor));
      const thread = await getThread(db, parsePathNumber(req.params.threadId));
      ensureThreadVisible(actor, thread);
      await (following ? follow : unfollow)(db, 'thread', thread.id, actor.memberId!);
      res.redirect(303, threadUrl(thread));
    },

    board: (following: boolean) => async (req: Request, res: Response): Promise<void> => {
      const actor: Actor = res.locals.actor;
      ensure(canFollow(actor));
      const board = await boardFromParams(req);
      await (following ? follow : unfollow)(db, 'board', board.id, actor.memberId!);
      res.redirect(303, boardUrl(board.slug));
    },

    async notifications(_req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      ensure(canReadNotifications(actor));
      const notifications = await readNotifications(db, { memberId: actor.memberId!, isStaff: isStaff(actor) });
      res.render('members/notifications', { title: 'Notifications', groups: presentNotifications(notifications) });
    },

    /** Opening a notification marks it read and goes to its post. */
    async open(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      ensure(canReadNotifications(actor));
      const through = typeof req.body?.through === 'string' && /^[1-9][0-9]{0,9}$/.test(req.body.through) ? Number(req.body.through) : null;
      const notification = await markRead(db, actor.memberId!, parsePathNumber(req.params.notificationId), through);
      if (notification?.kind === 'badge') {
        res.redirect(303, BADGE_PAGE);
        return;
      }
      if (!notification || !notification.thread) throw new NotFoundError('That notification does not exist.');
      const number = notification.post?.number;
      res.redirect(303, number ? `${postUrl(notification.thread, number)}#${postAnchor(number)}` : threadUrl(notification.thread));
    },

    async readAll(_req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      ensure(canReadNotifications(actor));
      await markAllRead(db, actor.memberId!);
      res.redirect(303, '/notifications');
    },
  };
}
