/** The approval queue (/staff/approvals) and the page where an author sees their waiting post. */
import type { Request, Response } from 'express';
import type { PendingPost } from '../../models';
import type { Database } from '../db';
import { NotFoundError, ValidationError } from '../errors';
import { Actor, canApprovePosts, canViewPendingPost, ensure } from '../policies';
import { timeView } from '../presenters/forum';
import { presentAuthor } from '../presenters/members';
import { boardUrl, postAnchor, postUrl, threadUrl } from '../presenters/urls';
import { formatDay } from '../presenters/format';
import { decidePending, listPending, pendingPostOf } from '../services/approvals';
import { parseForm, refillableValues } from '../validation/forms';
import { approvalForm } from '../validation/reports';
import { parsePathNumber } from './params';

/** Where a waiting post goes: the thread it replies to, or the new thread's board and title. */
function destination(pending: PendingPost) {
  if (pending.thread) return { text: `a reply in ${pending.thread.title}`, url: threadUrl(pending.thread) };
  return { text: `a new thread "${pending.title ?? ''}" in ${pending.board?.name ?? 'a board'}`, url: pending.board ? boardUrl(pending.board.slug) : '/' };
}

function presentPending(pending: PendingPost) {
  return {
    id: pending.id,
    status: pending.status,
    // The text as written: not parsed on a read (it is rendered once, when published).
    source: pending.source,
    at: timeView(pending.createdAt),
    destination: destination(pending),
    reason: pending.reason,
    author: pending.author ? { ...presentAuthor(pending.author), postCount: Number(pending.author.postCount), joined: formatDay(pending.author.createdAt) } : null,
    actionUrl: `/staff/approvals/${pending.id}`,
  };
}

export function createApprovalController(db: Database) {
  async function renderQueue(res: Response, status: number, rejected: { id: number; values: Record<string, string>; errors: Record<string, string> } | null) {
    const pending = await listPending(db);
    res.status(status).render('staff/approvals', { title: 'Approval queue', items: pending.map(presentPending), rejected });
  }

  return {
    async queue(_req: Request, res: Response): Promise<void> {
      ensure(canApprovePosts(res.locals.actor));
      await renderQueue(res, 200, null);
    },

    async decide(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      ensure(canApprovePosts(actor));
      const id = parsePathNumber(req.params.pendingId);
      await pendingPostOf(db, id);
      try {
        const form = parseForm(approvalForm, req.body);
        const result = await decidePending(db, { id, actorId: actor.memberId!, approve: form.decision === 'approve', reason: form.reason });
        if (!result.decided) {
          res.status(409).render('staff/reviewHandled', { title: 'Already handled', handled: null, subject: 'This waiting post', backUrl: '/staff/approvals' });
          return;
        }
        res.redirect(303, '/staff/approvals');
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        await renderQueue(res, 422, { id, values: refillableValues(req.body, ['decision', 'reason']), errors: error.fieldErrors });
      }
    },

    async status(req: Request, res: Response): Promise<void> {
      const pending = await pendingPostOf(db, parsePathNumber(req.params.pendingId));
      if (!canViewPendingPost(res.locals.actor, pending).allowed) throw new NotFoundError('That post does not exist.');
      const published = pending.publishedPost;
      res.render('posting/pending', {
        title: 'Your post',
        pending: presentPending(pending),
        publishedUrl: published?.thread ? `${postUrl(published.thread, published.number)}#${postAnchor(published.number)}` : null,
      });
    },
  };
}
